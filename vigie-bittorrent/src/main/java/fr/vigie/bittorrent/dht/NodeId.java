package fr.vigie.bittorrent.dht;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** A 160-bit DHT node id or target; distances are XOR, compared as unsigned big-endian numbers. */
public record NodeId(byte[] bytes) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public NodeId {
    if (bytes.length != 20) {
      throw new IllegalArgumentException("a node id is 20 bytes, not " + bytes.length);
    }
    bytes = bytes.clone();
  }

  public static NodeId random() {
    byte[] b = new byte[20];
    RANDOM.nextBytes(b);
    return new NodeId(b);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Negative, zero or positive as {@code a} is closer to this id than {@code b}, as close, or farther. */
  public int compareDistance(NodeId a, NodeId b) {
    for (int i = 0; i < 20; i++) {
      int da = (a.bytes[i] ^ bytes[i]) & 0xff;
      int db = (b.bytes[i] ^ bytes[i]) & 0xff;
      if (da != db) {
        return Integer.compare(da, db);
      }
    }
    return 0;
  }

  /** Number of leading bits shared with {@code o} (160 when equal): the routing-table bucket. */
  public int commonPrefix(NodeId o) {
    for (int i = 0; i < 20; i++) {
      int x = (bytes[i] ^ o.bytes[i]) & 0xff;
      if (x != 0) {
        return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
      }
    }
    return 160;
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId n && Arrays.equals(bytes, n.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "NodeId[" + hex() + "]";
  }
}
