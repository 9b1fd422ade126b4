package fr.vigie.formats.cybertip;

/**
 * Tells, from a file's first bytes, why it cannot be UTF-8 text when NUL bytes or a UTF-16/32
 * byte order mark show it, so that a file of zeros or a picture is not called "UTF-16": UTF-16
 * and UTF-32 text (of mostly ASCII, as XML, JSON and CSV are) put their NULs at one place in
 * every 2 or 4 bytes; zeros are all NUL; anything else with NULs is binary.
 */
public final class NotUtf8 {

  /** What the first bytes show. */
  public enum Kind { TEXT, UTF16_OR_UTF32, ZEROS, BINARY }

  private NotUtf8() {}

  /** The kind of the first {@code length} bytes of {@code head} (at most the first 512 count). */
  public static Kind of(byte[] head, int length) {
    int n = Math.min(length, 512);
    if (n >= 2 && (((head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)
        || ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE))) {
      return Kind.UTF16_OR_UTF32;
    }
    int nul = 0;
    for (int i = 0; i < n; i++) {
      nul += head[i] == 0 ? 1 : 0;
    }
    if (nul == 0) {
      return Kind.TEXT;
    }
    if (nul == n) {
      return Kind.ZEROS;
    }
    for (int width : new int[] {2, 4}) {
      int place = -1;
      boolean oneplace = true;
      for (int i = 0; i < n && oneplace; i++) {
        if (head[i] != 0) {
          oneplace = place < 0 || place == i % width;
          place = i % width;
        }
      }
      if (oneplace && nul >= n * (width - 1) / width - width) {
        return Kind.UTF16_OR_UTF32;
      }
    }
    return Kind.BINARY;
  }

  /** The reason for a refused input of that kind ("the document …", "the file …"), or null. */
  public static String reason(Kind kind, String subject) {
    return switch (kind) {
      case TEXT -> null;
      case UTF16_OR_UTF32 -> subject + " is UTF-16 or UTF-32; Vigie reads UTF-8 only";
      case ZEROS -> subject + " holds only NUL bytes (zeros), not text";
      case BINARY -> subject + " holds NUL bytes: it is binary (a picture, an archive?), not "
          + "UTF-8 text";
    };
  }
}
