-- H2's part of V16. H2 gives every foreign key an index of its own unless one exists when the
-- key is declared: reports_import_job, created after the key on import_job_id, duplicated it
-- (same column), so every insert maintained both. (The other report_id indexes become the only
-- ones once V16.3 drops the foreign keys that had their own.)
drop index reports_import_job;
