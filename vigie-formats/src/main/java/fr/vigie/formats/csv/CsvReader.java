package fr.vigie.formats.csv;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streaming RFC 4180 reader that reports each record with its line number and never stops at a
 * bad record.
 *
 * <p>Fields are separated by a configurable character and may be quoted with {@code "}; a quoted
 * field may hold separators, doubled quotes and line breaks. Line ends may be LF or CRLF. A UTF-8
 * byte order mark at the start is dropped. A quote inside an unquoted field, text after a closing
 * quote, or an unterminated quote gives a {@link CsvRow.Malformed} row, and reading resumes at the
 * next line. A field longer than {@code maxFieldLength} is also malformed, so that a hostile file
 * cannot exhaust memory. Blank lines are skipped. Not thread-safe.
 */
public final class CsvReader implements Closeable, Iterable<CsvRow> {

  public static final int DEFAULT_MAX_FIELD_LENGTH = 64 * 1024;

  private final BufferedReader in;
  private final char separator;
  private final int maxFieldLength;
  private long line = 1;
  private long column = 0;
  private boolean started;
  private int pushedBack = -2;

  public CsvReader(Reader in) {
    this(in, ',', DEFAULT_MAX_FIELD_LENGTH);
  }

  public CsvReader(Reader in, char separator, int maxFieldLength) {
    if (separator == '"' || separator == '\n' || separator == '\r') {
      throw new IllegalArgumentException("separator cannot be a quote or a line break: " + separator);
    }
    if (maxFieldLength < 1) {
      throw new IllegalArgumentException("maxFieldLength must be >= 1, was " + maxFieldLength);
    }
    this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    this.separator = separator;
    this.maxFieldLength = maxFieldLength;
  }

  /** Returns the next record, or an empty result at the end of input. */
  public java.util.Optional<CsvRow> next() throws IOException {
    int c = read();
    while (c == '\n' || c == '\r') {
      if (c == '\r') {
        skipLf();
      }
      c = read();
    }
    if (c < 0) {
      return java.util.Optional.empty();
    }
    unread(c);
    return java.util.Optional.of(readRecord());
  }

  /** Returns the remaining records as a lazy stream; I/O errors surface as UncheckedIOException. */
  public Stream<CsvRow> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  @Override
  public Iterator<CsvRow> iterator() {
    return new Iterator<>() {
      private java.util.Optional<CsvRow> ahead;

      @Override
      public boolean hasNext() {
        if (ahead == null) {
          try {
            ahead = CsvReader.this.next();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return ahead.isPresent();
      }

      @Override
      public CsvRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        CsvRow row = ahead.get();
        ahead = null;
        return row;
      }
    };
  }

  private CsvRow readRecord() throws IOException {
    long startLine = line;
    StringBuilder raw = new StringBuilder();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean afterClosingQuote = false;
    while (true) {
      int c = read();
      if (c >= 0 && c != '\n' && c != '\r') {
        raw.append((char) c);
      }
      if (quoted) {
        if (c < 0) {
          return new CsvRow.Malformed(startLine, column, "unterminated quoted field", raw.toString());
        } else if (c == '"') {
          int d = read();
          if (d == '"') {
            raw.append('"');
            field.append('"');
          } else {
            unread(d);
            quoted = false;
            afterClosingQuote = true;
          }
        } else {
          if (c == '\n' || c == '\r') {
            raw.append('\n');
            if (c == '\r') {
              skipLf();
            }
            field.append('\n');
          } else {
            field.append((char) c);
          }
        }
      } else if (c < 0 || c == '\n' || c == '\r') {
        if (c == '\r') {
          skipLf();
        }
        fields.add(field.toString());
        return new CsvRow.Fields(startLine, fields);
      } else if (c == separator) {
        fields.add(field.toString());
        field.setLength(0);
        afterClosingQuote = false;
      } else if (afterClosingQuote) {
        return malformedToEndOfLine(startLine, "text after a closing quote", raw);
      } else if (c == '"') {
        if (field.length() > 0) {
          return malformedToEndOfLine(startLine, "quote inside an unquoted field", raw);
        }
        quoted = true;
      } else {
        field.append((char) c);
      }
      if (field.length() > maxFieldLength) {
        return malformedToEndOfLine(startLine,
            "field longer than " + maxFieldLength + " characters", raw);
      }
    }
  }

  private CsvRow malformedToEndOfLine(long startLine, String reason, StringBuilder raw)
      throws IOException {
    long faultColumn = column;
    int c;
    while ((c = read()) >= 0 && c != '\n' && c != '\r') {
      if (raw.length() <= maxFieldLength) {
        raw.append((char) c);
      }
    }
    if (c == '\r') {
      skipLf();
    }
    return new CsvRow.Malformed(startLine, faultColumn, reason, raw.toString());
  }

  private int read() throws IOException {
    int c;
    if (pushedBack != -2) {
      c = pushedBack;
      pushedBack = -2;
    } else {
      c = in.read();
      if (!started) {
        started = true;
        if (c == '\uFEFF') {
          c = in.read();
        }
      }
    }
    if (c == '\n' || c == '\r') {
      line++;
      column = 0;
    } else if (c >= 0) {
      column++;
    }
    return c;
  }

  private void unread(int c) {
    pushedBack = c;
    if (c == '\n' || c == '\r') {
      line--;
    } else if (c >= 0) {
      column--;
    }
  }

  private void skipLf() throws IOException {
    int d = read();
    if (d == '\n') {
      line--; // CRLF is one line end, already counted at CR
    } else {
      unread(d);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
