package fr.vigie.formats.cybertip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What Vigie must read from the documents {@code src/test/node/generate.mjs} writes with the
 * third-party encoder ({@code @civitai/cybertipline-tools} 0.1.0): each value of the script,
 * in the field it belongs to, or listed as not kept. Checked on the copies kept in
 * {@code src/test/resources/cybertip/encoder} ({@code EncoderDocumentsTest}) and on the
 * encoder's fresh output ({@code CyberTipInteropIT}). Change with the script.
 */
final class EncoderDocuments {

  static final ReportSource PLATFORM =
      new ReportSource("EXAMPLE-PLATFORM", "Example platform", "PLATFORM", "US");

  /** Every batch folder the script writes, below its output folder. */
  static final List<String> BATCHES = List.of("full", "types/ChildPornography",
      "types/ChildSexTrafficking", "types/ChildSexTourism", "types/ChildSexualMolestation",
      "types/MisleadingDomainName", "types/MisleadingWordsOrImages", "types/OnlineEnticement",
      "types/UnsolicitedObsceneMaterial", "dropped", "spliced", "digits", "digit-hash",
      "no-report-id", "ampersand");

  private EncoderDocuments() {}

  static List<CyberTipOutcome> read(Path batch) throws IOException {
    try (Stream<CyberTipOutcome> s = CyberTipFiles.read(batch, CyberTipLimits.DEFAULT,
        PLATFORM, null)) {
      return s.toList();
    }
  }

  /** Checks every batch below {@code out}. */
  static void checkAll(Path out) throws IOException {
    full(read(out.resolve("full")));
    for (Map.Entry<String, IncidentType> t : TYPES.entrySet()) {
      type(t.getKey(), t.getValue(), read(out.resolve("types").resolve(t.getKey())));
    }
    dropped(read(out.resolve("dropped")));
    spliced(read(out.resolve("spliced")));
    digits(read(out.resolve("digits")));
    digitHash(read(out.resolve("digit-hash")));
    noReportId(read(out.resolve("no-report-id")));
    ampersand(read(out.resolve("ampersand")));
  }

  static CyberTip accepted(List<CyberTipOutcome> out) {
    assertEquals(1, out.size(), out::toString);
    CyberTipOutcome.Accepted a = assertInstanceOf(CyberTipOutcome.Accepted.class, out.get(0),
        () -> out.get(0).toString());
    assertEquals(PLATFORM, a.source());
    assertEquals("CYBERTIP_XML", a.rawFormat());
    assertTrue(a.tip().reportIdDerived());
    assertTrue(a.tip().reportId().matches("derived-[0-9a-f]{32}"), a.tip().reportId());
    // The raw record reads back to the same record, whatever documents it came from.
    List<CyberTipOutcome> again = new CyberTipReader(new java.io.ByteArrayInputStream(
        a.tip().rawXml().getBytes(java.nio.charset.StandardCharsets.UTF_8)), "raw.xml",
        CyberTipLimits.DEFAULT, PLATFORM).stream().toList();
    assertEquals(a.tip(), ((CyberTipOutcome.Accepted) again.get(0)).tip());
    return a.tip();
  }

  private static EventTime utc(String iso) {
    return EventTime.parse(iso);
  }

