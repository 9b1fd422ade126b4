-- Sign-in counters that forget, and that treat a name no account has like an account (issue #12).
--
-- The per-address count becomes a number that falls steadily with time
-- (vigie.security.address-failure-window), so that failures spread over days never add up to a
-- lock of a whole office behind one address; a successful sign-in clears it.
alter table sign_in_throttle alter column failures type double precision;
-- The counts kept before this version never fell: they mean nothing now, start afresh.
delete from sign_in_throttle;

-- When the last failure on an account was: a failure long after the previous one
-- (vigie.security.account-failure-memory) starts a new run instead of adding to an old one.
alter table users add column last_failure_at timestamp with time zone;

-- Failures on usernames no account has, counted and locked exactly as an account's, so that the
-- answers do not tell which names exist. Keyed by the SHA-256 of the normalised name, never the
-- name (people type their password into the username field). Rows whose last failure is older
-- than the memory are deleted as new names arrive: they could no longer change an answer.
create table sign_in_unknown_names (
  name_sha256     varchar(64) primary key,
  failures        integer not null,
  last_failure_at timestamp with time zone not null,
  locked_until    timestamp with time zone
);
create index sign_in_unknown_names_last_failure on sign_in_unknown_names (last_failure_at);
