package fr.vigie.bittorrent.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A decoded bencode value with the raw bytes it came from ({@link #span()}). Values built in code
 * (to be encoded) have a span over their own encoding.
 */
public sealed interface BValue {

  /** The bytes of the input this value was decoded from, delimiters included. */
  Span span();

  /** The raw encoding of this value as received: what is hashed for the info dictionary. */
  default byte[] raw() {
    return span().bytes();
  }

  /** An integer, {@code i<digits>e}; bencode has no bound, we accept what fits in a long. */
  record BInt(long value, Span span) implements BValue {}

  /** A byte string, {@code <length>:<bytes>}; the bytes are copied in and out. */
  record BBytes(byte[] value, Span span) implements BValue {
    public BBytes {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    public int length() {
      return value.length;
    }

    /** The bytes read as UTF-8 (malformed sequences replaced), for names and messages. */
    public String utf8() {
      return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BBytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "BBytes[" + (value.length <= 64 ? HexFormat.of().formatHex(value) : value.length + " bytes") + "]";
    }
  }

  /** A list, {@code l...e}. */
  record BList(List<BValue> items, Span span) implements BValue {
    public BList {
      items = List.copyOf(items);
    }
  }

  /**
   * A dictionary, {@code d...e}, in the order received. Keys are byte strings; they are held as
   * ISO-8859-1 strings, one char per byte, so any key (even binary, as in BEP 52's piece layers)
   * maps back to its exact bytes, and {@code String.compareTo} orders them as raw bytes do.
   */
  record BDict(Map<String, BValue> entries, Span span) implements BValue {
    public BDict {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Optional<BValue> get(String key) {
      return Optional.ofNullable(entries.get(key));
    }

    public Optional<BDict> dict(String key) {
      return entries.get(key) instanceof BDict d ? Optional.of(d) : Optional.empty();
    }

    public Optional<BList> list(String key) {
      return entries.get(key) instanceof BList l ? Optional.of(l) : Optional.empty();
    }

    public Optional<BBytes> bytes(String key) {
      return entries.get(key) instanceof BBytes b ? Optional.of(b) : Optional.empty();
    }

    public Optional<Long> integer(String key) {
      return entries.get(key) instanceof BInt i ? Optional.of(i.value()) : Optional.empty();
    }

    public Optional<String> string(String key) {
      return bytes(key).map(BBytes::utf8);
    }

    /** A key as its raw bytes. */
    public static byte[] keyBytes(String key) {
      return key.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The map key for raw key bytes. */
    public static String key(byte[] raw) {
      return new String(raw, StandardCharsets.ISO_8859_1);
    }
  }
}
