package fr.vigie.app.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CanonicalXmlTest {

  static final String COMPACT = "<reportDocuments><report><incidentSummary><incidentType>Child"
      + " Sex Tourism</incidentType></incidentSummary><additionalInfo a=\"1\" b=\"2\">x &amp; y"
      + "</additionalInfo></report><fileDetails><fileId>f1</fileId></fileDetails>"
      + "</reportDocuments>";

  @Test
  void layoutAttributeOrderAndLineEndsDoNotCount() {
    String relaidOut = "<reportDocuments>\r\n  <report>\n    <incidentSummary>\n"
        + "      <incidentType> Child Sex Tourism </incidentType>\n    </incidentSummary>\n"
        + "    <additionalInfo b='2' a='1'>x &amp; y</additionalInfo>\n  </report>\n"
        + "  <fileDetails><fileId>f1</fileId></fileDetails>\n</reportDocuments>\n";
    assertEquals(CanonicalXml.of(COMPACT), CanonicalXml.of(relaidOut));
    assertEquals(COMPACT, CanonicalXml.of(COMPACT), "the reader's compact form is canonical");
  }

  @Test
  void valuesOrderAndFilesDo() {
    assertNotEquals(CanonicalXml.of(COMPACT), CanonicalXml.of(COMPACT.replace("x &amp; y",
        "x &amp; z")));
    assertNotEquals(CanonicalXml.of(COMPACT), CanonicalXml.of(COMPACT.replace(
        "</fileDetails>", "</fileDetails><fileDetails><fileId>f2</fileId></fileDetails>")),
        "one more file is another content");
    assertNotEquals(CanonicalXml.of("<r><a>1</a><b>2</b></r>"),
        CanonicalXml.of("<r><b>2</b><a>1</a></r>"), "element order is content");
  }

  @Test
  void specialCharactersAreEscapedOneWay() {
    assertEquals("<r a=\"&quot;&lt;\">&lt;&gt;&amp;&quot;</r>",
        CanonicalXml.of("<r a='&quot;&lt;'>&lt;&gt;&amp;&quot;</r>"));
    assertEquals(CanonicalXml.of("<r>&lt;x&gt;</r>"), CanonicalXml.of("<r><![CDATA[<x>]]></r>"));
  }

  @Test
  void aDoctypeIsNotFollowed() {
    assertThrows(IllegalArgumentException.class, () -> CanonicalXml.of(
        "<!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><r>&e;</r>"));
  }
}
