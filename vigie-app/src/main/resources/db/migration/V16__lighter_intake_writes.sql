-- Every index on the tables an import fills is paid for on every row of every import: at 250,000
-- reports a year that is 7 million rows, and a random-key index that no longer fits in memory
-- makes each of them a disk write. This keeps the indexes something reads and drops the others
-- (docs/benchmarks.md, "Report intake", has the figures).

-- Nothing looks IP events up by address: attribution reads them in id order.
drop index ip_events_ip;

-- Identifiers are looked up by canonical key (kind is filtered after): the index on
-- canonical_key alone serves linking, case work and search.
drop index reported_identifiers_key;

-- Names are searched through lower(last_name), which this index cannot serve.
drop index report_persons_last_name;

-- Media were found by their declared MD5, SHA-1 or SHA-256 through three indexes of hex text
-- (random keys of 33 to 65 bytes each). A row is now found by one key: the first 64 bits of the
-- first digest it declares, MD5 (which CyberTipline gives for every file), else SHA-1, else
-- SHA-256; the full hashes are then compared on the rows found (JdbcMediaRecords.declaring).
-- One random-key index a row instead of two or three: at 2.6 million media rows (250,000
-- reports) a second one alone cost an import into PostgreSQL some 35 s, its pages no longer
-- fitting in shared_buffers. Rows stored before get their key from the Java migration V16.2
-- (MediaDigestKeysMigration); the foreign keys of the tables an import fills go in V16.3
-- (IntakeForeignKeysMigration).
drop index media_md5;
drop index media_sha1;
drop index media_sha256;
alter table media add column digest_key bigint;
create index media_digest_key on media (digest_key);

-- "Media without content" is read in id order, which the primary key serves.
drop index media_content;
