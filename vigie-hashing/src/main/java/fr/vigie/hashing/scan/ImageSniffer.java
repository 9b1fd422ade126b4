package fr.vigie.hashing.scan;

/**
 * Tells from a file's first bytes whether it should be decoded as an image. Extensions are not
 * looked at: seized files are often renamed to hide what they are.
 */
final class ImageSniffer {

  /** Enough bytes for every signature below. */
  static final int HEAD_BYTES = 32;

  private ImageSniffer() {}

  /** Returns whether the first {@code n} bytes of {@code head} start a JPEG, PNG, GIF, BMP or WebP. */
  static boolean looksLikeImage(byte[] head, int n) {
    // WebP is decoded by TwelveMonkeys' reader, a dependency of this module.
    return isJpeg(head, n) || isPng(head, n) || isGif(head, n) || isBmp(head, n)
        || isWebp(head, n);
  }

  private static boolean isJpeg(byte[] h, int n) {
    return n >= 3 && u(h, 0) == 0xFF && u(h, 1) == 0xD8 && u(h, 2) == 0xFF;
  }

  private static boolean isPng(byte[] h, int n) {
    return startsWith(h, n, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
  }

  private static boolean isGif(byte[] h, int n) {
    return startsWith(h, n, 0, "GIF87a".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        || startsWith(h, n, 0, "GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /**
   * "BM" alone starts too many unrelated files, so the DIB header size at offset 14 must also be
   * one of the sizes Windows and OS/2 define.
   */
  private static boolean isBmp(byte[] h, int n) {
    if (n < 18 || h[0] != 'B' || h[1] != 'M') {
      return false;
    }
    int dib = u(h, 14) | u(h, 15) << 8 | u(h, 16) << 16 | u(h, 17) << 24;
    return dib == 12 || dib == 16 || dib == 40 || dib == 52 || dib == 56 || dib == 64
        || dib == 108 || dib == 124;
  }

  private static boolean isWebp(byte[] h, int n) {
    return startsWith(h, n, 0, new byte[] {'R', 'I', 'F', 'F'})
        && startsWith(h, n, 8, new byte[] {'W', 'E', 'B', 'P'});
  }

  private static boolean startsWith(byte[] h, int n, int at, byte[] sig) {
    if (n < at + sig.length) {
      return false;
    }
    for (int i = 0; i < sig.length; i++) {
      if (h[at + i] != sig[i]) {
        return false;
      }
    }
    return true;
  }

  private static int u(byte[] h, int i) {
    return h[i] & 0xFF;
  }
}
