package fr.vigie.formats.cybertip;

import static fr.vigie.formats.cybertip.CyberTipReaderTest.accepted;
import static fr.vigie.formats.cybertip.CyberTipReaderTest.read;
import static fr.vigie.formats.cybertip.CyberTipReaderTest.rejected;
import static fr.vigie.formats.cybertip.CyberTipReaderTest.tip;
import static fr.vigie.formats.cybertip.CyberTipReaderTest.tips;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CyberTipRejectionTest {

  private static String ip(String inner) {
    return "<personOrUserReported><ipCaptureEvent>" + inner + "</ipCaptureEvent>"
        + "</personOrUserReported>";
  }

  private static String file(String id, String inner) {
    return "<fileDetails><reportId>" + id + "</reportId><fileId>f1</fileId>" + inner
        + "</fileDetails>";
  }

  /** Each bad record sits between two good ones, on line 3 of the document. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing reportId|<cyberTip><report/></cyberTip>|cyberTip/@reportId|missing reportId",
      "reportId not digits|" + "<cyberTip reportId='12a'/>|cyberTip/@reportId|reportId must be digits",
      "no report|<cyberTip reportId='5'/>|cyberTip/report|missing report",
      "bad receivedAt|<cyberTip reportId='5' receivedAt='2023-02-30T00:00:00Z'><report/></cyberTip>"
          + "|cyberTip/@receivedAt|impossible or malformed dateTime",
      "unknown incidentType|<cyberTip reportId='5'><report><incidentSummary><incidentType>Spam"
          + "</incidentType><incidentDateTime>2023-01-01T00:00:00Z</incidentDateTime>"
          + "</incidentSummary><reporter/></report></cyberTip>"
          + "|cyberTip/report/incidentSummary/incidentType|unknown incidentType \"Spam\"",
      "no incidentDateTime|<cyberTip reportId='5'><report><incidentSummary><incidentType>"
          + "Child Sex Tourism</incidentType></incidentSummary><reporter/></report></cyberTip>"
          + "|cyberTip/report/incidentSummary/incidentDateTime|missing incidentDateTime",
      "impossible incident date|<cyberTip reportId='5'><report><incidentSummary><incidentType>"
          + "Child Sex Tourism</incidentType><incidentDateTime>2023-02-29T10:00:00Z"
          + "</incidentDateTime></incidentSummary><reporter/></report></cyberTip>"
          + "|cyberTip/report/incidentSummary/incidentDateTime|impossible or malformed dateTime",
      "no reporter|<cyberTip reportId='5'><report><incidentSummary><incidentType>"
          + "Child Sex Tourism</incidentType><incidentDateTime>2023-02-20T10:00:00Z"
          + "</incidentDateTime></incidentSummary></report></cyberTip>"
          + "|cyberTip/report/reporter|missing reporter",
  })
  void rejectsABadEnvelopeAndKeepsTheOthers(String name, String bad, String path,
      String reason) {
    List<CyberTipOutcome> out = read(tips(tip("1", "", ""), bad.replace('\'', '"'),
        tip("2", "", "")));
    assertEquals(3, out.size());
    assertEquals("1", accepted(out.get(0)).reportId());
    CyberTipOutcome.Rejected r = rejected(out.get(1));
    assertEquals("test.xml", r.file());
    assertEquals(3, r.line());
    assertTrue(r.column() > 0);
    assertEquals(path, r.fieldPath());
    assertTrue(r.reason().startsWith(reason), r.reason());
    assertEquals(bad.replace('\'', '"').replace("<report/>", "<report></report>")
        .replace("<reporter/>", "<reporter></reporter>")
        .replaceAll("<cyberTip ([^>]*)/>", "<cyberTip $1></cyberTip>"), r.rawXml());
    assertEquals("2", accepted(out.get(2)).reportId());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "invalid IPv4|" + "<ipAddress>192.0.2.256</ipAddress>"
          + "|personOrUserReported/ipCaptureEvent/ipAddress|invalid IP address \"192.0.2.256\"",
      "IPv4 leading zero|<ipAddress>192.0.2.07</ipAddress>"
          + "|personOrUserReported/ipCaptureEvent/ipAddress|invalid IP address",
      "invalid IPv6|<ipAddress>2001:db8::1::2</ipAddress>"
          + "|personOrUserReported/ipCaptureEvent/ipAddress|invalid IP address",
      "host name, never resolved|<ipAddress>example.com</ipAddress>"
          + "|personOrUserReported/ipCaptureEvent/ipAddress|invalid IP address",
      "missing ip|<port>80</port>"
          + "|personOrUserReported/ipCaptureEvent/ipAddress|missing ipAddress",
      "port 0|<ipAddress>192.0.2.1</ipAddress><port>0</port>"
          + "|personOrUserReported/ipCaptureEvent/port|port outside 1-65535: \"0\"",
      "port 65536|<ipAddress>192.0.2.1</ipAddress><port>65536</port>"
          + "|personOrUserReported/ipCaptureEvent/port|port outside 1-65535",
      "unknown eventName|<ipAddress>192.0.2.1</ipAddress><eventName>Logout</eventName>"
          + "|personOrUserReported/ipCaptureEvent/eventName|unknown eventName \"Logout\"",
      "impossible time|<ipAddress>192.0.2.1</ipAddress><dateTime>2023-13-01T00:00:00Z</dateTime>"
          + "|personOrUserReported/ipCaptureEvent/dateTime|impossible or malformed dateTime",
  })
  void rejectsABadIpCaptureEvent(String name, String inner, String path, String reason) {
    List<CyberTipOutcome> out = read(tips(tip("1", ip(inner), ""), tip("2", "", "")));
    CyberTipOutcome.Rejected r = rejected(out.get(0));
    assertEquals("cyberTip/report/" + path, r.fieldPath());
    assertEquals("1", r.reportId());
    assertTrue(r.reason().startsWith(reason), r.reason());
    assertEquals("2", accepted(out.get(1)).reportId());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "MD5 too short|<originalFileHash hashType='MD5'>d41d8cd98f00b204e9800998ecf842</originalFileHash>"
          + "|fileDetails/originalFileHash|MD5 must be 32 hex characters",
      "SHA1 not hex|<originalFileHash hashType='sha1'>zz39a3ee5e6b4b0d3255bfef95601890afd80709</originalFileHash>"
          + "|fileDetails/originalFileHash|SHA1 must be 40 hex characters",
      "SHA256 too long|<originalFileHash hashType='SHA-256'>00d41d8cd98f00b204e9800998ecf8427ed41d8cd98f00b204e9800998ecf8427e</originalFileHash>"
          + "|fileDetails/originalFileHash|SHA256 must be 64 hex characters",
      "no hashType|<originalFileHash>d41d8cd98f00b204e9800998ecf8427e</originalFileHash>"
          + "|fileDetails/originalFileHash/@hashType|missing hashType",
      "unknown classification|<industryClassification>C3</industryClassification>"
          + "|fileDetails/industryClassification|unknown industryClassification \"C3\"",
      "unknown relevance|<fileRelevance>Maybe</fileRelevance>"
          + "|fileDetails/fileRelevance|unknown fileRelevance \"Maybe\"",
      "bad file ip|<ipCaptureEvent><ipAddress>2001:db8:::1</ipAddress></ipCaptureEvent>"
          + "|fileDetails/ipCaptureEvent/ipAddress|invalid IP address",
  })
  void rejectsABadFile(String name, String inner, String path, String reason) {
    List<CyberTipOutcome> out = read(tips(tip("7", "", file("7", inner.replace('\'', '"')))));
    CyberTipOutcome.Rejected r = rejected(out.get(0));
    assertEquals("cyberTip/" + path, r.fieldPath());
    assertTrue(r.reason().startsWith(reason), r.reason());
  }

  @Test
  void rejectsFileDetailsOfAnotherReport() {
    CyberTipOutcome.Rejected r = rejected(read(tip("7", "", file("7", "") + file("8", ""))).get(0));
    assertEquals("cyberTip/fileDetails[2]/reportId", r.fieldPath());
    assertEquals("fileDetails reportId \"8\" differs from the cyberTip's reportId 7", r.reason());
  }

  @Test
  void rejectsImpossibleDateOfBirthAndAge() {
    CyberTipOutcome.Rejected dob = rejected(read(tip("7", "<victim><victimPerson><dateOfBirth>"
        + "2011-02-29</dateOfBirth></victimPerson></victim>", "")).get(0));
    assertEquals("cyberTip/report/victim/victimPerson/dateOfBirth", dob.fieldPath());
    CyberTipOutcome.Rejected age = rejected(read(tip("7", "<victim><victimPerson><age>twelve"
        + "</age></victimPerson></victim>", "")).get(0));
    assertEquals("age must be 0 to 130: \"twelve\"", age.reason());
  }

  @Test
  void rejectsTheLaterOfTwoRecordsWithTheSameReportId() {
    List<CyberTipOutcome> out = read(tips(tip("9", "", ""), tip("10", "", ""), tip("9", "", "")));
    assertEquals("9", accepted(out.get(0)).reportId());
    assertEquals("10", accepted(out.get(1)).reportId());
    CyberTipOutcome.Rejected r = rejected(out.get(2));
    assertEquals("cyberTip/@reportId", r.fieldPath());
    assertEquals(4, r.line());
    assertEquals("reportId 9 already read earlier in this input", r.reason());
  }

  @Test
  void keepsRecordsBeforeABreakAndRejectsTheBrokenOneWithTheParsersPosition() {
    String xml = tips(tip("1", "", ""), tip("2", "", ""))
        .replace("</cyberTips>", "<cyberTip reportId=\"3\"><report>\n<incidentSummary>"
            + "<incidentType>x</incidentSummary>\n" + tip("4", "", "") + "</cyberTips>");
    List<CyberTipOutcome> out = read(xml);
    assertEquals(3, out.size());
    accepted(out.get(0));
    accepted(out.get(1));
    CyberTipOutcome.Rejected r = rejected(out.get(2));
    assertEquals("3", r.reportId());
    assertEquals(5, r.line());
    assertEquals(35, r.column()); // where the JDK parser sees the mismatched end tag
    assertEquals("cyberTip/report/incidentSummary/incidentType", r.fieldPath());
    assertTrue(r.reason().startsWith("XML not well-formed, reading stopped: "), r.reason());
    assertTrue(r.rawXml().startsWith("<cyberTip reportId=\"3\"><report>\n<incidentSummary>"));
  }

  @Test
  void stopsCleanlyWhenTheFileIsCutShort() {
    String xml = tips(tip("1", "", ""), tip("2", "", ""));
    List<CyberTipOutcome> out = read(xml.substring(0, xml.length() - 40));
    assertEquals(2, out.size());
    accepted(out.get(0));
    CyberTipOutcome.Rejected r = rejected(out.get(1));
    assertEquals("2", r.reportId());
  }

  @Test
  void refusesAnEmptyDocumentAndAWrongRoot() {
    assertEquals("no root element: the document is empty",
        rejected(read("").get(0)).reason());
    CyberTipOutcome.Rejected r = rejected(read("<reports/>").get(0));
    assertEquals("the root element must be cyberTips, cyberTip, report, fileDetails or "
        + "reportDocuments, found reports", r.reason());
    assertNull(r.reportId());
  }

  @Test
  void rejectsAReportDocumentWhenTheCallerNamedNoSource() {
    CyberTipOutcome.Rejected r = rejected(read("<report><incidentSummary/></report>").get(0));
    assertEquals("report", r.fieldPath());
    assertTrue(r.reason().startsWith("a report document holds no report number: the importer "
        + "must say which source sent it"), r.reason());
    assertEquals("<report><incidentSummary></incidentSummary></report>", r.rawXml());
  }
}
