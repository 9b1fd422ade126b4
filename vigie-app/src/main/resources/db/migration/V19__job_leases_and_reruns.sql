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

-- Typed payloads: every kind's payload is now the JSON object of its record (docs/jobs.md,
-- "Payloads"), read strictly. The jobs written before, with their ad hoc strings, are rewritten
-- here so that a queued job survives the upgrade; a payload in none of the old forms is left as
-- it was, and its job is given up at its next run with the reason (nothing else is lost).
update jobs set payload = '{"importJobId":' || trim(payload) || '}'
where kind in ('match-import', 'attribute-import') and payload ~ '^\s*[0-9]+\s*$';

update jobs set payload = '{"importJobId":' || split_part(payload, E'\t', 1) || ',"file":'
    || to_json(substr(payload, strpos(payload, E'\t') + 1))::text || '}'
where kind = 'import-reports' and payload ~ E'^[0-9]+\t.';

update jobs set payload = '{"mediaIds":[' || replace(payload, ' ', '') || ']}'
where kind = 'match-media' and payload ~ '^[0-9]+( *, *[0-9]+)*$';

update jobs set payload = '{}'
where kind in ('rematch-media', 'attribute-all') and payload = 'all';

update jobs set payload = case
    when payload = 'rebuild' then '{"type":"rebuild"}'
    when payload like 'import:%' then '{"type":"import","importJobId":' || substr(payload, 8) || '}'
    else '{"type":"answer","answerId":' || substr(payload, 8) || '}' end
where kind = 'link-suspects' and payload ~ '^(rebuild|import:[0-9]+|answer:[0-9]+)$';

update jobs set payload = case
    when payload = 'all' then '{"type":"all","weightsVersion":"unrecorded"}'
    when payload like 'all:%' then '{"type":"all","weightsVersion":'
        || to_json(substr(payload, 5))::text || '}'
    when payload like 'import:%' then '{"type":"import","importJobId":' || substr(payload, 8) || '}'
    else '{"type":"suspects","suspectIds":[' || substr(payload, 10) || ']}' end
where kind = 'triage-rescore'
  and payload ~ '^(all|all:.+|import:[0-9]+|suspects:[0-9]+(,[0-9]+)*)$';
