-- Who asked for a queued report import, as the audit log names them: the worker that runs the
-- import later writes its entries (started, each committed batch, finished) under the
-- requester's role and client address. Null for jobs queued before this version and for
-- command-line imports, whose entries say CLI and the host.
alter table import_jobs add column requested_role varchar(16);
alter table import_jobs add column requested_from varchar(45);

-- Signed checkpoints of the audit chain (docs/audit.md, "Checkpoints"): the entry the last
-- interval checkpoint was taken at, and when. Moved under the head's lock by the append that
-- takes the next one, so that with several nodes exactly one of them takes each checkpoint.
alter table audit_head add column checkpoint_id bigint not null default 0;
alter table audit_head add column checkpoint_at timestamp with time zone;
