package fr.vigie.app.security.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over {@code api_tokens}: only each token's SHA-256 is stored. */
@Repository
public class JdbcApiTokens {

  private final JdbcClient jdbc;

  JdbcApiTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String username, String label, String tokenSha256, Instant now,
      Instant expiresAt) {
    long userId = jdbc.sql("select id from users where username = ?").param(username)
        .query(Long.class).optional()
        .orElseThrow(() -> new IllegalArgumentException("no such user: " + username));
    jdbc.sql("""
        insert into api_tokens (user_id, label, token_sha256, created_at, expires_at)
        values (?, ?, ?, ?, ?)
        """).params(userId, label, tokenSha256, utc(now), utc(expiresAt)).update();
  }

  /** Returns the machine caller a live token belongs to: enabled account, not revoked or expired. */
  Optional<Caller> findCaller(String tokenSha256, Instant now) {
    return jdbc.sql("""
        select u.id, u.username, u.role, u.unit_id
        from api_tokens t join users u on u.id = t.user_id
        where t.token_sha256 = ? and t.revoked_at is null
          and (t.expires_at is null or t.expires_at > ?) and u.enabled
        """)
        .params(tokenSha256, utc(now))
        .query((rs, n) -> {
          long unit = rs.getLong("unit_id");
          return new Caller(rs.getLong("id"), rs.getString("username"),
              Role.valueOf(rs.getString("role")), rs.wasNull() ? null : unit);
        })
        .optional();
  }
}
