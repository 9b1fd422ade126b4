package fr.vigie.app.intake.internal;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The layout-free form of a record's raw XML, whose SHA-256 is the content identity of a report
 * whose id is derived ({@code derived-…}): the same report re-indented, with other line ends or
 * another attribute order is then found unchanged instead of stored as a new version.
 *
 * <p>The rules are the reader's for the derived id (docs/formats.md, "Report and fileDetails
 * documents"): local names; attributes sorted by name; each element's text trimmed; whitespace
 * between elements dropped; {@code & < > "} escaped; every element written open and close;
 * element order kept, since it is content. Unlike the id, it covers the whole record (the
 * report and its fileDetails), so that one more file is a new version.
 *
 * <p>Reports with a number keep the SHA-256 of the raw XML as written: their stored hashes were
 * computed that way, and a new rule would make every one of them a new version at its next
 * import.
 */
public final class CanonicalXml {

  /** One factory per thread: StAX does not promise that one is safe to share. */
  private static final ThreadLocal<XMLInputFactory> FACTORY =
      ThreadLocal.withInitial(CanonicalXml::factory);

  private CanonicalXml() {}

  /**
   * Returns the canonical form of {@code xml}, a record as the reader re-serialised it.
   *
   * @throws IllegalArgumentException when it is not well-formed XML (a reader's raw record
   *     always is)
   */
  public static String of(String xml) {
    StringBuilder out = new StringBuilder(xml.length());
    StringBuilder text = new StringBuilder();
    try {
      XMLStreamReader r = FACTORY.get().createXMLStreamReader(new StringReader(xml));
      try {
        while (r.hasNext()) {
          switch (r.next()) {
            case XMLStreamConstants.START_ELEMENT -> {
              flush(text, out);
              out.append('<').append(r.getLocalName());
              List<String[]> attributes = new ArrayList<>(r.getAttributeCount());
              for (int i = 0; i < r.getAttributeCount(); i++) {
                attributes.add(new String[] {r.getAttributeLocalName(i),
                    r.getAttributeValue(i)});
              }
              attributes.sort((a, b) -> a[0].compareTo(b[0]));
              for (String[] a : attributes) {
                out.append(' ').append(a[0]).append("=\"");
                escape(a[1], out);
                out.append('"');
              }
              out.append('>');
            }
            case XMLStreamConstants.END_ELEMENT -> {
              flush(text, out);
              out.append("</").append(r.getLocalName()).append('>');
            }
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
                 XMLStreamConstants.SPACE -> text.append(r.getText());
            default -> { }
          }
        }
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException("a raw record that is not XML: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static void flush(StringBuilder text, StringBuilder out) {
    String t = text.toString().strip();
    if (!t.isEmpty()) {
      escape(t, out);
    }
    text.setLength(0);
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

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }
}
