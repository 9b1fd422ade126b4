package fr.vigie.formats.cybertip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every element and attribute of the schema in shared formats.md §1 is kept in a field of the
 * record or listed by its path in {@link CyberTip#notKept()}: nothing is dropped without a word.
 * The fixture (resources/cybertip/every-field: a report and a fileDetails document) holds each
 * of them once, with a value of its own, and is walked here with the JDK's DOM parser,
 * independently of the reader.
 */
class SchemaCoverageTest {

  static final Path FIXTURE = Path.of("src", "test", "resources", "cybertip", "every-field");

  /** Values the record holds in another form than written. */
  static final Map<String, String> TYPED = Map.of(
      "Child Sex Trafficking", "CHILD_SEX_TRAFFICKING",
      "Login", "LOGIN", "Upload", "UPLOAD",
      "Supplemental Reported", "SUPPLEMENTAL_REPORTED");

  record Value(String path, String value, boolean flag) {}

  @Test
  void everyElementAndAttributeOfTheSchemaIsKeptOrListed() throws Exception {
    List<CyberTipOutcome> out;
    try (Stream<CyberTipOutcome> s = CyberTipFiles.read(FIXTURE, CyberTipLimits.DEFAULT,
        EncoderDocuments.PLATFORM, null)) {
      out = s.toList();
    }
    assertEquals(1, out.size(), out::toString);
    CyberTip t = assertInstanceOf(CyberTipOutcome.Accepted.class, out.get(0),
        () -> out.get(0).toString()).tip();
    // The record's fields alone, without the raw XML and the not-kept list.
    String fields = new CyberTip(t.reportId(), t.receivedAt(), t.incidentType(),
        t.incidentTime(), t.platform(), t.escalate(), t.annotations(), t.reportedPersons(),
        t.intendedRecipients(), t.victims(), t.ipEvents(), t.files(), "", true, List.of())
        .toString();

    List<Value> values = new ArrayList<>();
    walk(document("report.xml"), "report", values);
    walk(document("file.xml"), "fileDetails", values);
    int kept = 0;
    List<String> lost = new ArrayList<>();
    for (Value v : values) {
      boolean listed = t.notKept().contains(new NotKept(v.path(), v.value(),
          NotKept.Kind.NOT_MAPPED));
      String asKept = v.flag() ? v.path().substring(v.path().lastIndexOf('/') + 1)
          : TYPED.getOrDefault(v.value(), v.value());
      boolean inField = fields.contains(asKept);
      if (listed == inField) {
        lost.add(v + (listed ? " is both listed and in a field" : " is neither kept nor listed"));
      }
      kept += inField ? 1 : 0;
    }
    assertEquals(List.of(), lost);
    assertEquals(values.size() - kept, t.notKept().size(), "nothing else is listed");
    assertTrue(kept > 60, "kept " + kept);
  }

  @Test
  void theFixtureHoldsEveryPathOfTheSchemaAndNoOther() throws Exception {
    Set<String> paths = new TreeSet<>();
    List<Value> values = new ArrayList<>();
    walk(document("report.xml"), "report", values);
    walk(document("file.xml"), "fileDetails", values);
    for (Value v : values) {
      String p = CyberTipSchema.schemaPath(v.path());
      for (int slash = p.indexOf('/'); slash > 0; slash = p.indexOf('/', slash + 1)) {
        paths.add(p.substring(0, slash));
      }
      paths.add(p);
    }
    assertEquals(new TreeSet<>(CyberTipSchema.paths()), paths);
  }

  private static Element document(String name) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(FIXTURE.resolve(name).toFile()).getDocumentElement();
  }

  /** Leaves and attributes, with paths indexed where a name repeats (as the reader writes them). */
  private static void walk(Element e, String path, List<Value> out) {
    for (int i = 0; i < e.getAttributes().getLength(); i++) {
      Node a = e.getAttributes().item(i);
      out.add(new Value(path + "/@" + a.getNodeName(), a.getNodeValue(), false));
    }
    List<Element> children = new ArrayList<>();
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element ce) {
        children.add(ce);
      }
    }
    if (children.isEmpty()) {
      String text = e.getTextContent().strip();
      out.add(new Value(path, text, text.isEmpty()));
      return;
    }
    for (Element c : children) {
      long same = children.stream().filter(o -> o.getTagName().equals(c.getTagName())).count();
      int index = 1;
      for (Element o : children) {
        if (o == c) {
          break;
        }
        index += o.getTagName().equals(c.getTagName()) ? 1 : 0;
      }
      walk(c, path + "/" + c.getTagName() + (same > 1 ? "[" + index + "]" : ""), out);
    }
  }
}
