package fr.vigie.app.intake.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * V16.2: gives the media rows stored before V16 the digest key they are now found by
 * ({@link HashKeys}), in Java so that the key is computed by the very code intake writes it
 * with. Runs after V16.1, in id order, a page at a time.
 */
@Component
class MediaDigestKeysMigration extends IntakeJavaMigration {

  private static final int PAGE = 1_000;

  MediaDigestKeysMigration() {
    super("16.2", "media digest keys");
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    long after = 0;
    try (PreparedStatement page = c.prepareStatement(
            "select id, md5, sha1, sha256 from media where id > ? order by id limit " + PAGE);
        PreparedStatement update = c.prepareStatement(
            "update media set digest_key = ? where id = ?")) {
      while (true) {
        int rows = 0;
        page.setLong(1, after);
        try (ResultSet rs = page.executeQuery()) {
          while (rs.next()) {
            rows++;
            after = rs.getLong(1);
            Long key = HashKeys.of(rs.getString(2), rs.getString(3), rs.getString(4));
            if (key == null) {
              update.setNull(1, Types.BIGINT);
            } else {
              update.setLong(1, key);
            }
            update.setLong(2, after);
            update.addBatch();
          }
        }
        if (rows == 0) {
          return;
        }
        update.executeBatch();
      }
    }
  }
}
