-- Hash set imports (docs/hashsets.md): the category scheme chosen by the person importing (never
-- guessed), how many entries were rejected or skipped, and a fast way to the active version of a
-- name. Vigie's category scale stays 0..3.
alter table hash_sets add column category_scheme varchar(8);
alter table hash_sets add constraint hash_sets_category_scheme
  check (category_scheme in ('US', 'DHS', 'CAID', 'VIGIE'));
alter table hash_sets add column rejected_count bigint not null default 0;
alter table hash_sets add column skipped_count bigint not null default 0;
create index hash_sets_name_status on hash_sets (name, status);
