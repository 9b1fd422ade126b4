-- PostgreSQL's part of V16. The varchar_pattern_ops indexes of V15_1 serve equality as well as
-- "LIKE 'abc%'", so the plain indexes on the same columns are duplicates.
drop index reports_external_id;
drop index reported_identifiers_canonical;

-- Search finds identifiers by canonical key, as typed and lower-cased (JdbcSearch): the index on
-- lower(original_value) only slowed imports down.
drop index reported_identifiers_original_prefix;
