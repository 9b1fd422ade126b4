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
  private static final DateTimeFormatter UTC_MS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOCAL_MS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS xxx").withZone(PARIS);

  private RequisitionTimes() {}

  /**
   * E.g. "2026-10-25T01:30:00Z", with the milliseconds when the instant has some
   * ("2026-11-20T08:00:00.123Z": the P2P sensor's, which an operator behind CGNAT needs); "" for
   * null.
   */
  public static String utc(Instant instant) {
    return instant == null ? "" : (millis(instant) ? UTC_MS : UTC).format(instant);
  }

  /** E.g. "2026-10-25 02:30:00 +01:00", with the milliseconds as {@link #utc}; "" for null. */
  public static String paris(Instant instant) {
    return instant == null ? "" : (millis(instant) ? LOCAL_MS : LOCAL).format(instant);
  }

  /** The Paris time to the second, for the document's own dates (drafted, due). */
  public static String parisToTheSecond(Instant instant) {
    return instant == null ? "" : LOCAL.format(instant);
  }

  private static boolean millis(Instant instant) {
    return instant.getNano() / 1_000_000 != 0;
  }
}
