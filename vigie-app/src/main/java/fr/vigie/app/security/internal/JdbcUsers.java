package fr.vigie.app.security.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserSummary;
import fr.vigie.app.storage.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL over {@code users}, {@code user_recovery_codes}, {@code sign_in_throttle} and
 * {@code sign_in_unknown_names}.
 */
@Repository
public class JdbcUsers {

  private final JdbcClient jdbc;

  JdbcUsers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(String username) {
    return jdbc.sql("select count(*) from users where username = ?").param(username)
        .query(Long.class).single() > 0;
  }

  /** Inserts the account, not enrolled yet, and returns its id. */
  public long insert(NewUser user, String passwordHash, Instant now) {
    Long unitId = null;
    if (user.unitCode() != null && !user.unitCode().isBlank()) {
      unitId = jdbc.sql("select id from units where code = ?").param(user.unitCode())
          .query(Long.class).optional()
          .orElseThrow(() -> new IllegalArgumentException("unknown unit: " + user.unitCode()));
    }
    return jdbc.sql("""
        insert into users (username, display_name, password_hash, role, unit_id, created_at)
        values (?, ?, ?, ?, ?, ?)
        returning id
        """)
        .params(user.username(), user.displayName(), passwordHash, user.role().name(), unitId,
            utc(now))
        .query(Long.class).single();
  }

  public long count() {
    return jdbc.sql("select count(*) from users").query(Long.class).single();
  }

  Optional<Account> findAccount(String username) {
    return jdbc.sql("select * from users where username = ?").param(username)
        .query(JdbcUsers::account).optional();
  }

  Optional<Account> findAccount(long id) {
    return jdbc.sql("select * from users where id = ?").param(id)
        .query(JdbcUsers::account).optional();
  }

  public List<UserSummary> list() {
    return jdbc.sql("""
        select u.username, u.display_name, u.role, un.code as unit_code, u.enabled,
               u.totp_enrolled_at, u.locked_until, u.last_login_at
        from users u left join units un on un.id = u.unit_id
        order by u.username
        """)
        .query((rs, n) -> new UserSummary(rs.getString("username"), rs.getString("display_name"),
            Role.valueOf(rs.getString("role")), rs.getString("unit_code"),
            rs.getBoolean("enabled"), rs.getObject("totp_enrolled_at") != null,
            Timestamps.instant(rs, "locked_until"), Timestamps.instant(rs, "last_login_at")))
        .list();
  }

  public boolean setEnabled(String username, boolean enabled) {
    return jdbc.sql("update users set enabled = ? where username = ?")
        .params(enabled, username).update() == 1;
  }

  /**
   * Gives the account a role and a unit (null: none); returns false when there is no such account.
   *
   * @throws IllegalArgumentException when the unit code is unknown
   */
  public boolean setRoleAndUnit(String username, Role role, String unitCode) {
    Long unitId = null;
    if (unitCode != null && !unitCode.isBlank()) {
      unitId = jdbc.sql("select id from units where code = ?").param(unitCode)
          .query(Long.class).optional()
          .orElseThrow(() -> new IllegalArgumentException("unknown unit: " + unitCode));
    }
    return jdbc.sql("update users set role = ?, unit_id = ? where username = ?")
        .params(role.name(), unitId, username).update() == 1;
  }

  /** Forgets the second factor and its recovery codes: the next sign-in enrols again. */
  public boolean resetTotp(String username) {
    jdbc.sql("""
        delete from user_recovery_codes
        where user_id = (select id from users where username = ?)
        """).param(username).update();
    return jdbc.sql("""
        update users set totp_secret_sealed = null, totp_enrolled_at = null, totp_last_step = null
        where username = ?
        """).param(username).update() == 1;
  }

  /**
   * Counts one more failure on the account and returns the run's length: a failure whose
   * previous one is older than {@code forgetBefore} starts a new run at 1. One statement, so that
   * parallel attempts are each counted.
   */
  int recordFailure(long userId, Instant now, Instant forgetBefore) {
    return jdbc.sql("""
        update users set
          failed_attempts = case when last_failure_at is null or last_failure_at < ? then 1
                                 else failed_attempts + 1 end,
          last_failure_at = ?
        where id = ?
        returning failed_attempts
        """).params(utc(forgetBefore), utc(now), userId).query(Integer.class).single();
  }

  void lockAccount(long userId, Instant until) {
    jdbc.sql("update users set locked_until = ? where id = ?").params(utc(until), userId)
        .update();
  }

  void recordSignIn(long userId, Instant now) {
    jdbc.sql("""
        update users set failed_attempts = 0, locked_until = null, last_login_at = ? where id = ?
        """).params(utc(now), userId).update();
  }

  /**
   * Records a TOTP step as used, unless the same or a later one was used already; returns
   * whether it was accepted. One conditional UPDATE, so two nodes cannot both accept a code.
   */
  boolean acceptTotpStep(long userId, long step) {
    return jdbc.sql("""
        update users set totp_last_step = ?
        where id = ? and (totp_last_step is null or totp_last_step < ?)
        """).params(step, userId, step).update() == 1;
  }

  /**
   * Stores the account's sealed TOTP secret ({@link SealedSecrets}); {@code step} is the step of
   * the code that proved it, or null when none did (demo accounts, enrolled from a printed secret).
   */
  public void enrolTotp(long userId, String sealedSecret, Long step, Instant now) {
    jdbc.sql("""
        update users set totp_secret_sealed = ?, totp_enrolled_at = ?, totp_last_step = ?
        where id = ?
        """).params(sealedSecret, utc(now), step, userId).update();
  }

