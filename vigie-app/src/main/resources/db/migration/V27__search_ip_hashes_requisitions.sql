-- The search box (fr.vigie.app.search) finds reports by an IP event's address or CIDR range,
-- media by their PDQ as typed, and requisitions by reference prefix. Each needs its index so
-- that a million IP events or media are never scanned:
--  - ip::inet: "ip::inet <<= '192.0.2.0/24'" becomes a btree range scan (PostgreSQL turns
--    inet containment into >= / <= bounds), and "2001:DB8:0::1" equals "2001:db8::1".
--  - media.pdq: md5, sha1 and sha256 already have theirs (V1, V11).
--  - matches.entry_id: a hash-set entry's hash leads to the media matched to it.
--  - requisitions.reference: its unique index follows the collation; LIKE 'REQ-2026%' needs
--    varchar_pattern_ops, as the other prefix searches (V15).
create index ip_events_inet on ip_events ((ip::inet));
create index media_pdq on media (pdq);
create index matches_entry on matches (entry_id);
create index requisitions_reference_prefix on requisitions (reference varchar_pattern_ops);
