package fr.vigie.formats.cybertip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CyberTipReaderTest {

  static List<CyberTipOutcome> read(String xml) {
    return read(xml.getBytes(StandardCharsets.UTF_8));
  }

  static List<CyberTipOutcome> read(byte[] bytes) {
    try (CyberTipReader r = new CyberTipReader(new ByteArrayInputStream(bytes), "test.xml")) {
      return r.stream().toList();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static List<CyberTipOutcome> resource(String name) throws Exception {
    try (InputStream in = CyberTipReaderTest.class.getResourceAsStream("/cybertip/" + name);
        CyberTipReader r = new CyberTipReader(in, name)) {
      return r.stream().toList();
    }
  }

  /** A minimal valid cyberTip; {@code extraReport} goes inside report, {@code files} after it. */
  static String tip(String id, String extraReport, String files) {
    return "<cyberTip reportId=\"" + id + "\"><report><incidentSummary>"
        + "<incidentType>Child Sexual Molestation</incidentType>"
        + "<incidentDateTime>2023-05-01T10:00:00Z</incidentDateTime></incidentSummary>"
        + "<reporter><reportingPerson><email>t@example.com</email></reportingPerson></reporter>"
        + extraReport + "</report>" + files + "</cyberTip>";
  }

  static String tips(String... tips) {
    return "<cyberTips>\n" + String.join("\n", tips) + "\n</cyberTips>";
  }

  static CyberTip accepted(CyberTipOutcome o) {
    return assertInstanceOf(CyberTipOutcome.Accepted.class, o, () -> o.toString()).tip();
  }

  static CyberTipOutcome.Rejected rejected(CyberTipOutcome o) {
    return assertInstanceOf(CyberTipOutcome.Rejected.class, o);
  }

  @Test
  void readsEveryFieldOfAFullReportExactly() throws Exception {
    List<CyberTipOutcome> out = resource("bulk-two-reports.xml");
    assertEquals(2, out.size());
    CyberTip t = accepted(out.get(0));
    assertEquals("150000001", t.reportId());
    assertEquals(Instant.parse("2023-03-15T02:10:00Z"), t.receivedAt().utc());
    assertEquals(IncidentType.ONLINE_ENTICEMENT, t.incidentType());
    assertEquals(Instant.parse("2023-03-15T04:45:10.250Z"), t.incidentTime().utc());
    assertEquals(ZoneOffset.ofHours(-7), t.incidentTime().offset());
    assertEquals("ExampleChat", t.platform());
    assertTrue(t.escalate());
    assertEquals(List.of("sextortion", "minorToMinorInteraction"), t.annotations());

    assertEquals(2, t.reportedPersons().size());
    Party p = t.reportedPersons().get(0);
    assertEquals(Party.Role.REPORTED, p.role());
    assertEquals("Jean", p.firstName());
    assertEquals("Fictif", p.lastName());
    assertEquals(LocalDate.of(1990, 2, 28), p.dateOfBirth());
    assertEquals(new Email("  J.Fictif+promo@GoogleMail.com ", "j.fictif+promo@googlemail.com",
        "jfictif@gmail.com"), p.emails().get(0));
    assertEquals("jean.fictif@example.org", p.emails().get(1).canonicalKey());
    assertEquals(new Phone("06 12 34 56 78", "+33612345678", "+33", null), p.phones().get(0));
    assertEquals("+442079460958", p.phones().get(1).e164());
    assertEquals(new Address("Home", "1 rue de l'Exemple", "Lyon", "69001", null, "FR"),
        p.addresses().get(0));
    assertEquals(List.of("u-7781"), p.espIdentifiers());
    assertEquals("ExampleChat", p.espService());
    assertEquals(List.of("jf_1990"), p.screenNames());
    assertEquals(List.of("JF", "Jeannot"), p.displayNames());
    assertEquals(List.of("https://example.com/u/7781"), p.profileUrls());
    assertEquals(2, p.ipEvents().size());
    IpEvent login = p.ipEvents().get(0);
    assertEquals(new IpEvent("192.0.2.7", "192.0.2.7", 443,
        new EventTime("2023-03-14T21:40:00+02:00", LocalDateTime.of(2023, 3, 14, 21, 40),
            ZoneOffset.ofHours(2)), IpEventName.LOGIN, false, "personOrUserReported[1]"), login);
    assertEquals(Instant.parse("2023-03-14T19:40:00Z"), login.time().utc());
    IpEvent mapped = p.ipEvents().get(1);
    assertEquals("::ffff:198.51.100.23", mapped.ipOriginal());
    assertEquals("198.51.100.23", mapped.ip());
    assertEquals(IpEventName.REGISTRATION, mapped.eventName());
    assertTrue(mapped.noTime());
    assertEquals(List.of("second_account"), t.reportedPersons().get(1).screenNames());

    Party recipient = t.intendedRecipients().get(0);
    assertEquals("Zoé", recipient.firstName());
    assertEquals("intendedRecipient[1]", recipient.ipEvents().get(0).owner());
    Party victim = t.victims().get(0);
    assertEquals(Party.Role.VICTIM, victim.role());
    assertEquals(12, victim.age());
    assertEquals("Collège Exemple", victim.schoolName());

    // p2p (1) + person (2) + recipient (1) + file 1 (1) + file 2 (2)
    assertEquals(7, t.ipEvents().size());
    IpEvent p2p = t.ipEvents().get(0);
    assertEquals("peer2peerIncident[1]", p2p.owner());
    assertEquals("2001:db8::42", p2p.ip());
    assertTrue(p2p.noTimeZone());
    assertNull(p2p.time().utc());
    assertEquals(LocalDateTime.of(2023, 3, 14, 20, 0), p2p.time().local());
    assertEquals(51413, p2p.port());

    assertEquals(2, t.files().size());
    ReportedFile f1 = t.files().get(0);
    assertEquals("0123456789abcdef0123456789abcdef", f1.fileId());
    assertEquals("img_001.jpg", f1.originalFileName());
    assertEquals(FileRelevance.REPORTED, f1.relevance());
    assertEquals(IndustryClassification.A2, f1.classification());
    assertEquals(List.of("possibleSelfProduction", "generativeAi"), f1.annotations());
    assertEquals(List.of(
        new FileHash("MD5", FileHash.Algorithm.MD5, "d41d8cd98f00b204e9800998ecf8427f"),
        new FileHash("SHA-1", FileHash.Algorithm.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80708"),
        new FileHash("PhotoDNA", FileHash.Algorithm.OTHER, "AAECAwQ=")), f1.hashes());
    assertEquals(List.of(new ReportedFile.Detail("EXIF", "Make", "ExampleCam")), f1.details());
    assertEquals("2001:db8::1:0:0:1", f1.ipEvents().get(0).ip());
    assertEquals("fileDetails[1]", f1.ipEvents().get(0).owner());
    ReportedFile f2 = t.files().get(1);
    assertEquals(FileRelevance.SUPPLEMENTAL_REPORTED, f2.relevance());
    assertEquals("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        f2.hashes().get(0).value());
    assertEquals(FileHash.Algorithm.SHA256, f2.hashes().get(0).algorithm());
    assertEquals(List.of(new ReportedFile.Detail("HASH", "PDQ", "f8f8")), f2.details());
    assertEquals(2, f2.ipEvents().size());
    assertEquals(8080, f2.ipEvents().get(0).port());
    assertTrue(t.rawXml().startsWith("<cyberTip reportId=\"150000001\" receivedAt="));
    assertTrue(t.rawXml().endsWith("</cyberTip>"));
    assertTrue(t.rawXml().contains("<sextortion></sextortion>"));

    CyberTip second = accepted(out.get(1));
    assertEquals(IncidentType.CHILD_PORNOGRAPHY, second.incidentType());
    assertNull(second.receivedAt());
    assertFalse(second.escalate());
    assertTrue(second.files().isEmpty());
  }

  @Test
  void readsASingleCyberTipRootAfterAByteOrderMark() throws Exception {
    List<CyberTipOutcome> out = resource("single-with-bom.xml");
    CyberTip t = accepted(out.get(0));
    assertEquals(1, out.size());
    assertEquals(IncidentType.CHILD_SEX_TRAFFICKING, t.incidentType());
    assertEquals(Instant.parse("2012-10-15T15:00:00Z"), t.incidentTime().utc());
  }

  @Test
  void rawXmlOfARecordReadsBackToTheSameRecord() throws Exception {
    CyberTip t = accepted(resource("bulk-two-reports.xml").get(0));
    CyberTip again = accepted(read(t.rawXml()).get(0));
    assertEquals(t.files(), again.files());
    assertEquals(t.reportedPersons(), again.reportedPersons());
    assertEquals(t.rawXml(), again.rawXml());
  }

  @Test
  void ignoresUnknownElementsBetweenRecordsAndNamespaces() {
    List<CyberTipOutcome> out = read("<v:cyberTips xmlns:v=\"urn:example\"><v:header>x</v:header>"
        + tip("1", "<futureThing/>", "") + "</v:cyberTips>");
    assertEquals("1", accepted(out.get(0)).reportId());
    assertEquals(1, out.size());
  }
}
