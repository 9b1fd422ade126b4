package fr.vigie.formats.cybertip;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * An {@code xs:dateTime} as written and normalised. With an offset, {@link #utc()} is the instant;
 * without one the time is flagged {@link #noTimeZone()} and never assumed to be UTC.
 *
 * @param original the text as written (trimmed)
 * @param local the wall-clock date and time as written
 * @param offset the written offset, or null when there was none
 */
public record EventTime(String original, LocalDateTime local, ZoneOffset offset) {

  /** Parses an {@code xs:dateTime}; throws {@link DateTimeParseException} for impossible dates. */
  public static EventTime parse(String text) {
    String s = text.strip();
    try {
      OffsetDateTime t = OffsetDateTime.parse(s);
      return new EventTime(s, t.toLocalDateTime(), t.getOffset());
    } catch (DateTimeParseException withoutOffset) {
      return new EventTime(s, LocalDateTime.parse(s), null);
    }
  }

  /** The instant in UTC, or null when the time zone is unknown. */
  public Instant utc() {
    return offset == null ? null : local.toInstant(offset);
  }

  /** True when no offset was written: the instant is unknown within ±14 hours. */
  public boolean noTimeZone() {
    return offset == null;
  }
}
