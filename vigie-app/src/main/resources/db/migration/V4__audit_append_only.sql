-- The audit log is append-only: on PostgreSQL the database itself refuses to change or remove an
-- entry, whoever asks (the hash chain shows tampering after the fact; this stops it happening
-- through the application's own connection). Only a role that owns the table can disable these
-- triggers, which is why production runs the application under a role that does not own it
-- (docs/audit.md). H2, the embedded single-user database, has no equivalent and relies on the chain.
create function audit_log_refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % refused', tg_op
    using errcode = 'insufficient_privilege',
          hint = 'entries are never changed or removed; see docs/audit.md';
end;
$$;

create trigger audit_log_no_update_or_delete
  before update or delete on audit_log
  for each row execute function audit_log_refuse_change();

create trigger audit_log_no_truncate
  before truncate on audit_log
  for each statement execute function audit_log_refuse_change();
