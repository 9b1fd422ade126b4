package fr.vigie.bittorrent.metainfo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A torrent's identity: SHA-1 of the info dictionary (v1) or SHA-256 of it (v2, BEP 52). The
 * bytes are copied in and out.
 */
public record InfoHash(Version version, byte[] bytes) {

  /** Which hash: v1 is 20 bytes of SHA-1, v2 is 32 bytes of SHA-256. */
  public enum Version {
    V1("SHA-1", 20),
    V2("SHA-256", 32);

    private final String algorithm;
    private final int length;

    Version(String algorithm, int length) {
      this.algorithm = algorithm;
      this.length = length;
    }

    public int length() {
      return length;
    }

    public String algorithm() {
      return algorithm;
    }
  }

  public InfoHash {
    if (bytes.length != version.length) {
      throw new IllegalArgumentException(version + " infohash must be " + version.length + " bytes, not " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /** Hashes raw info-dictionary bytes as received. */
  public static InfoHash of(Version version, byte[] rawInfo) {
    return new InfoHash(version, digest(version.algorithm, rawInfo));
  }

  public static InfoHash fromHex(Version version, String hex) {
    return new InfoHash(version, HexFormat.of().parseHex(hex));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The 20 bytes sent in handshakes, tracker announces and DHT queries (v2 truncated, BEP 52). */
  public byte[] wire() {
    return Arrays.copyOf(bytes, 20);
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** Whether the raw info bytes hash to this infohash. */
  public boolean matches(byte[] rawInfo) {
    // Constant-time compare: not a secret, but one habit everywhere (see Guava's HashCode).
    return MessageDigest.isEqual(bytes, digest(version.algorithm, rawInfo));
  }

  static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has " + algorithm, e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InfoHash h && h.version == version && Arrays.equals(h.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return version + ":" + hex();
  }
}
