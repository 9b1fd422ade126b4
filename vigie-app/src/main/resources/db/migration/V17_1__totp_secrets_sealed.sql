-- TOTP secrets at rest (issue #12): sealed with the secrets key, which is kept outside the
-- database (VIGIE_SECRETS_KEY or $VIGIE_HOME/keys/secrets.key; security.internal.SealedSecrets).
-- V17.2 (Java, SealTotpSecretsMigration) seals the secrets kept in clear until now, V17.3 drops
-- the clear column.
alter table users add column totp_secret_sealed varchar(200);
