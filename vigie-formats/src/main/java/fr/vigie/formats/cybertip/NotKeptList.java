package fr.vigie.formats.cybertip;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists what the mapper did not read in a record's tree: every element without child elements
 * and every attribute that was never marked kept. Built from what was read rather than from a
 * list of ignored names, so a field the mapper skips, a newer field and a misplaced one all show.
 */
final class NotKeptList {

  private NotKeptList() {}

  /** The not-kept values under {@code root}, in document order. */
  static List<NotKept> of(XmlNode root) {
    List<NotKept> out = new ArrayList<>();
    walk(root, out);
    return out;
  }

  private static void walk(XmlNode node, List<NotKept> out) {
    boolean wrapper = node.parent == null && node.name.equals(XmlNode.WRAPPER);
    String path = null;
    for (int i = 0; i < node.attributeCount(); i++) {
      if (!node.attributeKept(i)) {
        path = path == null ? node.path() : path;
        add(out, path + "/@" + node.attributeName(i), node.attributeValue(i));
      }
    }
    if (node.children().isEmpty()) {
      if (!node.kept() && !wrapper) {
        path = path == null ? node.path() : path;
        String text = node.peekText();
        // An empty container (the encoders always write <reportAnnotations/>) holds nothing.
        if (text != null || !CyberTipSchema.container(CyberTipSchema.schemaPath(path))) {
          add(out, path, text == null ? "" : text);
        }
      }
      return;
    }
    for (XmlNode child : node.children()) {
      walk(child, out);
    }
  }

  private static void add(List<NotKept> out, String path, String value) {
    out.add(new NotKept(path, value, CyberTipSchema.known(CyberTipSchema.schemaPath(path))
        ? NotKept.Kind.NOT_MAPPED : NotKept.Kind.UNKNOWN));
  }
}
