package fr.vigie.geo;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a small database in the MaxMind DB format (version 2.0 of MaxMind's published
 * specification), which MaxMind's own reader opens like a GeoIP2 file. Vigie writes one only for
 * its demo, so that synthetic addresses from the documentation ranges get a country and an
 * operator: the real databases come from MaxMind and are never made here.
 *
 * <p>An IPv6 tree, IPv4 networks at {@code ::a.b.c.d} as MaxMind places them, 24-bit records.
 * A network inserted after a wider one that holds it takes its part of the wider one. Values of
 * a record: {@link String} (UTF-8 string), {@link Integer} (uint16), {@link Long} (uint32),
 * {@link BigInteger} (uint64), {@link Boolean}, {@link List} (array), {@link Map} with string keys.
 */
public final class MaxMindDbWriter {

  private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
      'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};
  private static final int RECORD_BITS = 24;

  private final String databaseType;
  private final String description;
  private final Node root = new Node();

  /**
   * @param databaseType what the file says it is; MaxMind's GeoIP2 reader opens only the types
   *     it knows: a country database's type must contain "Country" (or "City"), an ASN
   *     database's "GeoLite2-ASN"
   * @param description a sentence in English saying what the file is
   */
  public MaxMindDbWriter(String databaseType, String description) {
    this.databaseType = Objects.requireNonNull(databaseType, "databaseType");
    this.description = Objects.requireNonNull(description, "description");
  }

  /** Gives every address of {@code network} ("192.0.2.0/25", "2001:db8::/34") this record. */
  public MaxMindDbWriter insert(String network, Map<String, ?> record) {
    CidrBlock block = CidrBlock.parse(network);
    byte[] address = block.network().inet().getAddress();
    int prefix = block.prefix();
    byte[] bits = new byte[16];
    int offset = 0;
    if (address.length == 4) {
      System.arraycopy(address, 0, bits, 12, 4);
      offset = 96;
    } else {
      System.arraycopy(address, 0, bits, 0, 16);
    }
    Leaf leaf = new Leaf(Map.copyOf(record));
    Node node = root;
    int depth = offset + prefix;
    if (depth == 0) {
      throw new IllegalArgumentException("a record for every address (::/0) is not supported");
    }
    for (int i = 0; i < depth - 1; i++) {
      int bit = bit(bits, i);
      Object child = node.child(bit);
      if (child instanceof Node next) {
        node = next;
      } else {
        // An empty side, or a wider network's record to be split around this one.
        Node split = new Node();
        split.left = child;
        split.right = child;
        node.set(bit, split);
        node = split;
      }
    }
    node.set(bit(bits, depth - 1), leaf);
    return this;
  }

