package fr.vigie.formats.cybertip;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A small element tree for one record, built from StAX events and bounded by
 * {@link CyberTipLimits}: names are local names, text is the concatenated character data.
 *
 * <p>Reading a value ({@link #text()}, {@link #rawText()}, {@link #attr(String)}) marks it
 * kept; whatever the mapper never read is what the record lists as not kept
 * ({@link NotKeptList}), so nothing can be dropped without a word.
 */
final class XmlNode {

  /**
   * The root of a report put together from separate documents (and of the raw record that
   * writes it back): invisible in paths, so that {@code report/…} and {@code fileDetails[2]/…}
   * read the same whether the documents came apart or wrapped.
   */
  static final String WRAPPER = "reportDocuments";

  final String name;
  XmlNode parent;
  final long line;
  final long column;
  /** The document's name (in rejections) on a document's root, else null: see {@link #file()}. */
  String file;
  private final List<String> attributes = new ArrayList<>(2);
  private final BitSet keptAttributes = new BitSet(2);
  private final List<XmlNode> children = new ArrayList<>(4);
  final StringBuilder text = new StringBuilder();
  private boolean kept;

  XmlNode(String name, XmlNode parent, long line, long column) {
    this.name = name;
    this.parent = parent;
    this.line = line;
    this.column = column;
    if (parent != null) {
      parent.children.add(this);
    }
  }

  /** Makes {@code child}, the root of another document, the last child of this one. */
  void adopt(XmlNode child) {
    if (child.file == null) {
      child.file = child.file();
    }
    child.parent = this;
    children.add(child);
  }

  void attribute(String name, String value) {
    attributes.add(name);
    attributes.add(value);
  }

  /** The attribute's value (marked kept), or null when absent. */
  String attr(String name) {
    for (int i = 0; i < attributes.size(); i += 2) {
      if (attributes.get(i).equals(name)) {
        keptAttributes.set(i / 2);
        return attributes.get(i + 1);
      }
    }
    return null;
  }

  int attributeCount() {
    return attributes.size() / 2;
  }

  String attributeName(int i) {
    return attributes.get(2 * i);
  }

  String attributeValue(int i) {
    return attributes.get(2 * i + 1);
  }

  boolean attributeKept(int i) {
    return keptAttributes.get(i);
  }

  /** The first child of that name, or null. */
  XmlNode child(String name) {
    for (XmlNode c : children) {
      if (c.name.equals(name)) {
        return c;
      }
    }
    return null;
  }

  List<XmlNode> children(String name) {
    List<XmlNode> out = new ArrayList<>(2);
    for (XmlNode c : children) {
      if (c.name.equals(name)) {
        out.add(c);
      }
    }
    return out;
  }

  List<XmlNode> children() {
    return children;
  }

  /** The trimmed text of the first child of that name (marked kept), or null when absent or blank. */
  String text(String name) {
    XmlNode c = child(name);
    return c == null ? null : c.text();
  }

  /** This element's trimmed text (marked kept), or null when blank. */
  String text() {
    kept = true;
    return peekText();
  }

  /** This element's text as written, untrimmed (marked kept). */
  String rawText() {
    kept = true;
    return text.toString();
  }

  /** The trimmed text of the first child of that name, not marked kept; null when absent or blank. */
  String peekChildText(String name) {
    XmlNode c = child(name);
    return c == null ? null : c.peekText();
  }

  /** The trimmed text without marking it kept, or null when blank. */
  String peekText() {
    String s = text.toString().strip();
    return s.isEmpty() ? null : s;
  }

  /** Marks the element kept (a flag whose presence is the value) and returns it. */
  XmlNode keep() {
    kept = true;
    return this;
  }

  boolean kept() {
    return kept;
  }

  /** The name of the document this element was read from. */
  String file() {
    for (XmlNode n = this; n != null; n = n.parent) {
      if (n.file != null) {
        return n.file;
      }
    }
    return "";
  }

  /** e.g. {@code cyberTip/fileDetails[2]/originalFileHash}: an index only where names repeat. */
  String path() {
    if (parent == null) {
      return name;
    }
    List<XmlNode> same = parent.children(name);
    String step = same.size() > 1 ? name + "[" + (same.indexOf(this) + 1) + "]" : name;
    if (parent.parent == null && parent.name.equals(WRAPPER)) {
      return step;
    }
    return parent.path() + "/" + step;
  }
}
