package fr.vigie.formats.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.formats.cybertip.CyberTip;
import fr.vigie.formats.cybertip.CyberTipLimits;
import fr.vigie.formats.cybertip.CyberTipOutcome;
import fr.vigie.formats.cybertip.CyberTipOutcome.Accepted;
import fr.vigie.formats.cybertip.CyberTipOutcome.Rejected;
import fr.vigie.formats.cybertip.IncidentType;
import fr.vigie.formats.cybertip.IpEvent;
import fr.vigie.formats.cybertip.Party;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class VigieCsvReaderTest {

  static final String HEADER = "reportId,sourceCode,sourceName,sourceKind,incidentType,"
      + "incidentTime,personRole,person,email,phone,ip,port,ipTime,ipEventName,fileName,md5,"
      + "dateOfBirth\n";

  /** A row of report {@code id} with the item columns after incidentTime. */
  static String row(String id, String items) {
    return id + ",P,Partner,PARTNER,ONLINE_ENTICEMENT,2024-05-01T22:10:00+02:00," + items + "\n";
  }

  static List<CyberTipOutcome> read(String text) {
    return read(text.getBytes(StandardCharsets.UTF_8), CyberTipLimits.DEFAULT);
  }

  static List<CyberTipOutcome> read(byte[] bytes, CyberTipLimits limits) {
    try (var s = new VigieCsvReader(new ByteArrayInputStream(bytes), "t.csv", limits,
        new HashSet<>()).stream()) {
      return s.toList();
    }
  }

  /** The second of three reports, rejected: the first and third still go in. */
  static Rejected rejectedMiddle(String... rows) {
    List<CyberTipOutcome> out = read(HEADER + row("1", ",,,,,,,,,,")
        + String.join("", rows) + row("3", ",,,,,,,,,,"));
    assertEquals(3, out.size(), out.toString());
    assertInstanceOf(Accepted.class, out.get(0));
    assertInstanceOf(Accepted.class, out.get(2), "the next report still goes in");
    Rejected r = assertInstanceOf(Rejected.class, out.get(1), out.get(1).toString());
    assertEquals("t.csv", r.file());
    assertTrue(r.rawXml().startsWith(HEADER.strip()), "raw = header + the report's rows");
    return r;
  }

  static void assertRejected(String items, String column, String reasonPart) {
    Rejected r = rejectedMiddle(row("2", items));
    assertEquals(3, r.line(), r.toString());
    assertEquals(column, r.fieldPath(), r.toString());
    assertEquals(List.of(HEADER.strip().split(",")).indexOf(column) + 1, r.column(),
        "column number of " + column);
    assertTrue(r.reason().contains(reasonPart), r.reason());
  }

  @Test
  void groupsConsecutiveRowsIntoOneReportNormalised() {
    List<CyberTipOutcome> out = read("\uFEFF" + HEADER
        + row("R1", "REPORTED,1, J.Fictif+x@GoogleMail.com ,06 12 34 56 78,"
            + "2001:DB8:0:0:0:0:0:1,443,2024-05-01T21:40:00+02:00,login,,,1990-01-02")
        + row("R1", ",,second@example.com,,::ffff:192.0.2.1,,2024-05-01T21:55:00,,"
            + "\"a, \"\"b\"\".jpg\",D41D8CD98F00B204E9800998ECF8427F,")
        + row("R1", "victim,1,,,,,,,,,")
        + row("R1", ",,,,,,,,\"a, \"\"b\"\".jpg\",D41D8CD98F00B204E9800998ECF8427F,")
        + row("R2", ",,,,198.51.100.4,,,,,,"));
    assertEquals(2, out.size(), out.toString());
    Accepted a = assertInstanceOf(Accepted.class, out.get(0), out.get(0).toString());
    assertEquals("CSV", a.rawFormat());
    assertEquals("P", a.source().code());
    assertEquals("PARTNER", a.source().kind());
    CyberTip tip = a.tip();
    assertEquals("R1", tip.reportId());
    assertEquals(IncidentType.ONLINE_ENTICEMENT, tip.incidentType());
    assertEquals(Instant.parse("2024-05-01T20:10:00Z"), tip.incidentTime().utc());
    assertEquals(1, tip.reportedPersons().size(), "rows of person 1 merged");
    Party p = tip.reportedPersons().get(0);
    assertEquals(List.of("j.fictif+x@googlemail.com", "second@example.com"),
        p.emails().stream().map(e -> e.normalized()).toList());
    assertEquals("jfictif@gmail.com", p.emails().get(0).canonicalKey());
    assertEquals("+33612345678", p.phones().get(0).e164());
    assertEquals(java.time.LocalDate.of(1990, 1, 2), p.dateOfBirth());
    List<IpEvent> events = p.ipEvents();
    assertEquals("2001:db8::1", events.get(0).ip());
    assertEquals(443, events.get(0).port());
    assertEquals(Instant.parse("2024-05-01T19:40:00Z"), events.get(0).time().utc());
    assertEquals("192.0.2.1", events.get(1).ip());
    assertTrue(events.get(1).noTimeZone());
    assertEquals(1, tip.victims().size());
    assertEquals(1, tip.files().size(), "the same file on two rows counts once");
    assertEquals("a, \"b\".jpg", tip.files().get(0).originalFileName());
    assertEquals("d41d8cd98f00b204e9800998ecf8427f", tip.files().get(0).hashes().get(0).value());
    assertTrue(tip.rawXml().contains("\"a, \"\"b\"\".jpg\""), "raw rows in RFC 4180");
    assertEquals(5, tip.rawXml().lines().count(), "header + 4 rows");

    CyberTip r2 = ((Accepted) out.get(1)).tip();
    assertEquals("198.51.100.4", r2.ipEvents().get(0).ip(), "an IP alone: the reported person's");
    assertTrue(r2.ipEvents().get(0).noTime());
  }

  @Test
  void semicolonSeparatedSpreadsheetsAndCaseOfColumnNames() {
    String text = "REPORTID;SourceCode;sourcename;sourceKind;incidentType;incidentTime;escalate\n"
        + "9;x;X;platform;Child Sex Trafficking;2024-05-01T10:00:00Z;oui\n";
    Accepted a = assertInstanceOf(Accepted.class, read(text).get(0));
    assertEquals("X", a.source().code());
    assertEquals(IncidentType.CHILD_SEX_TRAFFICKING, a.tip().incidentType());
    assertTrue(a.tip().escalate());
  }

  @Test
  void badValuesRejectTheirReportWithLineAndColumn() {
    assertRejected(",,,,192.0.2.999,,,,,,", "ip", "invalid IP address \"192.0.2.999\"");
    assertRejected(",,,,192.0.2.1,0,,,,,", "port", "port outside 1-65535");
    assertRejected(",,,,192.0.2.1,65536,,,,,", "port", "port outside 1-65535");
    assertRejected(",,,,,8080,,,,,", "port", "port given without ip");
    assertRejected(",,,,192.0.2.1,,2024-02-30T10:00:00Z,,,,", "ipTime",
        "impossible or malformed date-time");
    assertRejected(",,,,,,,,,,2001-13-01", "dateOfBirth", "impossible or malformed date");
    assertRejected(",,,,192.0.2.1,,,HACK,,,", "ipEventName", "unknown eventName");
    assertRejected("BOSS,,,,,,,,,,", "personRole", "unknown personRole");
    assertRejected(",,,,,,,,x.jpg,abc,", "md5", "MD5 must be 32 hex characters");
    assertRejected(",,,,,,,,x.jpg,,", "md5", "at least one hash");
    assertRejected(",0,,,,,,,,,", "person", "person must be a number");
  }

  @Test
  void unknownEnumsAndMissingRequiredValues() {
    Rejected type = rejectedMiddle("2,P,Partner,PARTNER,NOPE,2024-05-01T22:10:00Z\n");
    assertEquals("incidentType", type.fieldPath());
    assertEquals(5, type.column());
    assertTrue(type.reason().contains("unknown incidentType \"NOPE\""), type.reason());
    Rejected kind = rejectedMiddle("2,P,Partner,SPY,ONLINE_ENTICEMENT,2024-05-01T22:10:00Z\n");
    assertTrue(kind.reason().contains("unknown source kind"), kind.reason());
    Rejected time = rejectedMiddle("2,P,Partner,PARTNER,ONLINE_ENTICEMENT,\n");
    assertEquals("incidentTime", time.fieldPath());
    assertEquals("missing incidentTime", time.reason());
    assertEquals("2", time.reportId());
  }

  @Test
  void aReportColumnThatChangesBetweenRowsRejectsTheReport() {
    Rejected r = rejectedMiddle(row("2", ",,,,,,,,,,"),
        "2,P,Partner,PARTNER,ONLINE_ENTICEMENT,2024-05-02T22:10:00+02:00\n");
    assertEquals(4, r.line(), "the row that differs");
    assertEquals("incidentTime", r.fieldPath());
    assertTrue(r.reason().contains("differs from an earlier row"), r.reason());
    assertEquals(3, r.rawXml().lines().count(), "header + both rows of the report");
  }

  @Test
  void aRepeatedReportIdRejectsTheLaterRowsOnly() {
    List<CyberTipOutcome> out = read(HEADER + row("1", ",,,,,,,,,,") + row("2", ",,,,,,,,,,")
        + row("1", ",,other@example.com,,,,,,,,"));
    assertInstanceOf(Accepted.class, out.get(0));
    assertInstanceOf(Accepted.class, out.get(1));
    Rejected r = assertInstanceOf(Rejected.class, out.get(2));
    assertEquals(4, r.line());
    assertEquals("reportId", r.fieldPath());
    assertTrue(r.reason().contains("already read earlier"), r.reason());
  }

  @Test
  void headerProblemsRefuseTheFile() {
    Rejected unknown = assertInstanceOf(Rejected.class,
        read("reportId,sourceCode,sourceName,sourceKind,incidentType,incidentTime,emial\n"
            + row("1", "")).get(0));
    assertEquals(7, unknown.column());
    assertEquals("emial", unknown.fieldPath());
    assertTrue(unknown.reason().contains("unknown column \"emial\""), unknown.reason());
    List<CyberTipOutcome> extra = read(
        "reportId,sourceCode,sourceName,sourceKind,incidentType,incidentTime,extra_note\n"
            + row("1", "anything"));
    assertInstanceOf(Accepted.class, extra.get(0), "extra… columns are ignored");
    Rejected missing = assertInstanceOf(Rejected.class,
        read("reportId,sourceCode,sourceName,sourceKind,incidentType\n1,P,P,PARTNER,x\n")
            .get(0));
    assertTrue(missing.reason().contains("no incidentTime column"), missing.reason());
    assertEquals(1, read("").size(), "an empty file is refused");
    Rejected utf16 = assertInstanceOf(Rejected.class,
        read(HEADER.getBytes(StandardCharsets.UTF_16), CyberTipLimits.DEFAULT).get(0));
    assertTrue(utf16.reason().contains("UTF-16"), utf16.reason());
    assertNull(utf16.reportId());
  }

  @Test
  void aMalformedRowRejectsItselfAndTheReportAroundIt() {
    List<CyberTipOutcome> out = read(HEADER + row("1", ",,,,,,,,,,")
        + row("2", ",,a@example.com,,,,,,,,") + "2,P,\"Part\"ner,PARTNER\n"
        + row("2", ",,b@example.com,,,,,,,,") + row("3", ",,,,,,,,,,"));
    assertEquals(4, out.size(), out.toString());
    assertInstanceOf(Accepted.class, out.get(0));
    Rejected row = assertInstanceOf(Rejected.class, out.get(1));
    assertEquals(4, row.line());
    assertTrue(row.reason().startsWith("not valid CSV"), row.reason());
    Rejected report = assertInstanceOf(Rejected.class, out.get(2));
    assertEquals("2", report.reportId());
    assertTrue(report.reason().contains("line 4"), report.reason());
    assertInstanceOf(Accepted.class, out.get(3));
  }

  @Test
  void bytesThatAreNotUtf8StopReadingAfterTheLastWholeReport() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write((HEADER + row("1", ",,,,,,,,,,") + row("2", ",,,,,,,,,,"))
        .getBytes(StandardCharsets.UTF_8));
    b.write(row("3", ",,caf\u00e9@example.com,,,,,,,,").getBytes(StandardCharsets.ISO_8859_1));
    b.write(row("4", ",,,,,,,,,,").getBytes(StandardCharsets.UTF_8));
    List<CyberTipOutcome> out = read(b.toByteArray(), CyberTipLimits.DEFAULT);
    assertEquals(3, out.size(), out.toString());
    assertEquals("1", assertInstanceOf(Accepted.class, out.get(0)).tip().reportId());
    Rejected open = assertInstanceOf(Rejected.class, out.get(1));
    assertEquals("2", open.reportId(), "the report still open could miss rows: quarantined");
    assertTrue(open.reason().contains("may be incomplete"), open.reason());
    Rejected last = assertInstanceOf(Rejected.class, out.get(2));
    assertTrue(last.reason().contains("not UTF-8"), last.reason());
  }

  @Test
  void aReportOverTheSizeLimitIsRejected() {
    CyberTipLimits small = new CyberTipLimits(200, 600, 1000, 8, 1 << 20, 10);
    StringBuilder many = new StringBuilder(HEADER);
    for (int i = 0; i < 20; i++) {
      many.append(row("1", ",,u" + i + "@example.com,,,,,,,,"));
    }
    many.append(row("2", ",,,,,,,,,,"));
    List<CyberTipOutcome> out = read(many.toString().getBytes(StandardCharsets.UTF_8), small);
    Rejected r = assertInstanceOf(Rejected.class, out.get(0));
    assertTrue(r.reason().contains("report longer than 600 characters"), r.reason());
    assertTrue(r.rawXml().length() <= 600);
    assertInstanceOf(Accepted.class, out.get(1));
  }
}
