-- Every TOTP secret is sealed now (V17.2): the clear column goes, so that neither the table nor
-- a dump of it holds one. Old row versions stay in the data files until PostgreSQL reuses the
-- space: docs/operations.md, "Secrets key", says how to rewrite the table at once.
alter table users drop column totp_secret;
