package fr.vigie.formats.cybertip;

import java.util.Locale;

/**
 * An {@code originalFileHash}.
 *
 * @param type {@code @hashType} as written (free text, kept even when unknown)
 * @param algorithm MD5, SHA1, SHA256, or OTHER for a type Vigie does not know
 * @param value lower-case hex of the exact length for known algorithms; as written (trimmed)
 *     for OTHER
 */
public record FileHash(String type, Algorithm algorithm, String value) {

  /** Hash algorithms Vigie checks; {@code SHA-1} and {@code SHA-256} are read too. */
  public enum Algorithm {
    MD5(32), SHA1(40), SHA256(64), OTHER(-1);

    private final int hexLength;

    Algorithm(int hexLength) {
      this.hexLength = hexLength;
    }

    /** Hex characters of a value, or -1 for OTHER. */
    public int hexLength() {
      return hexLength;
    }

    public static Algorithm of(String type) {
      return switch (type.strip().replace("-", "").toUpperCase(Locale.ROOT)) {
        case "MD5" -> MD5;
        case "SHA1" -> SHA1;
        case "SHA256" -> SHA256;
        default -> OTHER;
      };
    }
  }

  /** Returns why the value does not fit the type, or null when it does. */
  public static String problem(Algorithm algorithm, String value) {
    if (algorithm == Algorithm.OTHER) {
      return value.isEmpty() ? "empty hash value" : null;
    }
    if (value.length() != algorithm.hexLength || !isHex(value)) {
      return algorithm + " must be " + algorithm.hexLength + " hex characters";
    }
    return null;
  }

  /** {@code value.matches("[0-9a-fA-F]+")} without a regular expression (one per file read). */
  private static boolean isHex(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }
}
