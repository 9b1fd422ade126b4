package fr.vigie.app.attribution.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator answer format: good lines, "unknown", and each kind of bad line. */
class AnswerCsvTest {

  static final String HEADER =
      "requisition,ip,port,utc_time,identity,address,postal_code,city,contract_type\n";

  private static List<AnswerCsv.Line> read(String text) throws IOException {
    List<AnswerCsv.Line> lines = new ArrayList<>();
    long n = AnswerCsv.read(new StringReader(text), lines::add);
    assertEquals(lines.size() - (text.startsWith("requisition") ? 0 : 1), n);
    return lines;
  }

  @Test
  void goodLinesGiveTheSubscriberAndTheDepartement() throws IOException {
    List<AnswerCsv.Line> lines = read(HEADER
        + "RQ-2026-000001,198.51.100.10,40000,2026-10-25T01:30:00Z,DUPONT Jean,"
        + "\"12 rue de l'Exemple, bât. B\",69003,Lyon,fixe\n"
        + "RQ-2026-000001,2001:DB8:0:0::5,,2026-10-25T02:30:00+01:00,unknown,,,,\n");
    var first = assertInstanceOf(AnswerCsv.Line.Answer.class, lines.get(0));
    assertEquals(2, first.line());
    assertEquals("DUPONT Jean", first.identity());
    assertEquals("12 rue de l'Exemple, bât. B", first.address());
    assertEquals("69", first.departement());
    assertEquals(Instant.parse("2026-10-25T01:30:00Z"), first.at());
    assertEquals(40000, first.port());
    var second = assertInstanceOf(AnswerCsv.Line.Answer.class, lines.get(1));
    assertFalse(second.identified());
    assertEquals("2001:db8::5", second.ip(), "canonical form, as intake stores it");
    assertNull(second.port());
    assertEquals(Instant.parse("2026-10-25T01:30:00Z"), second.at());
  }

  @Test
  void eachBadLineSaysLineColumnAndWhyAndReadingGoesOn() throws IOException {
    List<AnswerCsv.Line> lines = read(HEADER
        + "RQ-1,198.51.100.10,70000,2026-10-25T01:30:00Z,A B,x,69003,Lyon,fixe\n"
        + "RQ-1,198.51.100.10,1,25/10/2026 02:30,A B,x,69003,Lyon,fixe\n"
        + "RQ-1,not-an-ip,1,2026-10-25T01:30:00Z,A B,x,69003,Lyon,fixe\n"
        + "RQ-1,198.51.100.10,1,2026-10-25T01:30:00Z,A B,x,6903,Lyon,fixe\n"
        + "RQ-1,198.51.100.10,1\n"
        + "RQ-1,198.51.100.10,1,2026-10-25T01:30:00Z,\"A \"B,x,69003,Lyon,fixe\n"
        + "RQ-1,198.51.100.10,1,2026-10-25T01:30:00Z,A B,x,20090,Ajaccio,mobile\n");
    var port = assertInstanceOf(AnswerCsv.Line.Bad.class, lines.get(0));
    assertEquals(2, port.line());
    assertEquals(3, port.column());
    assertEquals("port", port.field());
    var time = assertInstanceOf(AnswerCsv.Line.Bad.class, lines.get(1));
    assertEquals(4, time.column());
    assertTrue(time.reason().contains("ISO-8601"), time.reason());
    assertEquals(2, ((AnswerCsv.Line.Bad) lines.get(2)).column());
    assertEquals("postal_code", ((AnswerCsv.Line.Bad) lines.get(3)).field());
    assertTrue(((AnswerCsv.Line.Bad) lines.get(4)).reason().contains("expected 9 fields"));
    var malformed = assertInstanceOf(AnswerCsv.Line.Bad.class, lines.get(5));
    assertEquals(7, malformed.line());
    assertTrue(malformed.reason().startsWith("malformed CSV"), malformed.reason());
    assertEquals("2A", ((AnswerCsv.Line.Answer) lines.get(6)).departement());
  }

  @Test
  void aWrongHeaderIsSaidOnce() throws IOException {
    List<AnswerCsv.Line> lines = read("ref;ip\nRQ-1,198.51.100.10,,2026-10-25T01:30:00Z,"
        + "unknown,,,,\n");
    assertTrue(((AnswerCsv.Line.Bad) lines.get(0)).reason().contains("header"));
    assertInstanceOf(AnswerCsv.Line.Answer.class, lines.get(1));
  }

  @Test
  void postalCodesToDepartements() {
    assertEquals("75", AnswerCsv.departementOf("75011"));
    assertEquals("01", AnswerCsv.departementOf("01000"));
    assertEquals("2A", AnswerCsv.departementOf("20000"));
    assertEquals("2B", AnswerCsv.departementOf("20200"));
    assertEquals("974", AnswerCsv.departementOf("97400"));
    assertEquals("976", AnswerCsv.departementOf("97600"));
    assertNull(AnswerCsv.departementOf("98000"), "Monaco");
    assertNull(AnswerCsv.departementOf("97500"), "Saint-Pierre-et-Miquelon");
  }
}
