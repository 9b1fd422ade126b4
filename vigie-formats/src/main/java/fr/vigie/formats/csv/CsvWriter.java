package fr.vigie.formats.csv;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;

/**
 * Writes RFC 4180 CSV, one record at a time, straight to the underlying writer (nothing is held
 * in memory), and by default neutralises cells that a spreadsheet would run as a formula.
 *
 * <p>A field is quoted when it holds the separator, a quote, a carriage return or a line feed;
 * quotes inside are doubled. Records end with CRLF, as RFC 4180 says. A null field is written as
 * an empty one.
 *
 * <p>Formula injection: a spreadsheet treats a cell that starts with {@code = + - @} (and, in some
 * of them, a tab or a carriage return) as a formula, so that a value typed by anyone — a username
 * tried at sign-in, a search term — could run {@code =cmd|' /C calc'!A0} on the auditor's machine.
 * Such a cell is prefixed with a single quote, which spreadsheets show as text (OWASP's advice).
 * The cost is that a negative number comes out as text; no Vigie export holds one where that
 * matters.
 *
 * <p>Not thread-safe. Closing it closes the underlying writer.
 */
public final class CsvWriter implements Closeable, Flushable {

  /** Whether cells that start like a formula are prefixed with a single quote. */
  public enum FormulaGuard { NEUTRALISE, AS_IS }

  private final Writer out;
  private final char separator;
  private final FormulaGuard guard;

  /** A comma-separated writer that neutralises formulas: what a spreadsheet user should get. */
  public CsvWriter(Writer out) {
    this(out, ',', FormulaGuard.NEUTRALISE);
  }

  public CsvWriter(Writer out, char separator, FormulaGuard guard) {
    if (separator == '"' || separator == '\n' || separator == '\r') {
      throw new IllegalArgumentException("separator cannot be a quote or a line break: " + separator);
    }
    if (out == null || guard == null) {
      throw new IllegalArgumentException("out and guard are required");
    }
    this.out = out;
    this.separator = separator;
    this.guard = guard;
  }

  /** Writes one record. */
  public void writeRecord(List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(separator);
      }
      writeField(fields.get(i));
    }
    out.write("\r\n");
  }

  /** Writes one record. */
  public void writeRecord(String... fields) throws IOException {
    writeRecord(Arrays.asList(fields));
  }

  /** Returns the cell as it will be written before quoting: neutralised if it looks like a formula. */
  public static String neutralised(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    return startsLikeAFormula(value.charAt(0)) ? "'" + value : value;
  }

  private static boolean startsLikeAFormula(char first) {
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
        || first == '\r';
  }

  private void writeField(String raw) throws IOException {
    if (raw == null) {
      return;
    }
    String value = guard == FormulaGuard.NEUTRALISE ? neutralised(raw) : raw;
    if (!needsQuotes(value)) {
      out.write(value);
      return;
    }
    out.write('"');
    out.write(value.replace("\"", "\"\""));
    out.write('"');
  }

  private boolean needsQuotes(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == separator || c == '"' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
