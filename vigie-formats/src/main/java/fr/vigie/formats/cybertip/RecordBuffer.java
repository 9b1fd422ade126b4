package fr.vigie.formats.cybertip;

import javax.xml.stream.XMLStreamReader;

/**
 * The element tree and the raw text of one record (a {@code cyberTip}, or a {@code report} or
 * {@code fileDetails} document) while it is read, within the limits: past a limit it records the
 * first problem and stops growing, so a hostile record costs bounded memory.
 *
 * <p>Attributes of the XML Schema instance namespace ({@code xsi:noNamespaceSchemaLocation},
 * which the encoders write on every document) are schema plumbing, not content: they are left
 * out of the tree and of the raw text, like namespace declarations.
 */
final class RecordBuffer {

  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  private final CyberTipLimits limits;
  private String rootName = "cyberTip";
  private final StringBuilder raw = new StringBuilder(4096);
  private int elements;
  private int depth;
  private boolean full;
  private String problem;
  private XmlNode problemNode;
  private String problemPath;

  RecordBuffer(CyberTipLimits limits) {
    this.limits = limits;
  }

  /** Adds the current start element under {@code parent} and returns it. */
  XmlNode start(XMLStreamReader xml, XmlNode parent) {
    depth++;
    elements++;
    var at = xml.getLocation();
    String name = xml.getLocalName();
    if (parent == null && elements == 1) {
      rootName = name;
    }
    XmlNode node = full ? new XmlNode(name, null, at.getLineNumber(), at.getColumnNumber())
        : new XmlNode(name, parent, at.getLineNumber(), at.getColumnNumber());
    if (!full && depth > limits.maxDepth()) {
      fail(node, parent.path() + "/" + name, "elements nested deeper than " + limits.maxDepth());
    } else if (!full && elements > limits.maxRecordElements()) {
      fail(node, parent.path() + "/" + name,
          "record has more than " + limits.maxRecordElements() + " elements");
    }
    raw('<').raw(name);
    for (int i = 0; i < xml.getAttributeCount(); i++) {
      if (XSI.equals(xml.getAttributeNamespace(i))) {
        continue;
      }
      String attr = xml.getAttributeLocalName(i);
      String value = xml.getAttributeValue(i);
      if (value.length() > limits.maxTextChars() && problem == null) {
        problem(node, node.path() + "/@" + attr,
            "attribute longer than " + limits.maxTextChars() + " characters");
        value = "";
      }
      node.attribute(attr, value);
      raw(' ').raw(attr).raw("=\"").escaped(value, true).raw('"');
    }
    raw('>');
    return node;
  }

  void end(String name) {
    depth--;
    raw("</").raw(name).raw('>');
  }

  void text(XmlNode node, XMLStreamReader xml) {
    char[] chars = xml.getTextCharacters();
    int from = xml.getTextStart();
    int length = xml.getTextLength();
    if (node.text.length() + length > limits.maxTextChars()) {
      if (problem == null) {
        problem(node, node.path(), "text longer than " + limits.maxTextChars() + " characters");
      }
    } else if (!full) {
      node.text.append(chars, from, length);
    }
    if (!full) {
      // Plain runs are copied whole; only the three characters to escape are written one by one.
      int run = from;
      for (int i = from; i < from + length; i++) {
        char c = chars[i];
        if (c == '&' || c == '<' || c == '>') {
          raw.append(chars, run, i - run);
          raw.append(c == '&' ? "&amp;" : c == '<' ? "&lt;" : "&gt;");
          run = i + 1;
        }
      }
      raw.append(chars, run, from + length - run);
      checkSize(node);
    }
  }

  String problem() {
    return problem;
  }

  XmlNode problemNode() {
    return problemNode;
  }

  String problemPath() {
    return problemPath;
  }

  String raw() {
    return raw.toString();
  }

  private void fail(XmlNode node, String path, String reason) {
    if (problem == null) {
      problem = reason;
      problemNode = node;
      problemPath = path;
    }
    full = true;
  }

  private void problem(XmlNode node, String path, String reason) {
    problem = reason;
    problemNode = node;
    problemPath = path;
  }

  private void checkSize(XmlNode node) {
    if (!full && raw.length() > limits.maxRecordChars()) {
      fail(node, node.path(), "record longer than " + limits.maxRecordChars() + " characters");
    }
  }

  private RecordBuffer raw(char c) {
    if (!full) {
      raw.append(c);
    }
    return this;
  }

  private RecordBuffer raw(String s) {
    if (!full) {
      raw.append(s);
      if (raw.length() > limits.maxRecordChars()) {
        full = true;
        if (problem == null) {
          problem = "record longer than " + limits.maxRecordChars() + " characters";
          problemPath = rootName;
        }
      }
    }
    return this;
  }

  private RecordBuffer escaped(String s, boolean attribute) {
    if (full) {
      return this;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> raw.append("&amp;");
        case '<' -> raw.append("&lt;");
        case '"' -> raw.append(attribute ? "&quot;" : "\"");
        default -> raw.append(c);
      }
    }
    return this;
  }
}
