-- The head of the audit chain: the last entry's id and hash. Appends lock this one row
-- (SELECT ... FOR UPDATE), which serialises them across every Vigie node sharing the database,
-- and verification compares it with the last entry so that removing the newest entries shows.
create table audit_head (
  id           integer     primary key check (id = 1),
  last_id      bigint      not null,
  last_sha256  varchar(64) not null
);
insert into audit_head (id, last_id, last_sha256) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
