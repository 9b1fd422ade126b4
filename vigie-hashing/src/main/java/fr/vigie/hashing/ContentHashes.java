package fr.vigie.hashing;

import java.util.HexFormat;
import java.util.Objects;

/**
 * The exact hashes of one file's content: MD5, SHA-1 and SHA-256 as lowercase hex, and the size in
 * bytes. These are the three algorithms police hash sets are published in.
 */
public record ContentHashes(long size, String md5, String sha1, String sha256) {

  public ContentHashes {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, was " + size);
    }
    requireHex("md5", md5, 32);
    requireHex("sha1", sha1, 40);
    requireHex("sha256", sha256, 64);
  }

  private static void requireHex(String name, String value, int length) {
    Objects.requireNonNull(value, name);
    if (value.length() != length || !value.chars().allMatch(ContentHashes::isLowerHex)) {
      throw new IllegalArgumentException(
          name + " must be " + length + " lowercase hex characters, was '" + value + "'");
    }
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  static ContentHashes of(long size, byte[] md5, byte[] sha1, byte[] sha256) {
    HexFormat hex = HexFormat.of();
    return new ContentHashes(size, hex.formatHex(md5), hex.formatHex(sha1), hex.formatHex(sha256));
  }
}
