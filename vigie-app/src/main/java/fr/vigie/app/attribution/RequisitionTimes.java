package fr.vigie.app.attribution;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How requisitions write instants: UTC, and Paris local time with its offset, so that the hour is
 * never ambiguous on the night the clocks go back (2026-10-25 02:30 happens twice in Paris).
 */
public final class RequisitionTimes {

  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx").withZone(PARIS);

  private RequisitionTimes() {}

  /** E.g. "2026-10-25T01:30:00Z"; "" for null. */
  public static String utc(Instant instant) {
    return instant == null ? "" : UTC.format(instant);
  }

  /** E.g. "2026-10-25 02:30:00 +01:00"; "" for null. */
  public static String paris(Instant instant) {
    return instant == null ? "" : LOCAL.format(instant);
  }
}
