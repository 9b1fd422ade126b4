-- PostgreSQL's part of V15's search indexes. With a non-C collation a plain b-tree cannot serve
-- "LIKE 'abc%'": the *_pattern_ops operator classes can, for equality and prefix alike. Names
-- are searched case-insensitively, through lower().
create index reported_identifiers_canonical_prefix on reported_identifiers (canonical_key varchar_pattern_ops);
create index reported_identifiers_original_prefix on reported_identifiers (lower(original_value) varchar_pattern_ops);
create index suspect_identifiers_canonical_prefix on suspect_identifiers (canonical_key varchar_pattern_ops);
create index reports_external_id_prefix on reports (external_id varchar_pattern_ops);
create index report_persons_last_name_lower on report_persons (lower(last_name) varchar_pattern_ops);
create index suspects_display_name_lower on suspects (lower(display_name) varchar_pattern_ops);
create index suspects_reference_prefix on suspects (reference varchar_pattern_ops);
create index cases_reference_prefix on cases (reference varchar_pattern_ops);
