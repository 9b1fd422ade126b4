package fr.vigie.formats.cybertip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The id of a report that came without a report number (a provider's {@code <report>} document):
 * {@code derived-} and the first 128 bits, in hex, of SHA-256 over
 * {@code "vigie-derived-id/1\n" + sourceCode + "\n" + canonical report}. The same report from the
 * same source always gets the same id, so a re-import is found unchanged; the same bytes from
 * another source are another report.
 *
 * <p>The canonical form makes the id depend on the report's content, not on how an encoder laid
 * it out: local names only; attributes sorted by name (the XML Schema instance ones are already
 * gone, see {@link RecordBuffer}); an element's text trimmed; whitespace between elements
 * dropped; {@code & < >} and {@code "} escaped; every element written open and close. Element
 * order is kept (it is content). Only the {@code report} element counts, not its fileDetails: a
 * report sent again with one more file keeps its id, and its content hash says it changed.
 */
final class DerivedId {

  private static final HexFormat HEX = HexFormat.of();

  private DerivedId() {}

  static String of(String sourceCode, XmlNode report) {
    StringBuilder canonical = new StringBuilder(4096);
    canonical.append("vigie-derived-id/1\n").append(sourceCode).append('\n');
    write(report, canonical);
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return CyberTip.DERIVED_ID_PREFIX + HEX.formatHex(sha, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The canonical form of {@code node} (package-private for the tests). */
  static String canonical(XmlNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(XmlNode node, StringBuilder out) {
    out.append('<').append(node.name);
    List<Integer> order = new ArrayList<>(node.attributeCount());
    for (int i = 0; i < node.attributeCount(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> node.attributeName(a).compareTo(node.attributeName(b)));
    for (int i : order) {
      out.append(' ').append(node.attributeName(i)).append("=\"");
      escape(node.attributeValue(i), out);
      out.append('"');
    }
    out.append('>');
    String text = node.peekText();
    if (text != null) {
      escape(text, out);
    }
    for (XmlNode child : node.children()) {
      write(child, out);
    }
    out.append("</").append(node.name).append('>');
  }

  private static void escape(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
  }
}
