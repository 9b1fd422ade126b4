package fr.vigie.app.attribution.internal;

import fr.vigie.app.web.VisibleText;
import fr.vigie.formats.csv.CsvReader;
import fr.vigie.formats.csv.CsvRow;
import fr.vigie.geo.IpAddress;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads an operator's answer file (format in docs/attribution.md): a header line, then one line
 * per requisitioned connection. Each line is either an {@link Line.Answer} or a
 * {@link Line.Bad} naming the line, the column and the reason; reading goes on after a bad line.
 * Pure: knows nothing of the database, but an answer it gives can be stored: no text holds a NUL
 * (which PostgreSQL text cannot hold) or is longer than its column, and the values a reason
 * quotes are cut and shown with their hidden characters made visible ({@link VisibleText}).
 */
public final class AnswerCsv {

  public static final List<String> COLUMNS = List.of("requisition", "ip", "port", "utc_time",
      "identity", "address", "postal_code", "city", "contract_type");
  private static final Pattern POSTAL = Pattern.compile("\\d{5}");
  /** The longest value each text column takes ({@code subscribers}; 0: no limit). */
  private static final int[] MAX_CHARS = {0, 0, 0, 0, 300, 0, 0, 200, 40};
  /** How much of a bad value a reason quotes. */
  private static final int QUOTED_CHARS = 100;

  /** One line read. */
  public sealed interface Line {
    long line();

    /**
     * A well-formed line. {@code identified} is false when the operator answered "unknown".
     */
    record Answer(long line, String requisition, String ip, Integer port, Instant at,
        boolean identified, String identity, String address, String postalCode, String city,
        String departement, String contractType, String raw) implements Line {}

    /** A line that cannot go in: where and why. */
    record Bad(long line, long column, String field, String reason, String raw) implements Line {}
  }

  private AnswerCsv() {}

  /** Reads every line, handing each to {@code sink}; returns the number of data lines read. */
  public static long read(Reader in, Consumer<Line> sink) throws IOException {
    long count = 0;
    try (CsvReader csv = new CsvReader(in)) {
      boolean header = true;
      for (CsvRow row : csv) {
        if (header) {
          header = false;
          if (row instanceof CsvRow.Fields f && isHeader(f)) {
            continue;
          }
          sink.accept(new Line.Bad(row.line(), 0, null, "the first line must be the header: "
              + String.join(",", COLUMNS), raw(row)));
          continue;
        }
        count++;
        sink.accept(parse(row));
      }
    }
    return count;
  }

  private static boolean isHeader(CsvRow.Fields f) {
    List<String> names = f.values().stream().map(v -> v.strip().toLowerCase(Locale.ROOT))
        .toList();
    return names.equals(COLUMNS);
  }

  static Line parse(CsvRow row) {
    if (row instanceof CsvRow.Malformed m) {
      return new Line.Bad(m.line(), m.column(), null, "malformed CSV: " + m.reason(), m.raw());
    }
    CsvRow.Fields f = (CsvRow.Fields) row;
    long line = f.line();
    String raw = String.join(",", f.values());
    if (f.values().size() != COLUMNS.size()) {
      return new Line.Bad(line, 0, null, "expected " + COLUMNS.size() + " fields, found "
          + f.values().size(), raw);
    }
    List<String> v = new ArrayList<>();
    f.values().forEach(x -> v.add(x.strip()));
    if (v.get(0).isEmpty()) {
      return bad(line, 0, "empty requisition reference", raw);
    }
    Line.Bad unstorable = unstorable(line, v, 0, raw);
    if (unstorable != null) {
      return unstorable;
    }
    String ip;
    try {
      ip = IpAddress.parse(v.get(1)).toString();
    } catch (IllegalArgumentException e) {
      return bad(line, 1, "not an IP address: " + quote(v.get(1)), raw);
    }
    Integer port = null;
    if (!v.get(2).isEmpty()) {
      try {
        port = Integer.parseInt(v.get(2));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        return bad(line, 2, "port must be 1 to 65535 or empty: " + quote(v.get(2)), raw);
      }
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(v.get(3)).toInstant();
    } catch (DateTimeParseException e) {
      return bad(line, 3, "not an ISO-8601 instant with offset (e.g. 2026-10-25T01:30:00Z): "
          + quote(v.get(3)), raw);
    }
    String identity = v.get(4);
    boolean unknown = identity.equalsIgnoreCase("unknown") || identity.equalsIgnoreCase("inconnu");
    if (unknown) {
      return new Line.Answer(line, v.get(0), ip, port, at, false, null, null, null, null, null,
          null, raw);
    }
    if (identity.isEmpty()) {
      return bad(line, 4, "empty identity (write 'unknown' when the operator cannot say)", raw);
    }
    for (int i = 4; i < COLUMNS.size(); i++) {
      unstorable = unstorable(line, v, i, raw);
      if (unstorable != null) {
        return unstorable;
      }
    }
    String postal = v.get(6);
    if (!POSTAL.matcher(postal).matches()) {
      return bad(line, 6, "a French postal code has 5 digits: " + quote(postal), raw);
    }
    return new Line.Answer(line, v.get(0), ip, port, at, true, identity, blankToNull(v.get(5)),
        postal, blankToNull(v.get(7)), departementOf(postal), blankToNull(v.get(8)), raw);
  }

  /**
   * The département of a French postal code: its first two digits, three overseas (971 to 976),
   * Corsica split at 20200 (2A below, 2B from there); null for Monaco (980) and the overseas
   * collectivities (975, 977 to 988), which are not départements.
   */
  public static String departementOf(String postal) {
    if (postal.startsWith("97")) {
      String d = postal.substring(0, 3);
      return switch (d) {
        case "971", "972", "973", "974", "976" -> d;
        default -> null;
      };
    }
    if (postal.startsWith("98") || postal.startsWith("00")) {
      return null;
    }
    if (postal.startsWith("20")) {
      return Integer.parseInt(postal) < 20200 ? "2A" : "2B";
    }
    return postal.substring(0, 2);
  }

  /** A bad line when the value at {@code index} cannot be stored as it is, else null. */
  private static Line.Bad unstorable(long line, List<String> v, int index, String raw) {
    String value = v.get(index);
    if (value.indexOf('\u0000') >= 0) {
      return bad(line, index, "holds a NUL character (U+0000), which cannot be stored: "
          + quote(value), raw);
    }
    if (MAX_CHARS[index] > 0 && value.length() > MAX_CHARS[index]) {
      return bad(line, index, "longer than the " + MAX_CHARS[index] + " characters it may have ("
          + value.length() + ")", raw);
    }
    return null;
  }

  /** A bad value as a reason quotes it: cut, its hidden characters shown. */
  public static String quote(String value) {
    String cut = value.length() <= QUOTED_CHARS ? value
        : value.substring(0, QUOTED_CHARS) + "…";
    return "'" + VisibleText.of(cut) + "'";
  }

  private static Line.Bad bad(long line, int index, String reason, String raw) {
    return new Line.Bad(line, index + 1, COLUMNS.get(index), reason, raw);
  }

  private static String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static String raw(CsvRow row) {
    return row instanceof CsvRow.Malformed m ? m.raw()
        : String.join(",", ((CsvRow.Fields) row).values());
  }
}