  void replaceRecoveryCodes(long userId, List<String> codeHashes) {
    jdbc.sql("delete from user_recovery_codes where user_id = ?").param(userId).update();
    for (String hash : codeHashes) {
      jdbc.sql("insert into user_recovery_codes (user_id, code_hash) values (?, ?)")
          .params(userId, hash).update();
    }
  }

  /** Marks an unused recovery code used; returns whether there was one with that hash. */
  boolean useRecoveryCode(long userId, String codeHash, Instant now) {
    return jdbc.sql("""
        update user_recovery_codes set used_at = ?
        where user_id = ? and code_hash = ? and used_at is null
        """).params(utc(now), userId, codeHash).update() == 1;
  }

  long unusedRecoveryCodes(long userId) {
    return jdbc.sql("select count(*) from user_recovery_codes where user_id = ? and used_at is null")
        .param(userId).query(Long.class).single();
  }

  Optional<Instant> addressLockedUntil(String address) {
    return jdbc.sql("select locked_until from sign_in_throttle where client_address = ?")
        .param(address).query((rs, n) -> Timestamps.instant(rs, "locked_until")).optional()
        .filter(java.util.Objects::nonNull);
  }

  /**
   * Counts one more failure from the address and returns its count: the stored count first
   * falls by {@code forgottenPerSecond} for every second since the last failure (never below
   * zero), then grows by one. One statement, so that nodes and parallel requests never lose a
   * failure.
   */
  double addressFailure(String address, Instant now, double forgottenPerSecond) {
    return jdbc.sql("""
        insert into sign_in_throttle as t (client_address, failures, last_failure_at)
        values (?, 1, ?)
        on conflict (client_address) do update set
          failures = greatest(0, t.failures - cast(?  as double precision) * greatest(0,
              extract(epoch from (excluded.last_failure_at - t.last_failure_at))::double precision))
            + 1,
          last_failure_at = greatest(t.last_failure_at, excluded.last_failure_at)
        returning failures
        """).params(address, utc(now), forgottenPerSecond).query(Double.class).single();
  }

  void lockAddress(String address, Instant until) {
    jdbc.sql("update sign_in_throttle set locked_until = ? where client_address = ?")
        .params(utc(until), address).update();
  }

  void clearAddress(String address) {
    jdbc.sql("delete from sign_in_throttle where client_address = ?").param(address).update();
  }

  /** What sign-in knows of a username no account has: its run of failures and its lock. */
  record UnknownName(int failures, Instant lockedUntil) {
    boolean lockedAt(Instant now) {
      return lockedUntil != null && lockedUntil.isAfter(now);
    }
  }

  /** What sign-in finds under a typed username: the account, or what it knows of the name. */
  record NameOnRecord(Optional<Account> account, UnknownName unknown) {}

  /**
   * Returns the account of that username and, for a name no account has, its failures and lock
   * — in one query whichever it is, so that neither answer takes a round trip more.
   */
  NameOnRecord findName(String username, String nameSha256) {
    return jdbc.sql("""
        select u.*, n.failures as name_failures, n.locked_until as name_locked_until
        from (select 1) as one
        left join users u on u.username = ?
        left join sign_in_unknown_names n on n.name_sha256 = ?
        """).params(username, nameSha256)
        .query((rs, i) -> new NameOnRecord(
            rs.getObject("id") == null ? Optional.empty() : Optional.of(account(rs, i)),
            new UnknownName(rs.getInt("name_failures"),
                Timestamps.instant(rs, "name_locked_until"))))
        .single();
  }

  /**
   * Counts one more failure on a name no account has and returns the run's length, as
   * {@link #recordFailure} does for an account. The same statement deletes the rows of other
   * names that can no longer change an answer (last failure before {@code forgetBefore}, no lock
   * running), so that the table stays small without a job of its own.
   */
  int recordUnknownNameFailure(String nameSha256, Instant now, Instant forgetBefore) {
    return jdbc.sql("""
        with forgotten as (
          delete from sign_in_unknown_names
          where last_failure_at < ? and (locked_until is null or locked_until < ?)
            and name_sha256 <> ?)
        insert into sign_in_unknown_names as n (name_sha256, failures, last_failure_at)
        values (?, 1, ?)
        on conflict (name_sha256) do update set
          failures = case when n.last_failure_at < ? then 1 else n.failures + 1 end,
          last_failure_at = excluded.last_failure_at
        returning failures
        """).params(utc(forgetBefore), utc(now), nameSha256, nameSha256, utc(now),
            utc(forgetBefore))
        .query(Integer.class).single();
  }

  void lockUnknownName(String nameSha256, Instant until) {
    jdbc.sql("update sign_in_unknown_names set locked_until = ? where name_sha256 = ?")
        .params(utc(until), nameSha256).update();
  }

  private static Account account(ResultSet rs, int n) throws SQLException {
    long unit = rs.getLong("unit_id");
    Long unitId = rs.wasNull() ? null : unit;
    long step = rs.getLong("totp_last_step");
    Long lastStep = rs.wasNull() ? null : step;
    return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
        rs.getString("password_hash"), Role.valueOf(rs.getString("role")), unitId,
        rs.getBoolean("enabled"), rs.getString("totp_secret_sealed"), lastStep,
        rs.getInt("failed_attempts"), Timestamps.instant(rs, "locked_until"));
  }
}