  /** The whole file, its metadata saying it was built at {@code builtAt}. */
  public byte[] toBytes(Instant builtAt) {
    List<Node> nodes = new ArrayList<>();
    Map<Node, Integer> numbers = new IdentityHashMap<>();
    ArrayDeque<Node> queue = new ArrayDeque<>();
    queue.add(root);
    while (!queue.isEmpty()) {
      Node n = queue.poll();
      numbers.put(n, nodes.size());
      nodes.add(n);
      for (Object child : new Object[] {n.left, n.right}) {
        if (child instanceof Node c) {
          queue.add(c);
        }
      }
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    Map<Map<String, ?>, Integer> offsets = new LinkedHashMap<>();
    ByteArrayOutputStream tree = new ByteArrayOutputStream();
    long nodeCount = nodes.size();
    for (Node n : nodes) {
      for (Object child : new Object[] {n.left, n.right}) {
        long value;
        if (child == null) {
          value = nodeCount;
        } else if (child instanceof Node c) {
          value = numbers.get(c);
        } else {
          Map<String, ?> record = ((Leaf) child).record();
          Integer at = offsets.get(record);
          if (at == null) {
            at = data.size();
            offsets.put(record, at);
            encode(record, data);
          }
          value = nodeCount + 16 + at;
        }
        if (value >= 1L << RECORD_BITS) {
          throw new IllegalStateException("too large for 24-bit records");
        }
        tree.write((int) (value >>> 16));
        tree.write((int) (value >>> 8));
        tree.write((int) value);
      }
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("binary_format_major_version", 2);
    metadata.put("binary_format_minor_version", 0);
    metadata.put("build_epoch", BigInteger.valueOf(builtAt.getEpochSecond()));
    metadata.put("database_type", databaseType);
    metadata.put("description", Map.of("en", description));
    metadata.put("ip_version", 6);
    metadata.put("languages", List.of("en"));
    metadata.put("node_count", nodeCount);
    metadata.put("record_size", RECORD_BITS);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(tree.toByteArray());
    file.writeBytes(new byte[16]);
    file.writeBytes(data.toByteArray());
    file.writeBytes(METADATA_MARKER);
    encode(metadata, file);
    return file.toByteArray();
  }

  private static int bit(byte[] bits, int i) {
    return (bits[i / 8] >>> (7 - i % 8)) & 1;
  }

  // Types of the data section, as numbered by the specification.
  private static final int UTF8 = 2;
  private static final int UINT16 = 5;
  private static final int UINT32 = 6;
  private static final int MAP = 7;
  private static final int UINT64 = 9;
  private static final int ARRAY = 11;
  private static final int BOOLEAN = 14;

  private static void encode(Object value, ByteArrayOutputStream out) {
    switch (value) {
      case String s -> {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        control(UTF8, utf8.length, out);
        out.writeBytes(utf8);
      }
      case Integer i when i >= 0 && i <= 0xFFFF -> unsigned(UINT16, BigInteger.valueOf(i), out);
      case Long l when l >= 0 && l <= 0xFFFF_FFFFL -> unsigned(UINT32, BigInteger.valueOf(l), out);
      case BigInteger b when b.signum() >= 0 && b.bitLength() <= 64 -> unsigned(UINT64, b, out);
      case Boolean b -> control(BOOLEAN, b ? 1 : 0, out);
      case List<?> list -> {
        control(ARRAY, list.size(), out);
        list.forEach(item -> encode(item, out));
      }
      case Map<?, ?> map -> {
        control(MAP, map.size(), out);
        map.forEach((k, v) -> {
          encode((String) k, out);
          encode(v, out);
        });
      }
      default -> throw new IllegalArgumentException("no MaxMind DB type for " + value);
    }
  }

  private static void unsigned(int type, BigInteger value, ByteArrayOutputStream out) {
    byte[] bytes = value.signum() == 0 ? new byte[0] : value.toByteArray();
    int skip = bytes.length > 0 && bytes[0] == 0 ? 1 : 0;
    control(type, bytes.length - skip, out);
    out.write(bytes, skip, bytes.length - skip);
  }

  private static void control(int type, int size, ByteArrayOutputStream out) {
    int first = type <= 7 ? type << 5 : 0;
    byte[] extra;
    if (size < 29) {
      first |= size;
      extra = new byte[0];
    } else if (size < 29 + 256) {
      first |= 29;
      extra = new byte[] {(byte) (size - 29)};
    } else if (size < 285 + 65_536) {
      first |= 30;
      int s = size - 285;
      extra = new byte[] {(byte) (s >>> 8), (byte) s};
    } else {
      first |= 31;
      int s = size - 65_821;
      extra = new byte[] {(byte) (s >>> 16), (byte) (s >>> 8), (byte) s};
    }
    out.write(first);
    if (type > 7) {
      out.write(type - 7);
    }
    out.writeBytes(extra);
  }

  private static final class Node {
    Object left;
    Object right;

    Object child(int bit) {
      return bit == 0 ? left : right;
    }

    void set(int bit, Object child) {
      if (bit == 0) {
        left = child;
      } else {
        right = child;
      }
    }
  }

  private record Leaf(Map<String, ?> record) {}
}
