package fr.vigie.app.security.internal;

import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over the table {@code users}. */
@Repository
public class JdbcUsers {

  /** What sign-in needs to know about an account. */
  record Credentials(String username, String passwordHash, Role role, boolean enabled) {}

  private final JdbcClient jdbc;

  JdbcUsers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(String username) {
    return jdbc.sql("select count(*) from users where username = ?").param(username)
        .query(Long.class).single() > 0;
  }

  public void insert(NewUser user, String passwordHash) {
    Long unitId = null;
    if (user.unitCode() != null && !user.unitCode().isBlank()) {
      unitId = jdbc.sql("select id from units where code = ?").param(user.unitCode())
          .query(Long.class).optional()
          .orElseThrow(() -> new IllegalArgumentException("unknown unit: " + user.unitCode()));
    }
    jdbc.sql("""
        insert into users (username, display_name, password_hash, role, unit_id)
        values (?, ?, ?, ?, ?)
        """)
        .params(user.username(), user.displayName(), passwordHash, user.role().name(), unitId)
        .update();
  }

  public long count() {
    return jdbc.sql("select count(*) from users").query(Long.class).single();
  }

  Optional<Credentials> findCredentials(String username) {
    return jdbc.sql("select username, password_hash, role, enabled from users where username = ?")
        .param(username)
        .query((rs, n) -> new Credentials(rs.getString("username"), rs.getString("password_hash"),
            Role.valueOf(rs.getString("role")), rs.getBoolean("enabled")))
        .optional();
  }
}
