-- Sign-in hardening. The last TOTP time-step accepted per account, so that a code cannot be
-- replayed within its validity window; and failed sign-ins per client address, so that a
-- password-guessing run from one address is slowed down whatever usernames it tries. Kept in
-- the database rather than in memory: several Vigie nodes share the same counters.
alter table users add column totp_last_step bigint;

create table sign_in_throttle (
  client_address  varchar(45)  primary key,
  failures        integer      not null,
  last_failure_at timestamp with time zone not null,
  locked_until    timestamp with time zone
);