  static void full(List<CyberTipOutcome> out) {
    CyberTip t = accepted(out);
    assertEquals(IncidentType.ONLINE_ENTICEMENT, t.incidentType());
    assertEquals(Instant.parse("2024-03-10T21:45:10.250Z"), t.incidentTime().utc());
    assertEquals(ZoneOffset.UTC, t.incidentTime().offset());
    assertEquals("2024-03-10T21:45:10.250Z", t.incidentTime().original());
    assertNull(t.receivedAt());
    assertNull(t.platform());
    assertTrue(t.escalate());
    assertEquals(List.of("sextortion", "csamSolicitation", "minorToMinorInteraction"),
        t.annotations());
    assertTrue(t.rawXml().startsWith("<reportDocuments><report><incidentSummary>"),
        t.rawXml());

    Party p = t.reportedPersons().get(0);
    assertEquals(1, t.reportedPersons().size());
    assertEquals("Jean", p.firstName());
    assertEquals("Fictif", p.lastName());
    assertEquals(34, p.age());
    assertEquals(LocalDate.of(1990, 2, 28), p.dateOfBirth());
    assertEquals(List.of(new Email("J.Fictif+x@googlemail.com", "j.fictif+x@googlemail.com",
        "jfictif@gmail.com"), Email.of("jean.fictif@example.org")), p.emails());
    assertEquals(List.of(new Phone("06 12 34 56 78", "+33612345678", "+33", "7")), p.phones());
    assertEquals(List.of(new Address("Home", "1 rue de l'Exemple", "Lyon", "69003", "Rhône",
        "FR")), p.addresses());
    assertEquals(List.of("u-7781"), p.espIdentifiers());
    assertEquals("ExampleChat", p.espService());
    assertEquals(List.of("jf_1990"), p.screenNames());
    assertEquals(List.of("JF", "Jeannot"), p.displayNames());
    assertEquals(List.of("https://chat.example.com/u/7781"), p.profileUrls());
    assertNull(p.schoolName());
    String owner = "personOrUserReported[1]";
    assertEquals(List.of(
        new IpEvent("192.0.2.7", "192.0.2.7", 443, utc("2024-03-10T19:40:00.000Z"),
            IpEventName.LOGIN, false, owner),
        new IpEvent("2001:DB8:0:0:0:0:0:1", "2001:db8::1", 51413,
            utc("2024-03-10T19:55:30.000Z"), IpEventName.UPLOAD, true, owner),
        new IpEvent("::ffff:198.51.100.23", "198.51.100.23", null, null,
            IpEventName.REGISTRATION, false, owner)), p.ipEvents());
    assertEquals(List.of(
        new DeviceId("IMEI", "IMEI-35-209900-176148-1", IpEventName.LOGIN,
            utc("2024-03-10T19:40:00.000Z"), owner),
        new DeviceId("SSID", "Example-WiFi", null, null, owner)), p.deviceIds());

    Party r = t.intendedRecipients().get(0);
    assertEquals(1, t.intendedRecipients().size());
    assertEquals(Party.Role.INTENDED_RECIPIENT, r.role());
    assertEquals("Zoé", r.firstName());
    assertEquals(13, r.age());
    assertEquals(List.of(Email.of("zoe@example.net")), r.emails());
    assertEquals(List.of("u-9001"), r.espIdentifiers());
    assertEquals("ExampleChat", r.espService());
    assertEquals(List.of("zoe_13"), r.screenNames());
    assertEquals(List.of("Zoé"), r.displayNames());
    assertEquals(List.of("https://chat.example.com/u/9001"), r.profileUrls());
    assertEquals(List.of(new IpEvent("203.0.113.9", "203.0.113.9", 8080,
        utc("2024-03-09T10:00:00.000Z"), IpEventName.OTHER, false, "intendedRecipient[1]")),
        r.ipEvents());
    assertEquals(List.of(new DeviceId("ICCID", "ICCID-8933-0000-1111", null, null,
        "intendedRecipient[1]")), r.deviceIds());

    assertEquals(2, t.victims().size());
    Party v = t.victims().get(0);
    assertEquals(Party.Role.VICTIM, v.role());
    assertEquals("Léa", v.firstName());
    assertEquals("Exemple", v.lastName());
    assertEquals(12, v.age());
    assertEquals(LocalDate.of(2011, 6, 1), v.dateOfBirth());
    assertEquals(List.of(new Address(null, null, "Villeurbanne", "69100", null, "FR")),
        v.addresses());
    assertEquals(List.of("lea_12"), v.screenNames());
    assertEquals("Collège Exemple", v.schoolName());
    assertEquals(List.of(new IpEvent("2001:db8::beef", "2001:db8::beef", 993,
        utc("2024-03-08T07:00:00.000Z"), IpEventName.LOGIN, false, "victim[1]")), v.ipEvents());
    assertEquals(List.of(new DeviceId("IMEI", "IMEI-VICTIM-1", null, null, "victim[1]")),
        v.deviceIds());
    Party v2 = t.victims().get(1);
    assertEquals("Noé", v2.firstName());
    assertEquals(List.of("u-3"), v2.espIdentifiers());
    assertEquals("École Exemple", v2.schoolName());

    assertEquals(2, t.files().size());
    ReportedFile f1 = t.files().get(0);
    assertEquals("0123456789abcdef0123456789abcdef", f1.fileId());
    assertEquals("150000123", f1.reportId());
    assertEquals("img_001.jpg", f1.originalFileName());
    assertEquals(FileRelevance.REPORTED, f1.relevance());
    assertEquals(IndustryClassification.A2, f1.classification());
    assertEquals(List.of("possibleSelfProduction", "generativeAi"), f1.annotations());
    assertEquals(List.of(
        new FileHash("MD5", FileHash.Algorithm.MD5, "d41d8cd98f00b204e9800998ecf8427f"),
        new FileHash("SHA1", FileHash.Algorithm.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80708")),
        f1.hashes());
    assertEquals(List.of(new IpEvent("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1", 8443,
        utc("2024-03-10T19:56:00.000Z"), IpEventName.UPLOAD, false, "fileDetails[1]")),
        f1.ipEvents());
    assertEquals(List.of(new DeviceId("IMEI", "IMEI-UPLOAD-1", IpEventName.UPLOAD, null,
        "fileDetails[1]")), f1.deviceIds());
    assertEquals(List.of(new ReportedFile.Detail("EXIF", "Make", "ExampleCam")), f1.details());
    ReportedFile f2 = t.files().get(1);
    assertEquals("fedcba9876543210fedcba9876543210", f2.fileId());
    assertEquals("150000123", f2.reportId());
    assertEquals("clip.mp4", f2.originalFileName());
    assertEquals(FileRelevance.SUPPLEMENTAL_REPORTED, f2.relevance());
    assertEquals(IndustryClassification.B1, f2.classification());
    assertEquals(List.of(new FileHash("SHA256", FileHash.Algorithm.SHA256,
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")), f2.hashes());
    assertEquals(List.of(new IpEvent("198.51.100.200", "198.51.100.200", 65535, null, null,
        false, "fileDetails[2]")), f2.ipEvents());
    assertEquals(List.of(new ReportedFile.Detail("HASH", "PDQ", "f8f8")), f2.details());
    // persons 3 + recipient 1 + victim 1 + files 2, in that order
    assertEquals(7, t.ipEvents().size());
    assertEquals("fileDetails[2]", t.ipEvents().get(6).owner());

    assertEquals(FULL_NOT_KEPT, t.notKept().stream()
        .map(n -> n.path() + " = " + n.value()).toList());
    assertTrue(t.notKept().stream().allMatch(n -> n.kind() == NotKept.Kind.NOT_MAPPED),
        "the encoder writes nothing outside the schema of formats.md §1");
  }

  /** What the full report holds that no field of the record does, every value in its place. */
  static final List<String> FULL_NOT_KEPT = List.of(
      "report/incidentSummary/incidentDateTimeDescription = first message seen",
      "report/internetDetails[1]/webPageIncident/@thirdPartyHostedContent = true",
      "report/internetDetails[1]/webPageIncident/url[1] = https://forum.example.com/t/1",
      "report/internetDetails[1]/webPageIncident/url[2] = https://forum.example.com/t/2",
      "report/internetDetails[1]/webPageIncident/additionalInfo = web page note",
      "report/internetDetails[2]/emailIncident/emailAddress/@type = Home",
      "report/internetDetails[2]/emailIncident/emailAddress = sender@example.org",
      "report/internetDetails[2]/emailIncident/content = mail body",
      "report/internetDetails[2]/emailIncident/additionalInfo = mail note",
      "report/internetDetails[3]/newsgroupIncident/name = alt.example",
      "report/internetDetails[3]/newsgroupIncident/emailAddress = poster@example.net",
      "report/internetDetails[3]/newsgroupIncident/content = post body",
      "report/internetDetails[3]/newsgroupIncident/additionalInfo = newsgroup note",
      "report/internetDetails[4]/chatImIncident/chatClient = ExampleChat",
      "report/internetDetails[4]/chatImIncident/chatRoomName = room-7",
      "report/internetDetails[4]/chatImIncident/content = chat log",
      "report/internetDetails[4]/chatImIncident/additionalInfo = chat note",
      "report/internetDetails[5]/onlineGamingIncident/gameName = Example Quest",
      "report/internetDetails[5]/onlineGamingIncident/console = PC",
      "report/internetDetails[5]/onlineGamingIncident/content = game chat",
      "report/internetDetails[5]/onlineGamingIncident/additionalInfo = game note",
      "report/internetDetails[6]/cellPhoneIncident/phoneNumber/@countryCallingCode = +33",
      "report/internetDetails[6]/cellPhoneIncident/phoneNumber = 06 98 76 54 32",
      "report/internetDetails[6]/cellPhoneIncident/latitude = 45.75",
      "report/internetDetails[6]/cellPhoneIncident/longitude = 4.85",
      "report/internetDetails[6]/cellPhoneIncident/additionalInfo = phone note",
      "report/lawEnforcement/agencyName = Example Agency",
      "report/lawEnforcement/caseNumber = CASE-42",
      "report/lawEnforcement/officerContact/firstName = Alex",
      "report/lawEnforcement/officerContact/lastName = Officier",
      "report/lawEnforcement/officerContact/email = officer@example.org",
      "report/lawEnforcement/reportedToLe = true",
      "report/lawEnforcement/servedLegalProcessDomestic = false",
      "report/lawEnforcement/servedLegalProcessInternational/@fleaCountry = FR",
      "report/lawEnforcement/servedLegalProcessInternational = true",
      "report/reporter/reportingPerson/firstName = Camille",
      "report/reporter/reportingPerson/lastName = Modératrice",
      "report/reporter/reportingPerson/phone/@type = Work",
      "report/reporter/reportingPerson/phone = +1 202 555 0100",
      "report/reporter/reportingPerson/email/@type = Work",
      "report/reporter/reportingPerson/email/@verified = true",
      "report/reporter/reportingPerson/email = trust@example.com",
      "report/reporter/contactPerson/firstName = Dominique",
      "report/reporter/contactPerson/lastName = Contact",
      "report/reporter/contactPerson/email = legal@example.com",
      "report/reporter/companyTemplate = tpl-a",
      "report/reporter/termsOfService = https://example.com/tos",
      "report/reporter/legalURL = https://example.com/legal",
      "report/personOrUserReported/personOrUserReportedPerson/phone/@type = Mobile",
      "report/personOrUserReported/personOrUserReportedPerson/phone/@verified = false",
      "report/personOrUserReported/personOrUserReportedPerson/email[1]/@type = Home",
      "report/personOrUserReported/personOrUserReportedPerson/email[1]/@verified = true",
      "report/personOrUserReported/personOrUserReportedPerson/email[1]/@verificationDate = "
          + "2024-01-05T08:00:00.000Z",
      "report/personOrUserReported/vehicleDescription = red van",
      "report/personOrUserReported/thirdPartyUserReported = false",
      "report/personOrUserReported/priorCTReports = 150000001",
      "report/personOrUserReported/groupIdentifier = grp-1",
      "report/personOrUserReported/estimatedLocation/@verified = false",
      "report/personOrUserReported/estimatedLocation/@timestamp = 2024-03-10T20:00:00.000Z",
      "report/personOrUserReported/estimatedLocation/city = Lyon",
      "report/personOrUserReported/estimatedLocation/region = ARA",
      "report/personOrUserReported/estimatedLocation/countryCode = FR",
      "report/personOrUserReported/additionalInfo = reported person note",
      "report/intendedRecipient/groupIdentifier = grp-2",
      "report/intendedRecipient/accountTemporarilyDisabled/@disabledDate = "
          + "2024-03-11T00:00:00.000Z",
      "report/intendedRecipient/accountTemporarilyDisabled/@reenabledDate = "
          + "2024-03-12T00:00:00.000Z",
      "report/intendedRecipient/accountTemporarilyDisabled = true",
      "report/intendedRecipient/estimatedLocation/city = Villeurbanne",
      "report/intendedRecipient/estimatedLocation/countryCode = FR",
      "report/intendedRecipient/additionalInfo = recipient note",
      "report/victim[1]/additionalInfo = victim note",
      "report/additionalInfo = report note",
      "fileDetails[1]/locationOfFile = https://cdn.example.com/img_001.jpg",
      "fileDetails[1]/fileViewedByEsp = true",
      "fileDetails[1]/exifViewedByEsp = false",
      "fileDetails[1]/publiclyAvailable = false",
      "fileDetails[1]/additionalInfo[1] = file note one",
      "fileDetails[1]/additionalInfo[2] = file note two");

  static final Map<String, IncidentType> TYPES = Map.of(
      "ChildPornography", IncidentType.CHILD_PORNOGRAPHY,
      "ChildSexTrafficking", IncidentType.CHILD_SEX_TRAFFICKING,
      "ChildSexTourism", IncidentType.CHILD_SEX_TOURISM,
      "ChildSexualMolestation", IncidentType.CHILD_SEXUAL_MOLESTATION,
      "MisleadingDomainName", IncidentType.MISLEADING_DOMAIN_NAME,
      "MisleadingWordsOrImages", IncidentType.MISLEADING_WORDS_OR_IMAGES,
      "OnlineEnticement", IncidentType.ONLINE_ENTICEMENT,
      "UnsolicitedObsceneMaterial", IncidentType.UNSOLICITED_OBSCENE_MATERIAL);

  /** The script's order of the encoder's IncidentType enum, which sets the IPs and ports. */
  private static final List<String> TYPE_ORDER = List.of("ChildPornography",
      "ChildSexTrafficking", "ChildSexTourism", "ChildSexualMolestation", "MisleadingDomainName",
      "MisleadingWordsOrImages", "OnlineEnticement", "UnsolicitedObsceneMaterial");

  static void type(String key, IncidentType type, List<CyberTipOutcome> out) {
    CyberTip t = accepted(out);
    int i = TYPE_ORDER.indexOf(key);
    assertEquals(type, t.incidentType());
    assertEquals(Instant.parse("2024-04-0" + (i % 9 + 1) + "T12:00:00Z"), t.incidentTime().utc());
    assertEquals(List.of("suspect_" + key), t.reportedPersons().get(0).screenNames());
    IpEvent ip = t.ipEvents().get(0);
    assertEquals("192.0.2." + (i + 10), ip.ip());
    assertEquals(1000 + i, ip.port());
    assertTrue(ip.noTime());
    assertEquals(List.of(new NotKept("report/reporter/reportingPerson/email",
        "trust+" + i + "@example.com", NotKept.Kind.NOT_MAPPED)), t.notKept());
  }

  /** The reporter of the small reports: the provider's own staff, which Vigie does not map. */
  private static final NotKept REPORTER = new NotKept("report/reporter/reportingPerson/email",
      "trust@example.com", NotKept.Kind.NOT_MAPPED);

  static void dropped(List<CyberTipOutcome> out) {
    CyberTip t = accepted(out);
    // buildReport 0.1.0 writes neither peer-to-peer nor non-internet incidents it is given.
    assertFalse(t.rawXml().contains("internetDetails"), t.rawXml());
    assertEquals(List.of(), t.ipEvents());
    assertEquals(List.of(REPORTER), t.notKept());
  }

  static void spliced(List<CyberTipOutcome> out) {
    CyberTip t = accepted(out);
    assertEquals(List.of(
        new IpEvent("2001:db8::42", "2001:db8::42", 6881, utc("2024-05-01T08:00:00.000Z"),
            IpEventName.UPLOAD, false, "peer2peerIncident[1]"),
        new IpEvent("198.51.100.77", "198.51.100.77", 51413, null, null, false,
            "peer2peerIncident[1]")), t.ipEvents());
    assertEquals(List.of(
        "report/internetDetails[1]/peer2peerIncident/client = ExampleTorrent",
        "report/internetDetails[1]/peer2peerIncident/fileNames = a.jpg b.jpg",
        "report/internetDetails[1]/peer2peerIncident/additionalInfo = p2p note",
        "report/internetDetails[2]/nonInternetIncident/locationName = Parc Exemple",
        "report/internetDetails[2]/nonInternetIncident/incidentAddress/@type = Business",
        "report/internetDetails[2]/nonInternetIncident/incidentAddress/city = Lille",
        "report/internetDetails[2]/nonInternetIncident/incidentAddress/zipCode = 59000",
        "report/internetDetails[2]/nonInternetIncident/incidentAddress/country = FR",
        "report/internetDetails[2]/nonInternetIncident/additionalInfo = place note",
        "report/reporter/reportingPerson/email = trust@example.com"),
        t.notKept().stream().map(n -> n.path() + " = " + n.value()).toList());
  }

  /** Digit-only text reaches Vigie as the encoder's XML parser turned it into a number. */
  static void digits(List<CyberTipOutcome> out) {
    CyberTip t = accepted(out);
    Party p = t.reportedPersons().get(0);
    assertEquals(List.of("612345678", "33698765432"),
        p.phones().stream().map(Phone::original).toList());
    // Read as a French national number without its 0, the first still finds its E.164 form.
    assertEquals("+33612345678", p.phones().get(0).e164());
    assertEquals("1000", p.addresses().get(0).zipCode());
    assertEquals(List.of("7123"), p.espIdentifiers());
    assertEquals(List.of("42"), p.screenNames());
    assertEquals("13456789012345", p.deviceIds().get(0).idValue());
  }

  /** An all-digit hash comes out as "1": the record is refused, not stored with it. */
  static void digitHash(List<CyberTipOutcome> out) {
    assertEquals(1, out.size(), out::toString);
    CyberTipOutcome.Rejected r = assertInstanceOf(CyberTipOutcome.Rejected.class, out.get(0));
    assertTrue(r.file().endsWith("digit-hash/file.xml"), r.file());
    assertEquals("fileDetails/originalFileHash", r.fieldPath());
    assertEquals("MD5 must be 32 hex characters: \"1\"", r.reason());
    assertEquals(1, r.line());
    assertTrue(r.column() > 1);
    assertTrue(r.rawXml().startsWith("<reportDocuments><report>"), r.rawXml());
  }

  static void noReportId(List<CyberTipOutcome> out) {
    CyberTip t = accepted(out);
    assertEquals(1, t.files().size());
    assertNull(t.files().get(0).reportId());
    assertEquals("a.png", t.files().get(0).originalFileName());
  }

  /** The encoder writes "&" and "<" as they are: the document is not XML. */
  static void ampersand(List<CyberTipOutcome> out) {
    assertEquals(1, out.size(), out::toString);
    CyberTipOutcome.Rejected r = assertInstanceOf(CyberTipOutcome.Rejected.class, out.get(0));
    assertTrue(r.file().endsWith("ampersand/report.xml"), r.file());
    assertTrue(r.reason().startsWith("XML not well-formed, reading stopped: "), r.reason());
    assertEquals("report/additionalInfo", r.fieldPath());
    assertEquals(1, r.line());
    assertTrue(r.column() > 400, () -> "column " + r.column());
  }
}
