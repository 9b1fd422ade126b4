-- The job queue's protocol (docs/jobs.md).
--
-- Leases: a claim holds until lease_until; the worker's heartbeat pushes it forward while the
-- handler runs, so a long job is never handed to a second node while its first is alive. Each
-- claim gets a fresh lease_token: a worker finishes (or fails) a job only while the row still
-- carries its token, so a node that lost its lease (stalled, then taken over) cannot overwrite
-- the outcome of the node that took the job.
alter table jobs add column lease_until timestamp with time zone;
alter table jobs add column lease_token uuid;

-- Re-run requests: work asked for while the job runs (a new hash set during "re-match
-- everything") is not covered by the run under way; the flag makes the job READY again when
-- that run ends, instead of DONE.
alter table jobs add column rerun_requested boolean not null default false;

-- Claims made before this version held for 10 minutes from claimed_at, and carry no token: they
-- are taken over once that time has passed, which is what their nodes expected.
update jobs set lease_until = claimed_at + interval '10 minutes'
where status = 'RUNNING' and claimed_at is not null;
update jobs set lease_until = run_after
where status = 'RUNNING' and claimed_at is null;

-- The claim looks only at jobs still to run or running; finished ones accumulate (one per import
-- run and stage) and need not be read again.
create index jobs_open on jobs (id) where status in ('READY', 'RUNNING');
