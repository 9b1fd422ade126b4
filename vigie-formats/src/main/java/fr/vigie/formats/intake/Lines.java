package fr.vigie.formats.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits bytes into lines (LF or CRLF) without ever holding more than {@code maxBytes} of one
 * line: the rest of a longer line is skipped and the line flagged {@link #overlong()}, so that a
 * file without line breaks cannot exhaust memory. Each line is decoded as strict UTF-8 apart, so
 * a bad byte spoils its own line only.
 */
final class Lines {

  private final InputStream in;
  private final int maxBytes;
  private final byte[] chunk = new byte[1 << 16];
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int pos;
  private int end;
  private boolean eof;
  private byte[] line = new byte[8192];
  private int length;
  private boolean overlong;
  private long number;

  Lines(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** Moves to the next line; false at the end of the input. */
  boolean next() throws IOException {
    length = 0;
    overlong = false;
    boolean any = false;
    while (true) {
      if (pos >= end) {
        if (eof) {
          break;
        }
        int n = in.read(chunk);
        if (n < 0) {
          eof = true;
          break;
        }
        pos = 0;
        end = n;
      }
      any = true;
      int i = pos;
      while (i < end && chunk[i] != '\n') {
        i++;
      }
      append(pos, i - pos);
      if (i < end) {
        pos = i + 1;
        break;
      }
      pos = end;
    }
    if (!any) {
      return false;
    }
    number++;
    if (length > 0 && line[length - 1] == '\r' && !overlong) {
      length--;
    }
    return true;
  }

  private void append(int from, int n) {
    int room = maxBytes - length;
    if (n > room) {
      overlong = true;
      n = Math.max(0, room);
    }
    if (length + n > line.length) {
      line = Arrays.copyOf(line, Math.min(maxBytes, Math.max(length + n, line.length * 2)));
    }
    System.arraycopy(chunk, from, line, length, n);
    length += n;
  }

  /** 1-based number of the current line. */
  long number() {
    return number;
  }

  boolean overlong() {
    return overlong;
  }

  /** The bytes of the current line, without its line end. */
  byte[] bytes() {
    return line;
  }

  int length() {
    return length;
  }

  /** Drops {@code n} bytes at the start of the current line (a byte order mark). */
  void skip(int n) {
    System.arraycopy(line, n, line, 0, length - n);
    length -= n;
  }

  /**
   * The current line as text.
   *
   * @throws Problem naming the 1-based column of the first byte that is not UTF-8
   */
  String text() {
    decoder.reset();
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
    CharBuffer chars = CharBuffer.allocate(length);
    CoderResult r = decoder.decode(bytes, chars, true);
    if (r.isError()) {
      throw new BadBytes(chars.position() + 1);
    }
    decoder.flush(chars);
    return chars.flip().toString();
  }

  /** The current line decoded leniently, for quarantine when it is not UTF-8. */
  String lenientText() {
    return new String(line, 0, length, StandardCharsets.UTF_8);
  }

  /** A byte that is not UTF-8, at a 1-based column (characters decoded before it + 1). */
  static final class BadBytes extends RuntimeException {
    final long column;

    BadBytes(long column) {
      super("bytes that are not UTF-8 (wrong encoding?)", null, false, false);
      this.column = column;
    }
  }
}
