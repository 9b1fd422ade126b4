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

/** SQL over {@code users}, {@code user_recovery_codes} and {@code sign_in_throttle}. */
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

  /** Inserts the account; the TOTP secret may be given for pre-enrolled (demo) accounts. */
  public void insert(NewUser user, String passwordHash, String totpSecret, Instant now) {
    Long unitId = null;
    if (user.unitCode() != null && !user.unitCode().isBlank()) {
      unitId = jdbc.sql("select id from units where code = ?").param(user.unitCode())
          .query(Long.class).optional()
          .orElseThrow(() -> new IllegalArgumentException("unknown unit: " + user.unitCode()));
    }
    jdbc.sql("""
        insert into users (username, display_name, password_hash, role, unit_id, totp_secret,
          totp_enrolled_at, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?)
        """)
        .params(user.username(), user.displayName(), passwordHash, user.role().name(), unitId,
            totpSecret, totpSecret == null ? null : utc(now), utc(now))
        .update();
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

  /** Forgets the second factor and its recovery codes: the next sign-in enrols again. */
  public boolean resetTotp(String username) {
    jdbc.sql("""
        delete from user_recovery_codes
        where user_id = (select id from users where username = ?)
        """).param(username).update();
    return jdbc.sql("""
        update users set totp_secret = null, totp_enrolled_at = null, totp_last_step = null
        where username = ?
        """).param(username).update() == 1;
  }

  void recordFailure(long userId, int failures, Instant lockedUntil) {
    jdbc.sql("update users set failed_attempts = ?, locked_until = ? where id = ?")
        .params(failures, utc(lockedUntil), userId).update();
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

  void enrolTotp(long userId, String secret, long step, Instant now) {
    jdbc.sql("""
        update users set totp_secret = ?, totp_enrolled_at = ?, totp_last_step = ? where id = ?
        """).params(secret, utc(now), step, userId).update();
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

  /** Counts one more failure from the address and returns the new count. */
  int addressFailure(String address, Instant now) {
    int updated = jdbc.sql("""
        update sign_in_throttle set failures = failures + 1, last_failure_at = ?
        where client_address = ?
        """).params(utc(now), address).update();
    if (updated == 0) {
      try {
        jdbc.sql("""
            insert into sign_in_throttle (client_address, failures, last_failure_at)
            values (?, 1, ?)
            """).params(address, utc(now)).update();
      } catch (org.springframework.dao.DuplicateKeyException raced) {
        return addressFailure(address, now);
      }
    }
    return jdbc.sql("select failures from sign_in_throttle where client_address = ?")
        .param(address).query(Integer.class).single();
  }

  void lockAddress(String address, Instant until) {
    jdbc.sql("update sign_in_throttle set locked_until = ? where client_address = ?")
        .params(utc(until), address).update();
  }

  void clearAddress(String address) {
    jdbc.sql("delete from sign_in_throttle where client_address = ?").param(address).update();
  }

  private static Account account(ResultSet rs, int n) throws SQLException {
    long unit = rs.getLong("unit_id");
    Long unitId = rs.wasNull() ? null : unit;
    long step = rs.getLong("totp_last_step");
    Long lastStep = rs.wasNull() ? null : step;
    return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
        rs.getString("password_hash"), Role.valueOf(rs.getString("role")), unitId,
        rs.getBoolean("enabled"), rs.getString("totp_secret"), lastStep,
        rs.getInt("failed_attempts"), Timestamps.instant(rs, "locked_until"));
  }
}
