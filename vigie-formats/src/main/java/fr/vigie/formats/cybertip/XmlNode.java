package fr.vigie.formats.cybertip;

import java.util.ArrayList;
import java.util.List;

/**
 * A small element tree for one cyberTip, built from StAX events and bounded by
 * {@link CyberTipLimits}: names are local names, text is the concatenated character data.
 */
final class XmlNode {

  final String name;
  final XmlNode parent;
  final long line;
  final long column;
  private final List<String> attributes = new ArrayList<>(2);
  private final List<XmlNode> children = new ArrayList<>(4);
  final StringBuilder text = new StringBuilder();

  XmlNode(String name, XmlNode parent, long line, long column) {
    this.name = name;
    this.parent = parent;
    this.line = line;
    this.column = column;
    if (parent != null) {
      parent.children.add(this);
    }
  }

  void attribute(String name, String value) {
    attributes.add(name);
    attributes.add(value);
  }

  /** The attribute's value, or null when absent. */
  String attr(String name) {
    for (int i = 0; i < attributes.size(); i += 2) {
      if (attributes.get(i).equals(name)) {
        return attributes.get(i + 1);
      }
    }
    return null;
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

  /** The trimmed text of the first child of that name, or null when absent or blank. */
  String text(String name) {
    XmlNode c = child(name);
    return c == null ? null : c.text();
  }

  /** This element's trimmed text, or null when blank. */
  String text() {
    String s = text.toString().strip();
    return s.isEmpty() ? null : s;
  }

  /** e.g. {@code cyberTip/fileDetails[2]/originalFileHash}: an index only where names repeat. */
  String path() {
    if (parent == null) {
      return name;
    }
    List<XmlNode> same = parent.children(name);
    String step = same.size() > 1 ? name + "[" + (same.indexOf(this) + 1) + "]" : name;
    return parent.path() + "/" + step;
  }
}
