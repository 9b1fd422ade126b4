package fr.vigie.app.web;

/**
 * Outside text made safe to show: the characters that change how the text around them looks
 * without being seen themselves are replaced by a visible marker naming them, {@code ⟨U+202E⟩}.
 * A right-to-left override makes {@code invoice\u202Egnp.exe} read "invoiceexe.png"; a NUL cuts
 * what some viewers show; other control characters hide or move text.
 *
 * <p>Replaced: the bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to
 * U+2069), NUL and the other C0 controls but tab, line feed and carriage return, DEL, and the C1
 * controls (U+0080 to U+009F). Everything else is left as it is, and so is what is stored: the
 * original bytes stay the evidence; only what is displayed or exported is changed. Every page
 * gets it through {@code VisibleTextDialect}; CSV exports and PDFs call it themselves.
 */
public final class VisibleText {

  private VisibleText() {}

  /** True for the characters this replaces. */
  public static boolean hidden(int c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        || (c >= 0x7F && c <= 0x9F)
        || c == 0x061C || c == 0x200E || c == 0x200F
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }

  /** Returns {@code text} with each hidden character shown as {@code ⟨U+XXXX⟩}; null stays null. */
  public static String of(String text) {
    return replace(text, '⟨', '⟩');
  }

  /** {@link #of} of each cell of a CSV record about to be exported. */
  public static java.util.List<String> all(java.util.List<String> cells) {
    return cells.stream().map(VisibleText::of).toList();
  }

  /** {@link #of} of each cell of a CSV record about to be exported. */
  public static java.util.List<String> all(String... cells) {
    return all(java.util.Arrays.asList(cells));
  }

  /**
   * As {@link #of}, with {@code <U+XXXX>} for the PDFs, whose standard fonts have no angle
   * brackets ⟨ ⟩ (a character a font lacks would be dropped, hiding the marker itself).
   */
  public static String forPdf(String text) {
    return replace(text, '<', '>');
  }

  /**
   * Returns {@code text} as a PostgreSQL text column can hold it: a NUL, which it refuses (the
   * whole statement fails), shown as {@code ⟨U+0000⟩}; every other character kept as it is. For
   * the names and reasons stored about outside input (the input itself is kept as bytes).
   */
  public static String storable(String text) {
    return text == null || text.indexOf('\u0000') < 0 ? text
        : text.replace("\u0000", "⟨U+0000⟩");
  }

  /**
   * Puts back the characters {@link #of} replaced, so that a record shown neutralised in a text
   * area and sent back (a corrected quarantined record) is re-imported with its own characters.
   */
  public static String restore(String shown) {
    if (shown == null || shown.indexOf('⟨') < 0) {
      return shown;
    }
    StringBuilder b = new StringBuilder(shown.length());
    int i = 0;
    while (i < shown.length()) {
      char c = shown.charAt(i);
      if (c == '⟨' && i + 8 <= shown.length() && shown.startsWith("U+", i + 1)
          && shown.charAt(i + 7) == '⟩') {
        int code = parseHex(shown, i + 3, i + 7);
        if (code >= 0 && hidden(code)) {
          b.append((char) code);
          i += 8;
          continue;
        }
      }
      b.append(c);
      i++;
    }
    return b.toString();
  }

  private static String replace(String text, char open, char close) {
    if (text == null) {
      return null;
    }
    int first = firstHidden(text);
    if (first < 0) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 16);
    b.append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (hidden(c)) {
        b.append(open).append("U+").append(String.format(java.util.Locale.ROOT, "%04X", (int) c))
            .append(close);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static int firstHidden(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (hidden(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int parseHex(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
