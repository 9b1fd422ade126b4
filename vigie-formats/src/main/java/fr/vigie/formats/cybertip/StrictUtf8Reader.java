package fr.vigie.formats.cybertip;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly, but hands over every character decoded before a bad byte and raises
 * the error only on the next read, so the XML parser reports it where it is, not up to a buffer
 * earlier ({@link java.io.InputStreamReader} raises it as soon as it decodes ahead).
 */
public final class StrictUtf8Reader extends Reader {

  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 14).flip();
  private boolean eof;
  private boolean flushed;
  private CharacterCodingException pending;

  public StrictUtf8Reader(InputStream in) {
    this.in = in;
  }

  @Override
  public int read(char[] buffer, int off, int len) throws IOException {
    if (pending != null) {
      throw pending;
    }
    if (len == 0) {
      return 0;
    }
    if (flushed) {
      // A decoder flushed at the end may not decode again: a parser reading past the end of a
      // cut document would get an IllegalStateException instead of the end.
      return -1;
    }
    CharBuffer chars = CharBuffer.wrap(buffer, off, len);
    while (true) {
      CoderResult result = decoder.decode(bytes, chars, eof);
      int n = chars.position() - off;
      if (result.isError()) {
        pending = new CharacterCodingException() {
          @Override
          public String getMessage() {
            return "input is not valid UTF-8";
          }
        };
        if (n > 0) {
          return n;
        }
        throw pending;
      }
      if (result.isOverflow() || n > 0) {
        return n;
      }
      if (eof) {
        if (!flushed) {
          flushed = true;
          decoder.flush(chars);
          n = chars.position() - off;
          if (n > 0) {
            return n;
          }
        }
        return -1;
      }
      bytes.compact();
      int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (read < 0) {
        eof = true;
      } else {
        bytes.position(bytes.position() + read);
      }
      bytes.flip();
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
