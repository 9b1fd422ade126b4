package fr.vigie.app.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Shows instants as French investigators read them: Europe/Paris time with its UTC offset, so
 * that the hour is never ambiguous on the night the clocks go back. Templates use it as
 * {@code ${@paris.format(instant)}}.
 */
@Component("paris")
public class ParisTimes {

  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx");

  /** Returns e.g. "2026-10-25 02:30:00.123 +01:00" (a sensor's instants), or "" for null. */
  public String formatMillis(Instant instant) {
    return instant == null ? "" : MILLIS.format(instant.atZone(PARIS));
  }

  /** Returns e.g. "2026-10-25 02:30:00 +01:00", or "" for null. */
  public String format(Instant instant) {
    return instant == null ? "" : FORMAT.format(instant.atZone(PARIS));
  }
}
