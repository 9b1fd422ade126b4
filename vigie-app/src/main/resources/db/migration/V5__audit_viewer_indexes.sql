-- The audit viewer lists entries newest first (by id) under one or more filters, a page at a
-- time ("older than entry N"). An index on (filtered column, id) gives each filter its page by
-- reading only the rows shown; the V1 indexes ended with occurred_at and would make the database
-- sort every entry of a busy user to find the newest fifty. They are replaced, not added to, so
-- that each audit append still maintains the same number of indexes (plus one for periods).
drop index audit_log_actor;
drop index audit_log_object;
create index audit_log_actor_id on audit_log (actor, id);
create index audit_log_object_id on audit_log (object_type, object_id, id);
create index audit_log_action_id on audit_log (action, id);
create index audit_log_occurred_at on audit_log (occurred_at);
