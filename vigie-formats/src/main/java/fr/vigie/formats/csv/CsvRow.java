package fr.vigie.formats.csv;

import java.util.List;

/** One record read from a CSV file: either its fields, or why it could not be read. */
public sealed interface CsvRow {

  /** The 1-based line on which the record starts (a quoted field may span several lines). */
  long line();

  /** A well-formed record. Fields are as written, quotes removed, never null. */
  record Fields(long line, List<String> values) implements CsvRow {
    public Fields {
      values = List.copyOf(values);
    }

    /** Returns the field at {@code index}, or "" when the record is shorter. */
    public String get(int index) {
      return index < values.size() ? values.get(index) : "";
    }
  }

  /**
   * A record that breaks the CSV grammar; reading goes on with the next line.
   *
   * @param column 1-based character position of the fault on {@code line}
   * @param raw the text of the record as read, for quarantine
   */
  record Malformed(long line, long column, String reason, String raw) implements CsvRow {}
}
