package fr.vigie.bittorrent.bencode;

import fr.vigie.bittorrent.bencode.BValue.BDict;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bencode encoder for the messages we send. Accepts plain Java values: {@code byte[]}, {@link
 * String} (UTF-8), {@link Integer}/{@link Long}, {@link List}, {@link Map} with {@link String}
 * keys (ISO-8859-1 if they came from {@link BDict}, else the chars below 256 are the bytes), and
 * {@link BValue}s, which are written as their raw span (never re-encoded). Dictionary keys are
 * sorted by raw bytes as BEP 3 requires.
 */
public final class BencodeWriter {

  private BencodeWriter() {}

  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object value) {
    switch (value) {
      case BValue b -> out.writeBytes(b.raw());
      case byte[] bytes -> writeString(out, bytes);
      case String s -> writeString(out, s.getBytes(StandardCharsets.UTF_8));
      case Integer i -> writeInt(out, i);
      case Long l -> writeInt(out, l);
      case List<?> list -> {
        out.write('l');
        list.forEach(item -> write(out, item));
        out.write('e');
      }
      case Map<?, ?> map -> {
        List<String> keys = new ArrayList<>();
        for (Object k : map.keySet()) {
          if (!(k instanceof String s)) {
            throw new IllegalArgumentException("dictionary key is not a String: " + k);
          }
          for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
              throw new IllegalArgumentException("dictionary key must be ISO-8859-1 (one char per byte): " + s);
            }
          }
          keys.add(s);
        }
        keys.sort(null); // chars 0-255 compare as unsigned bytes
        out.write('d');
        for (String k : keys) {
          writeString(out, BDict.keyBytes(k));
          write(out, map.get(k));
        }
        out.write('e');
      }
      case null -> throw new IllegalArgumentException("bencode has no null");
      default -> throw new IllegalArgumentException("cannot bencode " + value.getClass().getName());
    }
  }

  /**
   * The canonical encoding of a decoded value, rebuilt from its parts (keys sorted): equal to
   * {@link BValue#raw()} exactly when the input was canonical. Never used for hashing.
   */
  public static byte[] reencode(BValue value) {
    return encode(plain(value));
  }

  private static Object plain(BValue v) {
    return switch (v) {
      case BValue.BInt i -> i.value();
      case BValue.BBytes b -> b.value();
      case BValue.BList l -> l.items().stream().map(BencodeWriter::plain).toList();
      case BDict d -> {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        d.entries().forEach((k, x) -> m.put(k, plain(x)));
        yield m;
      }
    };
  }

  private static void writeInt(ByteArrayOutputStream out, long v) {
    out.write('i');
    out.writeBytes(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
    out.write('e');
  }

  private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
    out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    out.write(':');
    out.writeBytes(bytes);
  }
}
