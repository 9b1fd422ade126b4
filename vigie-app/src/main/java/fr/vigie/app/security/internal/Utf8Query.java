package fr.vigie.app.security.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds the first field of a raw query string ({@code a=1&b=%C3%A9}) whose percent-decoded bytes
 * are not UTF-8, the way the web server decodes it ({@code +} is a space). A malformed escape
 * ({@code %Z1}) is not this class's concern: that field is skipped.
 */
final class Utf8Query {

  /** The field at fault; {@code name} is null when the name itself is not UTF-8. */
  record Invalid(String name) {}

  private Utf8Query() {}

  /** Returns the first field that is not UTF-8, or empty (also for a null or empty query). */
  static Optional<Invalid> firstInvalid(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&", -1)) {
      int equals = pair.indexOf('=');
      byte[] name = percentDecoded(equals < 0 ? pair : pair.substring(0, equals));
      byte[] value = equals < 0 ? new byte[0] : percentDecoded(pair.substring(equals + 1));
      if (name == null || value == null) {
        continue;
      }
      Optional<String> decodedName = utf8(name);
      if (decodedName.isEmpty()) {
        return Optional.of(new Invalid(null));
      }
      if (utf8(value).isEmpty()) {
        return Optional.of(new Invalid(decodedName.get()));
      }
    }
    return Optional.empty();
  }

  /** Returns the bytes, or null when an escape is malformed. */
  private static byte[] percentDecoded(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int high = Character.digit(s.charAt(i + 1), 16);
        int low = Character.digit(s.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return null;
        }
        out.write((high << 4) | low);
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else if (c <= 0xFF) {
        out.write(c); // the request line's raw bytes, read one byte per character
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
