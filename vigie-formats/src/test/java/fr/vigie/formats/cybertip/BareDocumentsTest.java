package fr.vigie.formats.cybertip;

import static fr.vigie.formats.cybertip.CyberTipReaderTest.accepted;
import static fr.vigie.formats.cybertip.CyberTipReaderTest.rejected;
import static fr.vigie.formats.cybertip.CyberTipReaderTest.tip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider documents: a bare report, fileDetails beside it, and their hostile twists. */
class BareDocumentsTest {

  static final ReportSource PHAROS = new ReportSource("PHAROS", "PHAROS", "PARTNER", "FR");

  @TempDir
  Path dir;

  static String report(String extra) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report xmlns:xsi=\"http://www.w3.org/"
        + "2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"https://report.cybertip.org"
        + "/ispws/xsd\">\n<incidentSummary><incidentType>Child Sex Tourism</incidentType>"
        + "<incidentDateTime>2024-01-15T14:30:00.000Z</incidentDateTime></incidentSummary>\n"
        + "<reporter><reportingPerson><email>trust@example.com</email></reportingPerson>"
        + "</reporter>\n" + extra + "</report>\n";
  }

  static String fileDetails(String reportId, String fileId, String extra) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<fileDetails>"
        + (reportId == null ? "" : "<reportId>" + reportId + "</reportId>")
        + "\n<fileId>" + fileId + "</fileId>" + extra + "</fileDetails>";
  }

  static List<CyberTipOutcome> read(String xml, ReportSource source) {
    return new CyberTipReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        "r.xml", CyberTipLimits.DEFAULT, source).stream().toList();
  }

  private Path zip(String name, String... entries) throws IOException {
    Path p = dir.resolve(name);
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
      for (int i = 0; i < entries.length; i += 2) {
        z.putNextEntry(new ZipEntry(entries[i]));
        z.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return p;
  }

  static List<CyberTipOutcome> readPath(Path p) throws IOException {
    try (Stream<CyberTipOutcome> s = CyberTipFiles.read(p, CyberTipLimits.DEFAULT, PHAROS,
        null)) {
      return s.toList();
    }
  }

  // --- derived ids ---

  @Test
  void aBareReportIsOneRecordOfTheCallersSourceWithAnIdDerivedFromItsContent() {
    CyberTipOutcome.Accepted a = (CyberTipOutcome.Accepted) read(report(""), PHAROS).get(0);
    assertEquals(PHAROS, a.source());
    assertTrue(a.tip().reportIdDerived());
    assertTrue(a.tip().reportId().matches("derived-[0-9a-f]{32}"), a.tip().reportId());
    assertEquals(IncidentType.CHILD_SEX_TOURISM, a.tip().incidentType());
    assertTrue(a.tip().rawXml().startsWith("<report>\n<incidentSummary>"), a.tip().rawXml());
    assertFalse(a.tip().rawXml().contains("noNamespaceSchemaLocation"));
  }

  @Test
  void theDerivedIdIsTheSameForTheSameReportAndSourceWhateverTheLayout() {
    String id = accepted(read(report("<additionalInfo a=\"1\" b=\"2\">x</additionalInfo>"),
        PHAROS).get(0)).reportId();
    assertEquals(id, accepted(read(report("<additionalInfo a=\"1\" b=\"2\">x</additionalInfo>"),
        PHAROS).get(0)).reportId(), "same bytes again");
    String relaidOut = report("<additionalInfo b='2' a='1'> x </additionalInfo>")
        .replace("<incidentSummary>", "<incidentSummary>\n    ").replace("\n", "\r\n")
        .replace("<report ", "<!-- exported --><report ");
    assertEquals(id, accepted(read(relaidOut, PHAROS).get(0)).reportId(),
        "indentation, attribute order, line ends, comments and the XML declaration aside");
    assertNotEquals(id, accepted(read(report("<additionalInfo a=\"1\" b=\"2\">y</additionalInfo>"),
        PHAROS).get(0)).reportId(), "another value is another report");
    assertNotEquals(id, accepted(read(report("<additionalInfo a=\"1\" b=\"2\">x</additionalInfo>"),
        new ReportSource("BKA", "BKA", "FOREIGN_POLICE", "DE")).get(0)).reportId(),
        "the same report from another source is another report");
  }

  @Test
  void theDerivedIdIsSha256OfTheSourceCodeAndTheCanonicalReport() throws Exception {
    CyberTip t = accepted(read(report(""), PHAROS).get(0));
    String canonical = "<report><incidentSummary><incidentType>Child Sex Tourism</incidentType>"
        + "<incidentDateTime>2024-01-15T14:30:00.000Z</incidentDateTime></incidentSummary>"
        + "<reporter><reportingPerson><email>trust@example.com</email></reportingPerson>"
        + "</reporter></report>";
    byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(
        ("vigie-derived-id/1\nPHAROS\n" + canonical).getBytes(StandardCharsets.UTF_8));
    assertEquals("derived-" + java.util.HexFormat.of().formatHex(sha, 0, 16), t.reportId());
  }

  @Test
  void theSameReportTwiceInOneInputIsRejectedTheSecondTime() throws IOException {
    List<CyberTipOutcome> out = readPath(zip("twice.zip", "a/report.xml", report(""),
        "b/report.xml", report("")));
    assertEquals(2, out.size());
    String id = accepted(out.get(0)).reportId();
    CyberTipOutcome.Rejected r = rejected(out.get(1));
    assertEquals("twice.zip!/b/report.xml", r.file());
    assertEquals(id, r.reportId());
    assertTrue(r.reason().contains("already read earlier in this input"), r.reason());
  }

  // --- fileDetails beside a report ---

  @Test
  void fileDetailsBesideTheOnlyReportOfAZipJoinItWhetherTheirReportIdIsEmptyOrTheSame()
      throws IOException {
    List<CyberTipOutcome> out = readPath(zip("one.zip",
        "b-file.xml", fileDetails("150000123", "f1", ""),
        "c-file.xml", fileDetails(null, "f2", ""),
        "report.xml", report(""),
        "a-file.xml", fileDetails("150000123", "f0", "")));
    assertEquals(1, out.size(), out::toString);
    CyberTip t = accepted(out.get(0));
    assertEquals(List.of("f1", "f2", "f0"), t.files().stream().map(ReportedFile::fileId).toList());
    assertEquals("150000123", t.files().get(0).reportId());
    assertNull(t.files().get(1).reportId());
    assertTrue(t.reportIdDerived(), "a report never takes its number from a file");
    assertEquals(accepted(read(report(""), PHAROS).get(0)).reportId(), t.reportId(),
        "files do not change the report's id");
    assertTrue(t.rawXml().startsWith("<reportDocuments><report>"), t.rawXml());
    assertEquals(t, accepted(read(t.rawXml(), PHAROS).get(0)), "the raw record reads back");
  }

  @Test
  void fileDetailsNamingTwoReportsRejectTheRecordAndTheRestOfTheZipGoesIn()
      throws IOException {
    List<CyberTipOutcome> out = readPath(zip("two.zip",
        "tips.xml", tip("7", "", ""),
        "report.xml", report(""),
        "f1.xml", fileDetails("150000123", "f1", ""),
        "f2.xml", fileDetails("150000999", "f2", "")));
    assertEquals(2, out.size(), out::toString);
    assertEquals("7", accepted(out.get(0)).reportId());
    CyberTipOutcome.Rejected r = rejected(out.get(1));
    assertEquals("two.zip!/f2.xml", r.file());
    assertEquals(2, r.line());
    assertEquals("fileDetails[2]/reportId", r.fieldPath());
    assertEquals("fileDetails reportId \"150000999\" differs from \"150000123\" of fileDetails[1]"
        + ": the files of one report name the same report", r.reason());
  }

  @Test
  void aFileDetailsNamingACyberTipOfTheZipJoinsItAndContradictingOneIsRejected()
      throws IOException {
    List<CyberTipOutcome> out = readPath(zip("mixed.zip",
        "tips.xml", CyberTipReaderTest.tips(tip("7", "", ""), tip("8", "", "")),
        "f7.xml", fileDetails("7", "f7", "")));
    assertEquals(2, out.size(), out::toString);
    CyberTip seven = accepted(out.get(0));
    assertEquals(List.of("f7"), seven.files().stream().map(ReportedFile::fileId).toList());
    assertTrue(seven.rawXml().endsWith("<fileId>f7</fileId></fileDetails></cyberTip>"),
        seven.rawXml());
    assertFalse(seven.reportIdDerived());
    assertEquals(List.of(), accepted(out.get(1)).files());

    // In an envelope, the fileDetails' own reportId must be the cyberTip's, as before.
    CyberTipOutcome.Rejected r = rejected(CyberTipReaderTest.read(tip("7", "",
        fileDetails("8", "f", "").replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "")))
        .get(0));
    assertEquals("cyberTip/fileDetails/reportId", r.fieldPath());
    assertEquals("fileDetails reportId \"8\" differs from the cyberTip's reportId 7", r.reason());
  }

  @Test
  void fileDetailsWithoutTheirReportAreRejectedSayingWhy() throws IOException {
    List<CyberTipOutcome> out = readPath(zip("orphans.zip",
        "tips.xml", tip("7", "", ""),
        "f.xml", fileDetails("150000123", "f1", ""),
        "g.xml", fileDetails(null, "f2", "")));
    assertEquals(3, out.size(), out::toString);
    accepted(out.get(0));
    CyberTipOutcome.Rejected f = rejected(out.get(1));
    assertEquals("orphans.zip!/f.xml", f.file());
    assertEquals("fileDetails/reportId", f.fieldPath());
    assertEquals("fileDetails of report 150000123: no such report in this input", f.reason());
    assertTrue(f.rawXml().startsWith("<fileDetails><reportId>150000123"), f.rawXml());
    assertEquals("fileDetails without reportId, and no report document in this input",
        rejected(out.get(2)).reason());

    CyberTipOutcome.Rejected alone = rejected(read(fileDetails("1", "f", ""), PHAROS).get(0));
    assertTrue(alone.reason().startsWith("a fileDetails document on its own"), alone.reason());
  }

  @Test
  void withTwoReportsInOneZipAFileDetailsJoinsNeither() throws IOException {
    List<CyberTipOutcome> out = readPath(zip("two-reports.zip",
        "r1.xml", report(""), "r2.xml", report("<additionalInfo>2</additionalInfo>"),
        "f.xml", fileDetails(null, "f1", "")));
    assertEquals(3, out.size(), out::toString);
    assertEquals(List.of(), accepted(out.get(0)).files());
    assertEquals(List.of(), accepted(out.get(1)).files());
    assertTrue(rejected(out.get(2)).reason().startsWith("fileDetails without reportId: the "
        + "input holds 2 report documents without number"), rejected(out.get(2)).reason());
  }

  @Test
  void aFolderIsOneBatchLikeAZipAndLinksAreNotFollowed() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("export"));
    Files.writeString(folder.resolve("report.xml"), report(""));
    Files.createDirectories(folder.resolve("files"));
    Files.writeString(folder.resolve("files/1.xml"), fileDetails("150000123", "f1", ""));
    Path outside = Files.writeString(dir.resolve("outside.xml"), fileDetails(null, "x", ""));
    Files.createSymbolicLink(folder.resolve("link.xml"), outside);
    List<CyberTipOutcome> out = readPath(folder);
    assertEquals(2, out.size(), out::toString);
    CyberTipOutcome.Rejected link = rejected(out.get(0));
    assertEquals("export/link.xml", link.file());
    assertEquals("symbolic link not followed: link.xml", link.reason());
    assertEquals(List.of("f1"), accepted(out.get(1)).files().stream().map(ReportedFile::fileId)
        .toList());
  }

  // --- hostile twists ---

  @Test
  void aDoctypeRefusesItsDocumentOnlyAndTheReportGoesInWithoutIt() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET");
    List<CyberTipOutcome> out = readPath(zip("x.zip", "report.xml", report(""),
        "f.xml", "<!DOCTYPE fileDetails [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
            + fileDetails(null, "&x;", "").replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "")));
    assertEquals(2, out.size(), out::toString);
    assertTrue(accepted(out.get(1)).files().isEmpty());
    CyberTipOutcome.Rejected r = rejected(out.get(0));
    assertEquals("x.zip!/f.xml", r.file());
    assertTrue(r.reason().startsWith("a DOCTYPE is not allowed"), r.reason());
    assertFalse(out.toString().contains("SECRET"));
    assertTrue(rejected(read("<!DOCTYPE report>" + report("").substring(39), PHAROS).get(0))
        .reason().startsWith("a DOCTYPE is not allowed"));
  }

  @Test
  void badDatesInABareReportOrItsFileRejectItWithFileLineColumnAndPath() throws IOException {
    CyberTipOutcome.Rejected r = rejected(read(report("").replace("2024-01-15T14:30:00.000Z",
        "2024-02-30T14:30:00.000Z"), PHAROS).get(0));
    assertEquals("r.xml", r.file());
    assertEquals(3, r.line());
    assertTrue(r.column() > 40, () -> "column " + r.column());
    assertEquals("report/incidentSummary/incidentDateTime", r.fieldPath());
    assertEquals("impossible or malformed dateTime \"2024-02-30T14:30:00.000Z\"", r.reason());
    assertNull(r.reportId());

    List<CyberTipOutcome> out = readPath(zip("d.zip", "report.xml", report(""), "f.xml",
        fileDetails(null, "f1", "<ipCaptureEvent><ipAddress>192.0.2.1</ipAddress>"
            + "<dateTime>yesterday</dateTime></ipCaptureEvent>"), "tips.xml", tip("9", "", "")));
    assertEquals("9", accepted(out.get(0)).reportId());
    CyberTipOutcome.Rejected f = rejected(out.get(1));
    assertEquals("d.zip!/f.xml", f.file());
    assertEquals("fileDetails/ipCaptureEvent/dateTime", f.fieldPath());
    assertEquals("impossible or malformed dateTime \"yesterday\"", f.reason());
  }

  @Test
  void unknownElementsAreListedWithTheirPathAndValue() {
    CyberTip t = accepted(read(report("<personOrUserReported><screenName>s</screenName>"
        + "<favouriteColour>blue</favouriteColour><deviceId><idType>IMEI</idType>"
        + "<idValue>0123</idValue><serial>9</serial></deviceId></personOrUserReported>"
        + "<futureBlock><a x=\"1\">2</a></futureBlock>"), PHAROS).get(0));
    assertEquals(List.of(
        new NotKept("report/reporter/reportingPerson/email", "trust@example.com",
            NotKept.Kind.NOT_MAPPED),
        new NotKept("report/personOrUserReported/favouriteColour", "blue", NotKept.Kind.UNKNOWN),
        new NotKept("report/personOrUserReported/deviceId/serial", "9", NotKept.Kind.UNKNOWN),
        new NotKept("report/futureBlock/a/@x", "1", NotKept.Kind.UNKNOWN),
        new NotKept("report/futureBlock/a", "2", NotKept.Kind.UNKNOWN)), t.notKept());
    assertEquals("0123", t.reportedPersons().get(0).deviceIds().get(0).idValue());
  }

  @Test
  void elementsInAnotherOrderGiveTheSameValues() {
    String ordered = report("<personOrUserReported><screenName>s</screenName>"
        + "<ipCaptureEvent><ipAddress>192.0.2.1</ipAddress><port>80</port></ipCaptureEvent>"
        + "</personOrUserReported><additionalInfo>n</additionalInfo>");
    String shuffled = "<report><additionalInfo>n</additionalInfo><personOrUserReported>"
        + "<ipCaptureEvent><port>80</port><ipAddress>192.0.2.1</ipAddress></ipCaptureEvent>"
        + "<screenName>s</screenName></personOrUserReported><reporter><reportingPerson><email>"
        + "trust@example.com</email></reportingPerson></reporter><incidentSummary>"
        + "<incidentDateTime>2024-01-15T14:30:00.000Z</incidentDateTime><incidentType>Child Sex "
        + "Tourism</incidentType></incidentSummary></report>";
    CyberTip a = accepted(read(ordered, PHAROS).get(0));
    CyberTip b = accepted(read(shuffled, PHAROS).get(0));
    assertEquals(a.reportedPersons(), b.reportedPersons());
    assertEquals(a.incidentTime(), b.incidentTime());
    assertEquals(a.incidentType(), b.incidentType());
    assertEquals(a.notKept().stream().map(NotKept::path).sorted().toList(),
        b.notKept().stream().map(NotKept::path).sorted().toList());
    assertNotEquals(a.reportId(), b.reportId(), "order is content: another derived id");
  }

  private List<CyberTipOutcome> withFilesOf(int chars) throws IOException {
    CyberTipLimits small = new CyberTipLimits(1000, 1200, 1000, 16, 1 << 20, 100);
    Path p = zip("big" + chars + ".zip", "report.xml", report(""), "f1.xml", fileDetails(null,
        "f1", "<additionalInfo>" + "x".repeat(chars) + "</additionalInfo>"), "f2.xml",
        fileDetails(null, "f2", "<additionalInfo>" + "y".repeat(chars) + "</additionalInfo>"));
    try (Stream<CyberTipOutcome> s = CyberTipFiles.read(p, small, PHAROS, null)) {
      return s.toList();
    }
  }

  @Test
  void fileDetailsWaitingForTheirReportPastTheRecordLimitAreRejected() throws IOException {
    List<CyberTipOutcome> out = withFilesOf(600);
    assertEquals(2, out.size(), out::toString);
    assertEquals("big600.zip!/f2.xml", rejected(out.get(0)).file());
    assertTrue(rejected(out.get(0)).reason().startsWith("more separate fileDetails documents "
        + "wait for their report than 1200 characters"), rejected(out.get(0)).reason());
    assertEquals(List.of("f1"), accepted(out.get(1)).files().stream().map(ReportedFile::fileId)
        .toList());
  }

  @Test
  void aReportAndItsFilesOverTheRecordLimitAreRejectedWhole() throws IOException {
    List<CyberTipOutcome> out = withFilesOf(450);
    assertEquals(1, out.size(), out::toString);
    CyberTipOutcome.Rejected r = rejected(out.get(0));
    assertEquals("big450.zip!/report.xml", r.file());
    assertEquals("record longer than 1200 characters with its separate fileDetails documents",
        r.reason());
    assertEquals(1200, r.rawXml().length());
  }
}
