package fr.vigie.hashing;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A PDQ perceptual hash: 256 bits as four longs, {@code w0} most significant.
 *
 * <p>Bit {@code k} of the hash (k = 0..255, bit 0 least significant) is DCT coefficient
 * {@code (k / 16, k % 16)} of the reference algorithm; it lives in word {@code 3 - k / 64} at
 * position {@code k % 64}. This is the order of the reference CLI's hex output, so
 * {@link #toHex()} and {@link #fromHex} round-trip its hashes.
 */
public record PdqHash(long w0, long w1, long w2, long w3) {

  /** Number of bits in a PDQ hash. */
  public static final int BITS = 256;

  /** The all-zero hash, which the reference gives images under 5 pixels on a side. */
  public static final PdqHash ZERO = new PdqHash(0, 0, 0, 0);

  private static final HexFormat HEX = HexFormat.of();

  /** Returns the number of bits that differ, 0 to 256. */
  public int distanceTo(PdqHash other) {
    return Long.bitCount(w0 ^ other.w0) + Long.bitCount(w1 ^ other.w1)
        + Long.bitCount(w2 ^ other.w2) + Long.bitCount(w3 ^ other.w3);
  }

  /** Returns bit {@code k} (0 = least significant, 255 = most significant). */
  public boolean bit(int k) {
    Objects.checkIndex(k, BITS);
    return ((word(3 - (k >>> 6)) >>> (k & 63)) & 1L) != 0;
  }

  /** Returns word {@code i}, 0 being {@link #w0()}. */
  public long word(int i) {
    return switch (i) {
      case 0 -> w0;
      case 1 -> w1;
      case 2 -> w2;
      case 3 -> w3;
      default -> throw new IndexOutOfBoundsException("word index must be 0..3, was " + i);
    };
  }

  /** Returns the 64 lowercase hex digits of the hash, most significant first, as the CLI does. */
  public String toHex() {
    return HEX.toHexDigits(w0) + HEX.toHexDigits(w1) + HEX.toHexDigits(w2) + HEX.toHexDigits(w3);
  }

  /**
   * Parses 64 hex digits (either case), most significant first.
   *
   * @throws IllegalArgumentException naming the value when it is not 64 hex digits
   */
  public static PdqHash fromHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != 64 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException(
          "a PDQ hash must be 64 hex digits, was '" + abbreviate(hex) + "' (" + hex.length()
              + " characters)");
    }
    return new PdqHash(HexFormat.fromHexDigitsToLong(hex, 0, 16),
        HexFormat.fromHexDigitsToLong(hex, 16, 32), HexFormat.fromHexDigitsToLong(hex, 32, 48),
        HexFormat.fromHexDigitsToLong(hex, 48, 64));
  }

  /** Keeps error messages readable when someone passes a whole file as a hash. */
  private static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100) + "...";
  }

  @Override
  public String toString() {
    return toHex();
  }
}
