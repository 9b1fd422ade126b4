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
    EventTime quick = quick(s);
    if (quick != null) {
      return quick;
    }
    try {
      OffsetDateTime t = OffsetDateTime.parse(s);
      return new EventTime(s, t.toLocalDateTime(), t.getOffset());
    } catch (DateTimeParseException withoutOffset) {
      return new EventTime(s, LocalDateTime.parse(s), null);
    }
  }

  /**
   * The usual shapes ({@code 2024-01-15T14:30:00.000Z}, {@code 2024-01-15T14:30-07:00},
   * {@code 2024-01-15T14:30:00}) read without a DateTimeFormatter, which costs more than the
   * rest of an IP event: null for anything else (lower-case letters, other offsets, impossible
   * dates), which {@link #parse} then reads the general way, with the same result or error.
   */
  static EventTime quick(String s) {
    int n = s.length();
    if (n < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) {
      return null;
    }
    int i = 16;
    int second = 0;
    int nano = 0;
    if (i < n && s.charAt(i) == ':') {
      second = n >= 19 ? digits(s, 17, 2) : -1;
      if (second < 0) {
        return null;
      }
      i = 19;
      if (i < n && s.charAt(i) == '.') {
        int j = i + 1;
        while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
          j++;
        }
        int len = j - i - 1;
        if (len < 1 || len > 9) {
          return null;
        }
        nano = digits(s, i + 1, len);
        for (int k = len; k < 9; k++) {
          nano *= 10;
        }
        i = j;
      }
    }
    try {
      ZoneOffset offset;
      if (i == n) {
        offset = null;
      } else if (s.charAt(i) == 'Z' && i + 1 == n) {
        offset = ZoneOffset.UTC;
      } else if ((s.charAt(i) == '+' || s.charAt(i) == '-') && n == i + 6
          && s.charAt(i + 3) == ':') {
        int sign = s.charAt(i) == '-' ? -1 : 1;
        int oh = digits(s, i + 1, 2);
        int om = digits(s, i + 4, 2);
        if (oh < 0 || om < 0) {
          return null;
        }
        offset = ZoneOffset.ofHoursMinutes(sign * oh, sign * om);
      } else {
        return null;
      }
      return new EventTime(s, LocalDateTime.of(year, month, day, hour, minute, second, nano),
          offset);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /** The decimal value of {@code length} ASCII digits at {@code from}, or -1. */
  private static int digits(String s, int from, int length) {
    int v = 0;
    for (int i = from; i < from + length; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
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
