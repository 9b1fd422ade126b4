package fr.vigie.hashing.scan;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * Writes outcomes as JSON Lines: one object per line, {@code "path"} first, in the order they
 * arrive (the scan's completion order; {@code LC_ALL=C sort} orders the lines by path for plain
 * names). Fields that do not apply are left out; {@code "matches"} is always an array.
 *
 * <p>Thread-safe; the caller owns, buffers and closes the writer.
 */
public final class JsonLinesOutcomeWriter implements ScanSink {

  private final Writer out;

  public JsonLinesOutcomeWriter(Writer out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public synchronized void accept(ScanOutcome outcome) throws IOException {
    out.write(toJson(OutcomeFields.of(outcome)));
    out.write('\n');
  }

  /** Flushes the underlying writer. */
  public synchronized void flush() throws IOException {
    out.flush();
  }

  static String toJson(OutcomeFields f) {
    StringBuilder b = new StringBuilder(256).append('{');
    List<String> names = OutcomeFields.NAMES;
    List<String> values = f.values();
    boolean first = true;
    for (int i = 0; i < names.size() - 1; i++) {
      String v = values.get(i);
      if (v.isEmpty()) {
        continue;
      }
      if (!first) {
        b.append(',');
      }
      first = false;
      string(b, names.get(i)).append(':');
      boolean number = names.get(i).equals("size") || names.get(i).equals("pdq_quality");
      if (number) {
        b.append(v);
      } else {
        string(b, v);
      }
    }
    b.append(",\"matches\":[");
    for (int i = 0; i < f.matches().size(); i++) {
      KnownMatch m = f.matches().get(i);
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"hash_set\":");
      string(b, m.hashSet()).append(",\"category\":");
      string(b, m.category()).append(",\"by\":\"").append(m.by()).append("\",\"distance\":")
          .append(m.distance()).append('}');
    }
    return b.append("]}").toString();
  }

  private static StringBuilder string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          // Control characters, and lone surrogates from odd file names, as \\u escapes.
          if (c < 0x20 || Character.isSurrogate(c) && !validPair(s, i)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"');
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
