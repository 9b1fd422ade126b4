package fr.vigie.formats.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.formats.cybertip.CyberTip;
import fr.vigie.formats.cybertip.CyberTipLimits;
import fr.vigie.formats.cybertip.CyberTipOutcome;
import fr.vigie.formats.cybertip.CyberTipOutcome.Accepted;
import fr.vigie.formats.cybertip.CyberTipOutcome.Rejected;
import fr.vigie.formats.cybertip.FileHash;
import fr.vigie.formats.cybertip.IncidentType;
import fr.vigie.formats.cybertip.IpEvent;
import fr.vigie.formats.cybertip.IpEventName;
import fr.vigie.formats.cybertip.Party;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class VigieJsonLinesReaderTest {

  static final String SOURCE =
      "\"source\":{\"code\":\"pharos\",\"name\":\"PHAROS\",\"kind\":\"partner\",\"country\":\"fr\"}";

  /** A valid minimal record with {@code more} fields appended. */
  static String rec(String id, String more) {
    return "{\"reportId\":\"" + id + "\"," + SOURCE
        + ",\"incidentType\":\"ONLINE_ENTICEMENT\",\"incidentTime\":\"2024-05-01T22:10:00+02:00\""
        + more + "}";
  }

  static List<CyberTipOutcome> read(String text) {
    return read(text.getBytes(StandardCharsets.UTF_8), CyberTipLimits.DEFAULT);
  }

  static List<CyberTipOutcome> read(byte[] bytes, CyberTipLimits limits) {
    try (var s = new VigieJsonLinesReader(new ByteArrayInputStream(bytes), "t.jsonl", limits,
        new HashSet<>()).stream()) {
      return s.toList();
    }
  }

  /** Reads {@code line} after a good record; returns the rejection of the second line. */
  static Rejected rejected(String line) {
    List<CyberTipOutcome> out = read(rec("1", "") + "\n" + line + "\n" + rec("3", "") + "\n");
    assertEquals(3, out.size(), out.toString());
    assertInstanceOf(Accepted.class, out.get(0));
    assertInstanceOf(Accepted.class, out.get(2), "the line after a bad one still goes in");
    Rejected r = assertInstanceOf(Rejected.class, out.get(1), out.get(1).toString());
    assertEquals("t.jsonl", r.file());
    assertEquals(2, r.line());
    assertEquals(line, r.rawXml(), "the raw line is kept for quarantine");
    return r;
  }

  static void assertRejected(String line, String fieldPath, String reasonPart) {
    Rejected r = rejected(line);
    assertEquals(fieldPath, r.fieldPath(), r.toString());
    assertTrue(r.reason().contains(reasonPart), r.reason());
    assertTrue(r.column() >= 1, "column given: " + r);
  }

  @Test
  void readsAFullRecordNormalisedLikeTheXmlPath() {
    String line = rec("PH-1", ",\"receivedAt\":\"2024-05-02T09:15:00+02:00\","
        + "\"platform\":\"Exemple Chat\",\"escalate\":true,"
        + "\"reportedPersons\":[{\"firstName\":\"Jean\",\"dateOfBirth\":\"1990-01-02\","
        + "\"emails\":[\" J.Fictif+x@GoogleMail.com \"],\"phones\":[\"06 12 34 56 78\"],"
        + "\"screenNames\":[\"jf90\"],\"accountIds\":[\"u-1\"],\"service\":\"Exemple Chat\","
        + "\"addresses\":[{\"city\":\"Lyon\",\"zipCode\":\"69003\",\"country\":\"FR\"}],"
        + "\"ipEvents\":[{\"ip\":\"2001:DB8:0:0:0:0:0:1\",\"port\":443,"
        + "\"time\":\"2024-05-01T21:40:00+02:00\",\"eventName\":\"login\"},"
        + "{\"ip\":\"::ffff:192.0.2.1\",\"time\":\"2024-05-01T21:55:00\",\"possibleProxy\":\"true\"},"
        + "{\"ip\":\"198.51.100.1\"}]}],"
        + "\"victims\":[{\"age\":\"13\",\"schoolName\":\"Collège\"}],"
        + "\"intendedRecipients\":[{\"screenNames\":\"lone-value\"}],"
        + "\"ipEvents\":[{\"ip\":\"203.0.113.9\",\"port\":\"8080\"}],"
        + "\"files\":[{\"name\":\"a.jpg\",\"md5\":\"D41D8CD98F00B204E9800998ECF8427F\","
        + "\"pdq\":\"F8F8F0CEE0F4A84F06370A32038F67F0B36E2ED596623E1D33E6339C4E9C9B22\","
        + "\"classification\":\"a2\",\"relevance\":\"supplemental_reported\","
        + "\"ipEvents\":[{\"ip\":\"192.0.2.200\"}]}],"
        + "\"extra\":{\"anything\":[1,{\"x\":null}]}");
    List<CyberTipOutcome> out = read("\uFEFF" + line + "\r\n\r\n   \n");
    assertEquals(1, out.size(), out.toString());
    Accepted a = assertInstanceOf(Accepted.class, out.get(0), out.get(0).toString());
    assertEquals("PHAROS", a.source().code(), "source code upper-cased");
    assertEquals("PARTNER", a.source().kind());
    assertEquals("FR", a.source().country());
    assertEquals("JSONL", a.rawFormat());
    CyberTip tip = a.tip();
    assertEquals(line, tip.rawXml(), "raw record = the line without BOM and CRLF");
    assertEquals("PH-1", tip.reportId());
    assertEquals(IncidentType.ONLINE_ENTICEMENT, tip.incidentType());
    assertEquals(Instant.parse("2024-05-01T20:10:00Z"), tip.incidentTime().utc());
    assertEquals(ZoneOffset.ofHours(2), tip.incidentTime().offset());
    assertEquals(Instant.parse("2024-05-02T07:15:00Z"), tip.receivedAt().utc());
    assertEquals("Exemple Chat", tip.platform());
    assertTrue(tip.escalate());

    Party p = tip.reportedPersons().get(0);
    assertEquals("Jean", p.firstName());
    assertEquals(LocalDate.of(1990, 1, 2), p.dateOfBirth());
    assertEquals("j.fictif+x@googlemail.com", p.emails().get(0).normalized());
    assertEquals("jfictif@gmail.com", p.emails().get(0).canonicalKey());
    assertEquals("+33612345678", p.phones().get(0).e164());
    assertEquals(List.of("jf90"), p.screenNames());
    assertEquals(List.of("u-1"), p.espIdentifiers());
    assertEquals("Exemple Chat", p.espService());
    assertEquals("69003", p.addresses().get(0).zipCode());
    IpEvent v6 = p.ipEvents().get(0);
    assertEquals("2001:DB8:0:0:0:0:0:1", v6.ipOriginal());
    assertEquals("2001:db8::1", v6.ip());
    assertEquals(443, v6.port());
    assertEquals(IpEventName.LOGIN, v6.eventName());
    assertEquals(Instant.parse("2024-05-01T19:40:00Z"), v6.time().utc());
    assertEquals("reportedPersons[0]", v6.owner());
    IpEvent mapped = p.ipEvents().get(1);
    assertEquals("192.0.2.1", mapped.ip(), "IPv4-mapped folded");
    assertTrue(mapped.noTimeZone(), "no offset: flagged, never assumed");
    assertNull(mapped.time().utc());
    assertTrue(mapped.possibleProxy());
    assertTrue(p.ipEvents().get(2).noTime());

    Party victim = tip.victims().get(0);
    assertEquals(13, victim.age());
    assertEquals("Collège", victim.schoolName());
    assertEquals(List.of("lone-value"), tip.intendedRecipients().get(0).screenNames());

    assertEquals(1, tip.files().size());
    var f = tip.files().get(0);
    assertEquals("a.jpg", f.originalFileName());
    assertEquals(new FileHash("MD5", FileHash.Algorithm.MD5, "d41d8cd98f00b204e9800998ecf8427f"),
        f.hashes().get(0));
    assertEquals("PDQ", f.hashes().get(1).type());
    assertEquals("f8f8f0cee0f4a84f06370a32038f67f0b36e2ed596623e1d33e6339c4e9c9b22",
        f.hashes().get(1).value());
    assertEquals("A2", f.classification().name());
    assertEquals("SUPPLEMENTAL_REPORTED", f.relevance().name());

    assertEquals(List.of("203.0.113.9", "2001:db8::1", "192.0.2.1", "198.51.100.1",
        "192.0.2.200"), tip.ipEvents().stream().map(IpEvent::ip).toList(),
        "every IP event of the report, with its owner");
    assertEquals("report", tip.ipEvents().get(0).owner());
    assertEquals(8080, tip.ipEvents().get(0).port());
    assertEquals("files[0]", tip.ipEvents().get(4).owner());
  }

  @Test
  void incidentTypeByNcmecLabelAndNumericReportId() {
    String line = "{\"reportId\":150000001," + SOURCE + ",\"incidentType\":"
        + "\"Online Enticement of Children for Sexual Act\",\"incidentTime\":\"2024-05-01T22:10:00Z\"}";
    Accepted a = assertInstanceOf(Accepted.class, read(line).get(0));
    assertEquals("150000001", a.tip().reportId());
    assertEquals(IncidentType.ONLINE_ENTICEMENT, a.tip().incidentType());
  }

  @Test
  void malformedJson() {
    Rejected r = rejected("{\"reportId\":\"2\",\"source\":{\"code\":\"X\" \"name\":\"Y\"}}");
    assertTrue(r.reason().startsWith("malformed JSON"), r.reason());
    assertEquals("source.code", r.fieldPath());
    assertEquals(38, r.column(), "where the parser stopped");
    assertEquals("2", r.reportId(), "the id when it was read before the fault");
    assertRejected("{\"reportId\":\"2\",", "reportId", "malformed JSON: Unexpected end-of-input");
    assertRejected("[1,2]", "", "one JSON object, found an array");
    assertRejected(rec("2", "") + " {}", "", "text after the JSON object");
    assertRejected(rec("2", ",\"platform\":\"a\",\"platform\":\"b\""), "platform",
        "Duplicate field");
  }

  @Test
  void missingRequiredFields() {
    assertRejected("{\"reportId\":\"2\"," + SOURCE + ",\"incidentType\":\"ONLINE_ENTICEMENT\"}",
        "incidentTime", "missing incidentTime");
    assertRejected("{" + SOURCE + ",\"incidentType\":\"ONLINE_ENTICEMENT\","
        + "\"incidentTime\":\"2024-05-01T22:10:00Z\"}", "reportId", "missing reportId");
    assertRejected("{\"reportId\":\"2\",\"source\":{\"code\":\"X\",\"kind\":\"PARTNER\"},"
        + "\"incidentType\":\"ONLINE_ENTICEMENT\",\"incidentTime\":\"2024-05-01T22:10:00Z\"}",
        "source.name", "missing source.name");
    assertRejected(rec("2", ",\"reportedPersons\":[{\"ipEvents\":[{\"port\":80}]}]"),
        "reportedPersons[0].ipEvents[0].ip", "missing ip");
    assertRejected(rec("2", ",\"files\":[{\"name\":\"a.jpg\"}]"), "files[0]",
        "at least one hash");
    assertRejected(rec("2", "").replace("2024-05-01T22:10:00+02:00", " "), "incidentTime",
        "missing incidentTime");
  }

  @Test
  void unknownEnumValues() {
    assertRejected(rec("2", "").replace("ONLINE_ENTICEMENT", "BAD_THING"), "incidentType",
        "unknown incidentType \"BAD_THING\"");
    assertRejected(rec("2", "").replace("partner", "SPY"), "source.kind",
        "unknown source kind \"SPY\"");
    assertRejected(rec("2", ",\"ipEvents\":[{\"ip\":\"192.0.2.1\",\"eventName\":\"Hack\"}]"),
        "ipEvents[0].eventName", "unknown eventName \"Hack\"");
    assertRejected(rec("2", ",\"files\":[{\"md5\":\"d41d8cd98f00b204e9800998ecf8427f\","
        + "\"classification\":\"Z9\"}]"), "files[0].classification", "unknown classification");
  }

  @Test
  void impossibleDates() {
    assertRejected(rec("2", "").replace("2024-05-01T22:10:00+02:00", "2024-02-30T10:00:00Z"),
        "incidentTime", "impossible or malformed date-time \"2024-02-30T10:00:00Z\"");
    assertRejected(rec("2", ",\"receivedAt\":\"yesterday\""), "receivedAt", "impossible");
    assertRejected(rec("2", ",\"victims\":[{\"dateOfBirth\":\"2001-13-01\"}]"),
        "victims[0].dateOfBirth", "impossible or malformed date \"2001-13-01\"");
    assertRejected(rec("2", ",\"victims\":[{\"age\":200}]"), "victims[0].age",
        "age must be 0 to 130");
  }

  @Test
  void invalidIpsAndPorts() {
    Rejected r = rejected(rec("2",
        ",\"reportedPersons\":[{\"ipEvents\":[{\"ip\":\"192.0.2.999\"}]}]"));
    assertEquals("reportedPersons[0].ipEvents[0].ip", r.fieldPath());
    assertEquals("invalid IP address \"192.0.2.999\"", r.reason());
    assertEquals(rec("2", ",\"reportedPersons\":[{\"ipEvents\":[{\"ip\":\"").length() - 1,
        r.column(), "column of the value (its opening quote)");
    assertRejected(rec("2", ",\"ipEvents\":[{\"ip\":\"example.org\"}]"), "ipEvents[0].ip",
        "invalid IP address");
    assertRejected(rec("2", ",\"ipEvents\":[{\"ip\":\"192.0.2.1\",\"port\":0}]"),
        "ipEvents[0].port", "port outside 1-65535: \"0\"");
    assertRejected(rec("2", ",\"ipEvents\":[{\"ip\":\"192.0.2.1\",\"port\":70000}]"),
        "ipEvents[0].port", "port outside 1-65535: \"70000\"");
    assertRejected(rec("2", ",\"ipEvents\":[{\"ip\":\"192.0.2.1\",\"port\":44.5}]"),
        "ipEvents[0].port", "port outside 1-65535");
  }

  @Test
  void badHashes() {
    assertRejected(rec("2", ",\"files\":[{\"md5\":\"abc\"}]"), "files[0].md5",
        "MD5 must be 32 hex characters: \"abc\"");
    assertRejected(rec("2", ",\"files\":[{\"sha1\":\"" + "z".repeat(40) + "\"}]"),
        "files[0].sha1", "SHA1 must be 40 hex characters");
    assertRejected(rec("2", ",\"files\":[{\"sha256\":\"" + "a".repeat(63) + "\"}]"),
        "files[0].sha256", "SHA256 must be 64 hex characters");
    assertRejected(rec("2", ",\"files\":[{\"pdq\":\"" + "a".repeat(32) + "\"}]"),
        "files[0].pdq", "PDQ must be 64 hex characters");
  }

  @Test
  void aRepeatedReportIdRejectsTheLaterOneOnly() {
    List<CyberTipOutcome> out = read(rec("7", "") + "\n" + rec("7", ",\"platform\":\"b\"")
        + "\n" + rec("7", "").replace("pharos", "OTHER") + "\n");
    assertInstanceOf(Accepted.class, out.get(0));
    Rejected r = assertInstanceOf(Rejected.class, out.get(1));
    assertEquals(2, r.line());
    assertEquals("reportId", r.fieldPath());
    assertEquals("7", r.reportId());
    assertTrue(r.reason().contains("already read earlier"), r.reason());
    assertInstanceOf(Accepted.class, out.get(2), "same id from another source is another report");
  }

  @Test
  void unknownFieldsAreRejectedExceptExtra() {
    assertRejected(rec("2", ",\"reportedPersons\":[{\"emial\":[\"a@example.com\"]}]"),
        "reportedPersons[0].emial", "unknown field \"emial\"");
    assertRejected(rec("2", ",\"comment\":\"x\""), "comment", "unknown field");
    assertRejected(rec("2", ",\"reportedPersons\":[{\"schoolName\":\"x\"}]"),
        "reportedPersons[0].schoolName", "unknown field");
    assertRejected(rec("2", ",\"platform\":{\"a\":1}"), "platform",
        "expected a text value, found an object");
    assertInstanceOf(Accepted.class, read(rec("2", ",\"extra\":[1,2,{\"a\":\"b\"}],"
        + "\"platform\":null")).get(0));
  }

  @Test
  void aLineThatIsNotUtf8IsRejectedAloneAndABomIsFine() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    b.write((rec("1", "") + "\n").getBytes(StandardCharsets.UTF_8));
    b.write(rec("2", ",\"platform\":\"caf").getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {(byte) 0xE9});
    b.write("\"}\n".getBytes(StandardCharsets.UTF_8));
    b.write((rec("3", "") + "\n").getBytes(StandardCharsets.UTF_8));
    List<CyberTipOutcome> out = read(b.toByteArray(), CyberTipLimits.DEFAULT);
    assertEquals(3, out.size());
    assertInstanceOf(Accepted.class, out.get(0));
    Rejected r = assertInstanceOf(Rejected.class, out.get(1));
    assertEquals(2, r.line());
    assertEquals(rec("2", ",\"platform\":\"caf").length() + 1, r.column());
    assertTrue(r.reason().contains("not UTF-8"), r.reason());
    assertInstanceOf(Accepted.class, out.get(2));
  }

  @Test
  void utf16IsRefused() {
    List<CyberTipOutcome> out = read((rec("1", "") + "\n").getBytes(StandardCharsets.UTF_16),
        CyberTipLimits.DEFAULT);
    assertEquals(1, out.size());
    Rejected r = assertInstanceOf(Rejected.class, out.get(0));
    assertTrue(r.reason().contains("UTF-16"), r.reason());
    assertNull(r.reportId());
  }

  @Test
  void aLineOverTheLimitIsSkippedInBoundedMemory() {
    CyberTipLimits small = new CyberTipLimits(100, 400, 1000, 8, 1 << 20, 10);
    String huge = rec("2", ",\"platform\":\"" + "x".repeat(100_000) + "\"");
    List<CyberTipOutcome> out = read((rec("1", "") + "\n" + huge + "\n" + rec("3", ""))
        .getBytes(StandardCharsets.UTF_8), small);
    assertEquals(3, out.size(), out.toString());
    Rejected r = assertInstanceOf(Rejected.class, out.get(1));
    assertTrue(r.reason().contains("line longer than 400 bytes"), r.reason());
    assertTrue(r.rawXml().length() <= 400, "only the first bytes kept");
    assertInstanceOf(Accepted.class, out.get(2), "last line without a line end");

    String longText = rec("4", ",\"platform\":\"" + "y".repeat(150) + "\"");
    Rejected t = assertInstanceOf(Rejected.class,
        read(longText.getBytes(StandardCharsets.UTF_8), small).get(0));
    assertTrue(t.reason().startsWith("malformed JSON"), t.reason());
    assertTrue(t.reason().contains("100"), "string limit named: " + t.reason());

    String deep = rec("5", ",\"extra\":" + "[".repeat(20) + "]".repeat(20));
    Rejected d = assertInstanceOf(Rejected.class,
        read(deep.getBytes(StandardCharsets.UTF_8), small).get(0));
    assertTrue(d.reason().contains("depth"), d.reason());
  }

  @Test
  void emptyInputGivesNothing() {
    assertFalse(new VigieJsonLinesReader(new ByteArrayInputStream(new byte[0]), "e.jsonl")
        .hasNext());
  }
}
