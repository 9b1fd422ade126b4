package fr.vigie.app.intake.internal;

/**
 * The key a media row is found by: the first 64 bits of the first digest it declares (MD5, else
 * SHA-1, else SHA-256), read from its hex. A bigint is a fraction of the hex text's size in an index and compares in one
 * instruction; two different digests share a key once in 2^64, and the full hashes are compared
 * on the rows a key finds anyway.
 */
final class HashKeys {

  private HashKeys() {}

  /** The key of a row declaring these digests (any may be null), or null when none is usable. */
  static Long of(String md5, String sha1, String sha256) {
    for (String digest : new String[] {md5, sha1, sha256}) {
      if (digest != null) {
        return of(digest);
      }
    }
    return null;
  }

  /** The key of a hex digest (either case), or null when there is none or it is not hex. */
  static Long of(String hex) {
    if (hex == null || hex.length() < 16) {
      return null;
    }
    try {
      return Long.parseUnsignedLong(hex, 0, 16, 16);
    } catch (NumberFormatException notHex) {
      return null;
    }
  }
}
