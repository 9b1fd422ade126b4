package fr.vigie.bittorrent.bencode;

import fr.vigie.bittorrent.bencode.BValue.BBytes;
import fr.vigie.bittorrent.bencode.BValue.BDict;
import fr.vigie.bittorrent.bencode.BValue.BInt;
import fr.vigie.bittorrent.bencode.BValue.BList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict bencode decoder. Refuses leading zeros ({@code i03e}, {@code 03:abc}), negative zero,
 * empty integers, duplicate (and, with {@link BencodeLimits#sortedKeys()}, unsorted) dictionary
 * keys, non-string keys, trailing data, and input past the limits. Thread-safe: no state.
 */
public final class Bencode {

  private Bencode() {}

  /** Decodes one value that must span the whole input, with {@link BencodeLimits#STRICT}. */
  public static BValue decode(byte[] input) {
    return decode(input, BencodeLimits.STRICT);
  }

  /** Decodes one value that must span the whole input. */
  public static BValue decode(byte[] input, BencodeLimits limits) {
    BValue value = decodePrefix(input, 0, input.length, limits);
    if (value.span().end() != input.length) {
      throw new BencodeException(value.span().end(), "trailing data after the value (" + (input.length - value.span().end()) + " bytes)");
    }
    return value;
  }

  /**
   * Decodes the value that starts at {@code offset} and ends before {@code limit}; the bytes after
   * it are the caller's (BEP 9 sends piece data right after a dictionary). {@code span().end()}
   * says where the value stopped.
   */
  public static BValue decodePrefix(byte[] input, int offset, int limit, BencodeLimits limits) {
    if (offset < 0 || limit > input.length || offset > limit) {
      throw new IllegalArgumentException("bad range [" + offset + ", " + limit + ") of " + input.length);
    }
    return new Reader(input, limit, limits).value(offset, 0);
  }

  /** One decode: the input, its end and a budget of values. */
  private static final class Reader {
    private final byte[] in;
    private final int limit;
    private final BencodeLimits limits;
    private int pos;
    private int values;

    Reader(byte[] in, int limit, BencodeLimits limits) {
      this.in = in;
      this.limit = limit;
      this.limits = limits;
    }

    BValue value(int at, int depth) {
      pos = at;
      return next(depth);
    }

    private BValue next(int depth) {
      if (++values > limits.maxValues()) {
        throw new BencodeException(pos, "more than " + limits.maxValues() + " values");
      }
      if (pos >= limit) {
        throw new BencodeException(pos, "input ends where a value was expected");
      }
      int start = pos;
      byte b = in[pos];
      return switch (b) {
        case 'i' -> integer(start);
        case 'l' -> list(start, depth);
        case 'd' -> dict(start, depth);
        default -> {
          if (b >= '0' && b <= '9') {
            yield string(start);
          }
          throw new BencodeException(pos, "unexpected byte 0x" + Integer.toHexString(b & 0xff));
        }
      };
    }

    private BInt integer(int start) {
      pos++; // 'i'
      boolean negative = false;
      if (pos < limit && in[pos] == '-') {
        negative = true;
        pos++;
      }
      int digitsStart = pos;
      long value = 0;
      while (pos < limit && in[pos] >= '0' && in[pos] <= '9') {
        int d = in[pos] - '0';
        // accumulate negatively so that Long.MIN_VALUE fits
        if (value < (Long.MIN_VALUE + d) / 10) {
          throw new BencodeException(start, "integer does not fit in 64 bits");
        }
        value = value * 10 - d;
        pos++;
      }
      int digits = pos - digitsStart;
      if (digits == 0) {
        throw new BencodeException(pos, "integer without digits");
      }
      if (in[digitsStart] == '0' && (digits > 1 || negative)) {
        throw new BencodeException(digitsStart, negative ? "negative zero" : "leading zero in integer");
      }
      expect('e', "integer not closed by 'e'");
      if (!negative) {
        if (value == Long.MIN_VALUE) {
          throw new BencodeException(start, "integer does not fit in 64 bits");
        }
        value = -value;
      }
      return new BInt(value, new Span(in, start, pos));
    }

    private BBytes string(int start) {
      long length = 0;
      while (pos < limit && in[pos] >= '0' && in[pos] <= '9') {
        length = length * 10 + (in[pos] - '0');
        if (length > limits.maxStringLength()) {
          throw new BencodeException(start, "string longer than " + limits.maxStringLength() + " bytes");
        }
        pos++;
      }
      if (in[start] == '0' && pos - start > 1) {
        throw new BencodeException(start, "leading zero in string length");
      }
      expect(':', "string length not followed by ':'");
      if (limit - pos < length) {
        throw new BencodeException(pos, "string of " + length + " bytes cut short (" + (limit - pos) + " left)");
      }
      int end = pos + (int) length;
      byte[] value = Arrays.copyOfRange(in, pos, end);
      pos = end;
      return new BBytes(value, new Span(in, start, end));
    }

    private BList list(int start, int depth) {
      checkDepth(start, depth);
      pos++; // 'l'
      List<BValue> items = new ArrayList<>();
      while (true) {
        if (pos >= limit) {
          throw new BencodeException(pos, "list not closed");
        }
        if (in[pos] == 'e') {
          pos++;
          return new BList(items, new Span(in, start, pos));
        }
        items.add(next(depth + 1));
      }
    }

    private BDict dict(int start, int depth) {
      checkDepth(start, depth);
      pos++; // 'd'
      Map<String, BValue> entries = new LinkedHashMap<>();
      String previous = null;
      while (true) {
        if (pos >= limit) {
          throw new BencodeException(pos, "dictionary not closed");
        }
        if (in[pos] == 'e') {
          pos++;
          return new BDict(entries, new Span(in, start, pos));
        }
        int keyAt = pos;
        if (in[pos] < '0' || in[pos] > '9') {
          throw new BencodeException(pos, "dictionary key is not a string");
        }
        ++values;
        String key = BDict.key(string(keyAt).value());
        if (entries.containsKey(key)) {
          throw new BencodeException(keyAt, "duplicate dictionary key '" + printable(key) + "'");
        }
        if (limits.sortedKeys() && previous != null && previous.compareTo(key) > 0) {
          throw new BencodeException(keyAt, "dictionary key '" + printable(key) + "' after '" + printable(previous) + "': keys must be sorted");
        }
        previous = key;
        entries.put(key, next(depth + 1));
      }
    }

    private void checkDepth(int at, int depth) {
      if (depth >= limits.maxDepth()) {
        throw new BencodeException(at, "nested deeper than " + limits.maxDepth());
      }
    }

    private void expect(char c, String message) {
      if (pos >= limit || in[pos] != c) {
        throw new BencodeException(pos, message);
      }
      pos++;
    }

    private static String printable(String key) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < key.length() && i < 40; i++) {
        char c = key.charAt(i);
        sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
      }
      return sb.toString();
    }
  }
}
