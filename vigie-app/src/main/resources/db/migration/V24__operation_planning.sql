-- Planning an operation in the browser: the hour H of its day (Paris time), set when it is
-- created; each target is then planned at that day and hour. Operations created before V24 have
-- none (their targets keep their own planned_at).
alter table operations add column h_hour time;
