package fr.vigie.app.intake.internal;

import fr.vigie.app.intake.InputOutcome;
import fr.vigie.formats.cybertip.CyberTipFiles;
import fr.vigie.formats.cybertip.NotUtf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Names what an input is when nothing in it was a report: from its first bytes (magic numbers,
 * and where its NUL bytes are, {@link NotUtf8}) rather than from the words of its reader's
 * reasons, which stay as they are for the user to read.
 */
public final class RefusedInputs {

  private RefusedInputs() {}

  /**
   * What a file that gave no report and only refusals is.
   *
   * @param reasons the reasons its reader gave
   */
  public static InputOutcome whatItIs(Path file, Collection<String> reasons) {
    if (Files.isDirectory(file)) {
      return InputOutcome.NO_REPORT_ENTRY; // a folder read as one batch, like a zip
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(512);
    } catch (IOException e) {
      return InputOutcome.MISSING;
    }
    if (isZip(head)) {
      return reasons.stream().anyMatch(r -> r.startsWith("zip refused"))
          ? InputOutcome.ZIP_BOMB : InputOutcome.NO_REPORT_ENTRY;
    }
    if (head.length == 0) {
      return InputOutcome.EMPTY;
    }
    if (pictureType(head) != null) {
      return InputOutcome.PICTURE;
    }
    if (otherBinaryType(head) != null) {
      return InputOutcome.BINARY;
    }
    return switch (NotUtf8.of(head, head.length)) {
      case ZEROS -> InputOutcome.ZEROS;
      case UTF16_OR_UTF32 -> InputOutcome.UTF16;
      case BINARY -> InputOutcome.BINARY;
      case TEXT -> looksBinary(head) ? InputOutcome.BINARY : InputOutcome.NOT_REPORTS;
    };
  }

  /**
   * True when control characters other than tab, line breaks and form feed are more than one
   * byte in twenty: no text has that many, whatever its encoding (Latin-1 text, which the reader
   * refuses as not UTF-8, has none), while random bytes have one in eight. Binary data without a
   * NUL in its first bytes is caught so.
   */
  static boolean looksBinary(byte[] head) {
    int controls = 0;
    for (byte b : head) {
      int c = b & 0xFF;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
        controls++;
      }
    }
    return controls * 20 > head.length;
  }

  /**
   * What the file looks like when it is a known binary format ("a PNG picture", "a PDF
   * document", "a gzip archive"), or null: said before the reader's reason, which can only say
   * the bytes are not text.
   */
  public static String describe(Path file) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(32);
    } catch (IOException e) {
      return null;
    }
    String picture = pictureType(head);
    if (picture != null) {
      return "a " + picture + " picture";
    }
    String other = otherBinaryType(head);
    if (other == null) {
      return null;
    }
    return other.equals("PDF") ? "a PDF document" : "a " + other + " archive";
  }

  /** What an input is whose reading failed with {@code e} (the reader's own refusal, or worse). */
  public static InputOutcome ofFailure(Path file, Throwable e) {
    if (e instanceof NoSuchFileException || !Files.isRegularFile(file)) {
      return InputOutcome.MISSING;
    }
    if (!(e instanceof IOException)) {
      return InputOutcome.ERROR;
    }
    try {
      if (CyberTipFiles.isZip(file)) {
        return InputOutcome.DAMAGED_ZIP;
      }
    } catch (IOException unreadable) {
      return InputOutcome.MISSING;
    }
    String message = String.valueOf(e.getMessage());
    return message.contains("unknown format") ? InputOutcome.NOT_REPORTS : InputOutcome.ERROR;
  }

  /**
   * The kind of picture the bytes start as ("PNG", "JPEG", "GIF", "BMP", "WebP", "TIFF"), or
   * null: what an analyst is told a file named {@code .xml} really is.
   */
  public static String pictureType(byte[] h) {
    if (starts(h, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "PNG";
    }
    if (starts(h, 0xFF, 0xD8, 0xFF)) {
      return "JPEG";
    }
    if (starts(h, 'G', 'I', 'F', '8')) {
      return "GIF";
    }
    if (starts(h, 'B', 'M') && h.length >= 26) {
      return "BMP";
    }
    if (starts(h, 'R', 'I', 'F', 'F') && h.length >= 12 && h[8] == 'W' && h[9] == 'E'
        && h[10] == 'B' && h[11] == 'P') {
      return "WebP";
    }
    if (starts(h, 'I', 'I', 0x2A, 0x00) || starts(h, 'M', 'M', 0x00, 0x2A)) {
      return "TIFF";
    }
    return null;
  }

  /** Binary formats whose first bytes may hold no NUL (a PDF, a gzip), or null. */
  static String otherBinaryType(byte[] h) {
    if (starts(h, '%', 'P', 'D', 'F', '-')) {
      return "PDF";
    }
    if (starts(h, 0x1F, 0x8B)) {
      return "gzip";
    }
    if (starts(h, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
      return "7z";
    }
    if (starts(h, 'R', 'a', 'r', '!')) {
      return "RAR";
    }
    return null;
  }

  private static boolean isZip(byte[] h) {
    return starts(h, 'P', 'K', 3, 4);
  }

  private static boolean starts(byte[] h, int... magic) {
    if (h.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((h[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
