-- The bytes of a piece downloaded from a peer, kept encrypted in the media store
-- ($VIGIE_HOME/media, content-addressed by SHA-256, AES-256-GCM): its SHA-256, MD5 (to find a
-- media item of the same content, as media rows may declare MD5 only) and size, null
-- when the bytes were not kept (a line pushed by a sensor on another host carries no bytes).
-- The intake keeps bytes only when their SHA-1 is the one the signed line gives.
alter table p2p_observation_pieces add column content_sha256 varchar(64);
alter table p2p_observation_pieces add column content_md5    varchar(32);
alter table p2p_observation_pieces add column content_bytes  integer;
alter table p2p_observation_pieces add constraint p2p_observation_pieces_kept check (
  (content_sha256 is null) = (content_bytes is null)
  and (content_sha256 is null) = (content_md5 is null));
