-- Reopening a closed case (docs/cases.md, "Closing and reopening"): the step the case was
-- closed from, so that an audited reopening brings it back there. Null for cases closed before
-- this version (they reopen as OPEN) and for cases that are not closed.
alter table cases add column closed_from varchar(20)
  check (closed_from in ('OPEN', 'IDENTIFICATION', 'READY_FOR_ACTION', 'IN_OPERATION'));
