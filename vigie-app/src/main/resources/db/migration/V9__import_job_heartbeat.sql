-- A report import refreshes heartbeat_at at every batch it commits (and at least every 30 s while
-- it waits for input), and names the process running it (host/pid). A RUNNING job whose
-- heartbeat is older than vigie.intake.stale-after (default 10 minutes), or whose process on this
-- same host is gone, is marked FAILED ("interrupted") by the next import that starts, on any node.
alter table import_jobs add column heartbeat_at timestamp with time zone;
alter table import_jobs add column runner varchar(100);
create index import_jobs_running on import_jobs (status, kind);
