package fr.vigie.app.audit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The audit viewer's clock face: people type and read times in Paris, the log stores UTC.
 *
 * <p>A time typed without a date part is refused; one typed without seconds covers its whole
 * minute, a date alone its whole day. Around the autumn change, where a Paris time happens twice,
 * a start takes the earlier and an end the later, so the period never leaves an entry out; in the
 * spring gap the time is moved forward by the gap, as the clocks were.
 */
final class ParisTime {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** Shown with the offset, so that the hour repeated in October is never ambiguous. */
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx", java.util.Locale.ROOT);

  private ParisTime() {}

  /** Returns the first instant the typed Paris date or time covers. */
  static Instant startOf(String typed) {
    Typed t = parse(typed);
    return ZonedDateTime.ofLocal(t.local(), PARIS, null).withEarlierOffsetAtOverlap().toInstant();
  }

  /** Returns the instant just after the typed Paris date or time, so that "to" is inclusive. */
  static Instant endOf(String typed) {
    Typed t = parse(typed);
    return ZonedDateTime.ofLocal(t.local(), PARIS, null).withLaterOffsetAtOverlap().toInstant()
        .plus(1, t.unit());
  }

  /** Returns the instant as Paris time with its offset, e.g. "2026-10-25 02:30:00 +01:00". */
  static String show(Instant instant) {
    return SHOWN.format(instant.atZone(PARIS));
  }

  private record Typed(LocalDateTime local, ChronoUnit unit) {}

  private static Typed parse(String typed) {
    String text = typed.strip().replace(' ', 'T');
    if (!text.contains("T")) {
      return new Typed(LocalDate.parse(text).atStartOfDay(), ChronoUnit.DAYS);
    }
    LocalDateTime local = LocalDateTime.parse(text);
    // datetime-local fields send "HH:mm", or "HH:mm:ss" when seconds are typed.
    int colons = text.length() - text.replace(":", "").length();
    if (colons < 1) {
      throw new DateTimeParseException("no time of day", typed, 0);
    }
    return new Typed(local, colons == 1 ? ChronoUnit.MINUTES : ChronoUnit.SECONDS);
  }
}
