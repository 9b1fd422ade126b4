package fr.vigie.app.media;

/** Tells a media type from a file's first bytes (extensions lie: seized files are renamed). */
final class ContentSniffer {

  private ContentSniffer() {}

  /** Returns e.g. "image/png", or null when the bytes start no format Vigie knows. */
  static String typeOf(byte[] h) {
    if (starts(h, 0, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (starts(h, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (starts(h, 0, 'G', 'I', 'F', '8')) {
      return "image/gif";
    }
    if (starts(h, 0, 'B', 'M') && h.length >= 18) {
      return "image/bmp";
    }
    if (starts(h, 0, 'R', 'I', 'F', 'F') && starts(h, 8, 'W', 'E', 'B', 'P')) {
      return "image/webp";
    }
    if (starts(h, 4, 'f', 't', 'y', 'p')) {
      return "video/mp4";
    }
    if (starts(h, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
      return "video/webm";
    }
    if (starts(h, 0, 'R', 'I', 'F', 'F') && starts(h, 8, 'A', 'V', 'I', ' ')) {
      return "video/x-msvideo";
    }
    return null;
  }

  static boolean isImage(String type) {
    return type != null && type.startsWith("image/");
  }

  private static boolean starts(byte[] h, int at, int... signature) {
    if (h.length < at + signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((h[at + i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }
}
