package fr.vigie.app.security.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * V17.2: seals the TOTP secrets that earlier versions kept in clear ({@code users.totp_secret})
 * into {@code totp_secret_sealed} (added by V17.1) and clears them, in Flyway's transaction; V17.3
 * then drops the clear column. In Java because the key is outside the database, and the sealing
 * is the very code sign-in opens with ({@link SealedSecrets}).
 *
 * <p>Why a migration rather than sealing at first start: the schema and the data then change
 * together, once, whichever Vigie process migrates first (a server or a command), and no version
 * of the code ever has to read both forms. A database with no clear secret (a new one) needs no
 * key: none is created.
 */
@Component
class SealTotpSecretsMigration implements JavaMigration {

  private final SealedSecrets secrets;

  SealTotpSecretsMigration(SealedSecrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("17.2");
  }

  @Override
  public String getDescription() {
    return "seal totp secrets";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    try (PreparedStatement clear = c.prepareStatement(
            "select id, totp_secret from users where totp_secret is not null order by id");
        PreparedStatement seal = c.prepareStatement(
            "update users set totp_secret_sealed = ?, totp_secret = null where id = ?")) {
      try (ResultSet rs = clear.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          seal.setString(1, secrets.seal(id, rs.getString(2).strip()));
          seal.setLong(2, id);
          seal.addBatch();
        }
      }
      seal.executeBatch();
    }
  }
}
