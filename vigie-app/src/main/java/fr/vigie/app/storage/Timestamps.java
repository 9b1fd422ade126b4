package fr.vigie.app.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from {@code timestamp with time zone} columns, always in UTC.
 *
 * <p>The PostgreSQL driver maps {@link OffsetDateTime} exactly; going through
 * {@code java.sql.Timestamp} would involve the JVM's default zone, which is how a subscriber gets
 * identified an hour off.
 */
public final class Timestamps {

  private Timestamps() {}

  /**
   * Returns the value to bind for {@code instant}, or null for null. Truncated to microseconds,
   * what PostgreSQL keeps: rounded up instead, a job enqueued "now" would sit a fraction of a
   * microsecond in the future.
   */
  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null
        : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  /** Returns the instant stored in {@code column}, or null when the column is null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
