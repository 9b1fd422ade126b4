package fr.vigie.formats.hashsets;

import java.util.Locale;

/** Hex hash values as publishers write them (often upper-case) and as Vigie keeps them. */
final class Hex {

  /** MD5 and SHA-1 of zero bytes: listed by careless sets, they would match every empty file. */
  static final String EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e";
  static final String EMPTY_SHA1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private Hex() {}

  /**
   * Returns the value trimmed and lower-cased, null when blank.
   *
   * @throws IllegalArgumentException naming the field when it is not {@code length} hex digits
   */
  static String normalise(String field, String value, int length) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    require(field, v, length);
    return v;
  }

  static void require(String field, String value, int length) {
    if (value == null) {
      return;
    }
    if (value.length() != length || !value.chars().allMatch(Hex::isLowerHex)) {
      throw new IllegalArgumentException(field + " must be " + length + " hex digits, was '"
          + shorten(value) + "'");
    }
  }

  static boolean isEmptyFile(String md5, String sha1, String sha256) {
    return EMPTY_MD5.equals(md5) || EMPTY_SHA1.equals(sha1) || EMPTY_SHA256.equals(sha256);
  }

  static String shorten(String value) {
    return value.length() > 80 ? value.substring(0, 80) + "…" : value;
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
