package fr.vigie.hashing.scan;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * Writes outcomes as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or
 * line break, quotes doubled), a header line first, one line per outcome in the order they arrive
 * (the scan's completion order, not sorted: sorting would hold the whole tree in memory).
 *
 * <p>A field that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or
 * carriage return) gets a leading apostrophe: file names in a seized tree are chosen by the
 * suspect. Thread-safe; the caller owns, buffers and closes the writer.
 */
public final class CsvOutcomeWriter implements ScanSink {

  private final Writer out;

  /** Returns a writer on {@code out}, after writing the header line. */
  public CsvOutcomeWriter(Writer out) throws IOException {
    this.out = Objects.requireNonNull(out, "out");
    line(OutcomeFields.NAMES);
  }

  @Override
  public synchronized void accept(ScanOutcome outcome) throws IOException {
    line(OutcomeFields.of(outcome).values());
  }

  /** Flushes the underlying writer. */
  public synchronized void flush() throws IOException {
    out.flush();
  }

  private void line(List<String> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(values.get(i)));
    }
    out.write("\r\n");
  }

  static String field(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }
}
