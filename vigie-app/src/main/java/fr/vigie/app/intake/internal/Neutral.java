package fr.vigie.app.intake.internal;

/**
 * A value from a report made safe to show among others: besides the HTML escaping every page
 * does, the characters that change how the text around them reads are written out as their code
 * ({@code [U+202E]}): controls, line breaks, bidirectional overrides (which can make
 * {@code gpj.exe} read {@code exe.jpg}), zero-width and invisible characters; and a long value
 * is cut. The raw record, a separate read, keeps the value as it came.
 */
final class Neutral {

  /** Characters shown of one value; the raw record has the rest. */
  static final int MAX_SHOWN = 300;

  private Neutral() {}

  static String of(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 16);
    int shown = 0;
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (shown >= MAX_SHOWN) {
        b.append("… (").append(value.codePointCount(0, value.length())).append(" characters)");
        break;
      }
      if (visible(c)) {
        b.appendCodePoint(c);
      } else {
        b.append(String.format(java.util.Locale.ROOT, "[U+%04X]", c));
      }
      shown++;
    }
    return b.toString();
  }

  private static boolean visible(int c) {
    if (c == ' ') {
      return true;
    }
    if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
      return false;
    }
    return switch (Character.getType(c)) {
      case Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
           Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    };
  }
}
