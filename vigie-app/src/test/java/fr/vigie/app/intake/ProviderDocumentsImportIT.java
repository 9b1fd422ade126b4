package fr.vigie.app.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.IntakeIntegrity;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.formats.cybertip.ReportSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Providers' documents as the published encoder writes them (copies of vigie-formats'
 * {@code cybertip/encoder} resources: a bare {@code <report>} and its {@code <fileDetails>}),
 * imported under the source the importer names: every value lands where it belongs or in the
 * report's "not kept" list, the derived id is flagged, the same report again (even re-indented)
 * is unchanged, and hostile twists are rejected one record at a time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"vigie.jobs.worker-enabled=false",
        "spring.datasource.hikari.maximum-pool-size=3"})
@DirtiesContext
class ProviderDocumentsImportIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  static final List<String> INTAKE_TABLES = List.of("matches", "victim_hints", "media",
      "ip_events", "reported_identifiers", "report_persons", "report_device_ids",
      "report_not_kept", "reports", "import_rejects", "import_jobs");

  @Autowired
  ReportImport importer;

  @Autowired
  ReportSources sources;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  fr.vigie.app.linking.Linking linking;

  @TempDir
  Path temp;

  ReportSource pharos;

  @BeforeEach
  void emptyIntakeAndAPartner() {
    for (String table : INTAKE_TABLES) {
      jdbc.sql("delete from " + table).update();
    }
    jdbc.sql("delete from sources").update();
    sources.register("PHAROS", "PHAROS (plateforme de signalement)", "PARTNER", "FR",
        "test:admin");
    pharos = assertInstanceOf(ReportSources.Choice.Known.class, sources.senderOf("pharos"))
        .source();
  }

  @AfterEach
  void everyRowHasItsReport() {
    IntakeIntegrity.assertNoOrphans(jdbc);
  }

  static Path encoder(String batch) throws URISyntaxException {
    return Path.of(ProviderDocumentsImportIT.class.getResource("/cybertip/encoder/" + batch)
        .toURI());
  }

  /** A copy of an encoder batch in a folder of its own. */
  Path folder(String batch) throws Exception {
    Path dir = Files.createDirectories(temp.resolve(batch + "-" + System.nanoTime()));
    try (Stream<Path> files = Files.list(encoder(batch))) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir;
  }

  ImportSummary run(Path input, ReportSource source) throws IOException {
    return importer.importFile(input, "test:analyste", false, new LongAdder(), source);
  }

  long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  List<String> strings(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query((rs, n) -> {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        b.append(i == 1 ? "" : " ").append(rs.getString(i));
      }
      return b.toString();
    }).list();
  }

  @Test
  void aReportAndItsFileDetailsInOneFolderAreOneReportWithEveryValueWhereItBelongs()
      throws Exception {
    ImportSummary s = run(folder("full"), pharos);

    assertEquals(1, s.read(), s.rejections().toString());
    assertEquals(1, s.created());
    var report = jdbc.sql("""
        select r.external_id, r.external_id_derived, s.code, r.raw_format, r.incident_type,
          r.incident_at, r.high_priority, r.annotations, r.id
        from reports r join sources s on s.id = r.source_id
        """).query((rs, n) -> List.of(rs.getString(1), rs.getBoolean(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(),
            rs.getBoolean(7), rs.getString(8), rs.getLong(9))).single();
    assertTrue(((String) report.get(0)).matches("derived-[0-9a-f]{32}"), report.toString());
    assertEquals(List.of(true, "PHAROS", "CYBERTIP_XML",
        "Online Enticement of Children for Sexual Acts", Instant.parse("2024-03-10T21:45:10.250Z"),
        true, "sextortion,csamSolicitation,minorToMinorInteraction"), report.subList(1, 8));
    long reportId = (Long) report.get(8);

    assertEquals(List.of(
        "REPORTED Jean Fictif 1990-02-28 34 1 rue de l'Exemple 69003 Lyon FR",
        "RECIPIENT Zoé null null 13 null null null null",
        "VICTIM Léa Exemple 2011-06-01 12 null 69100 Villeurbanne FR",
        "VICTIM Noé null null null null null null null"), strings("""
        select role, first_name, last_name, date_of_birth, age, address, postal_code, city,
          country from report_persons where report_id = ? order by id
        """, reportId));

    assertEquals(List.of(
        "REPORTED EMAIL null J.Fictif+x@googlemail.com jfictif@gmail.com",
        "REPORTED EMAIL null jean.fictif@example.org jean.fictif@example.org",
        "REPORTED PHONE null 06 12 34 56 78 +33612345678",
        "REPORTED SCREEN_NAME ExampleChat jf_1990 jf_1990",
        "REPORTED ACCOUNT_ID ExampleChat u-7781 u-7781",
        "REPORTED URL ExampleChat https://chat.example.com/u/7781 https://chat.example.com/u/7781",
        "REPORTED DEVICE_ID null IMEI-35-209900-176148-1 IMEI:IMEI-35-209900-176148-1",
        "REPORTED DEVICE_ID null Example-WiFi SSID:Example-WiFi",
        "RECIPIENT EMAIL null zoe@example.net zoe@example.net",
        "RECIPIENT SCREEN_NAME ExampleChat zoe_13 zoe_13",
        "RECIPIENT ACCOUNT_ID ExampleChat u-9001 u-9001",
        "RECIPIENT URL ExampleChat https://chat.example.com/u/9001 https://chat.example.com/u/9001",
        "RECIPIENT DEVICE_ID null ICCID-8933-0000-1111 ICCID:ICCID-8933-0000-1111",
        "VICTIM SCREEN_NAME null lea_12 lea_12",
        "VICTIM DEVICE_ID null IMEI-VICTIM-1 IMEI:IMEI-VICTIM-1",
        "VICTIM ACCOUNT_ID null u-3 u-3"), strings("""
        select p.role, i.kind, i.platform, i.original_value, i.canonical_key
        from reported_identifiers i join report_persons p on p.id = i.person_id
        where i.report_id = ? order by i.id
        """, reportId));

    assertEquals(List.of(
        "personOrUserReported[1] REPORTED IMEI IMEI-35-209900-176148-1 LOGIN 2024-03-10T19:40:00Z",
        "personOrUserReported[1] REPORTED SSID Example-WiFi null null",
        "intendedRecipient[1] RECIPIENT ICCID ICCID-8933-0000-1111 null null",
        "victim[1] VICTIM IMEI IMEI-VICTIM-1 null null",
        "fileDetails[1] null IMEI IMEI-UPLOAD-1 UPLOAD null"), strings("""
        select d.owner, p.role, d.id_type, d.id_value, d.event_name,
          to_char(d.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        from report_device_ids d left join report_persons p on p.id = d.person_id
        where d.report_id = ? order by d.id
        """, reportId), "a file's device has no person: linking does not see it");

    assertEquals(List.of(
        "192.0.2.7 192.0.2.7 4 443 LOGIN f personOrUserReported[1]",
        "2001:DB8:0:0:0:0:0:1 2001:db8::1 6 51413 UPLOAD t personOrUserReported[1]",
        "::ffff:198.51.100.23 198.51.100.23 4 null REGISTRATION f personOrUserReported[1]",
        "203.0.113.9 203.0.113.9 4 8080 OTHER f intendedRecipient[1]",
        "2001:db8::beef 2001:db8::beef 6 993 LOGIN f victim[1]",
        "2001:db8:0:0:1:0:0:1 2001:db8::1:0:0:1 6 8443 UPLOAD f fileDetails[1]",
        "198.51.100.200 198.51.100.200 4 65535 null f fileDetails[2]"), strings("""
        select ip_original, ip, ip_version, port, event_name, possible_proxy, owner
        from ip_events where report_id = ? order by id
        """, reportId));
    assertEquals(1, count("""
        select count(*) from ip_events where report_id = ? and ip = '198.51.100.23'
          and occurred_at is null and offset_missing
        """, reportId), "an event without time keeps its address, flagged");

    assertEquals(List.of(
        "img_001.jpg d41d8cd98f00b204e9800998ecf8427f da39a3ee5e6b4b0d3255bfef95601890afd80708 "
            + "null 0123456789abcdef0123456789abcdef A2 REPORTED possibleSelfProduction,"
            + "generativeAi 150000123",
        "clip.mp4 null null 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 "
            + "fedcba9876543210fedcba9876543210 B1 SUPPLEMENTAL_REPORTED null 150000123"),
        strings("""
        select file_name, md5, sha1, sha256, external_file_id, classification, relevance,
          annotations, declared_report_id from media where report_id = ? order by id
        """, reportId));

    assertEquals(List.of("AGE victim[1]: age 12", "DATE_OF_BIRTH victim[1]: born 2011-06-01",
        "SCHOOL victim[1]: Collège Exemple", "LOCATION victim[1]: 69100 Villeurbanne FR",
        "SCHOOL victim[2]: École Exemple"), strings("""
        select kind, description from victim_hints where report_id = ? order by id
        """, reportId));

    Map<String, List<String>> notKept = jdbc.sql("""
        select kind, path || ' = ' || value from report_not_kept where report_id = ?
        order by position
        """).param(reportId).query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list()
        .stream().collect(Collectors.groupingBy(l -> l.get(0),
            Collectors.mapping(l -> l.get(1), Collectors.toList())));
    assertTrue(notKept.get("NOT_MAPPED").containsAll(List.of(
        "report/incidentSummary/incidentDateTimeDescription = first message seen",
        "report/lawEnforcement/agencyName = Example Agency",
        "report/reporter/reportingPerson/email = trust@example.com",
        "report/personOrUserReported/estimatedLocation/city = Lyon",
        "report/additionalInfo = report note",
        "fileDetails[1]/locationOfFile = https://cdn.example.com/img_001.jpg",
        "fileDetails[1]/additionalInfo[2] = file note two")), notKept.toString());
    assertEquals(List.of(
        "report/personOrUserReported[1]/displayName = JF",
        "report/personOrUserReported[1]/displayName = Jeannot",
        "report/personOrUserReported[1]/personOrUserReportedPerson/phone/@extension = 7",
        "report/personOrUserReported[1]/personOrUserReportedPerson/address/@type = Home",
        "report/personOrUserReported[1]/personOrUserReportedPerson/address/state = Rhône",
        "report/intendedRecipient[1]/displayName = Zoé",
        "fileDetails[1]/details/nameValuePair = EXIF: Make = ExampleCam",
        "fileDetails[2]/details/nameValuePair = HASH: PDQ = f8f8"), notKept.get("NOT_STORED"));
    assertNull(notKept.get("UNKNOWN"), "the encoder writes nothing outside the schema");
  }

  @Test
  void theSameReportAgainIsUnchangedEvenReIndentedAndOneMoreFileIsANewVersion()
      throws Exception {
    Path first = folder("full");
    run(first, pharos);
    String id = jdbc.sql("select external_id from reports").query(String.class).single();

    ImportSummary again = run(folder("full"), pharos);
    assertEquals(1, again.unchanged(), again.toString());

    Path relaidOut = folder("full");
    for (String name : List.of("report.xml", "file-1.xml", "file-2.xml")) {
      Path f = relaidOut.resolve(name);
      Files.writeString(f, Files.readString(f).replace("><", ">\r\n  <")
          .replace("hashType=\"MD5\"", "hashType='MD5'"));
    }
    ImportSummary reindented = run(relaidOut, pharos);
    assertEquals(1, reindented.unchanged(),
        "the same report laid out otherwise keeps its id and its content: " + reindented);

    Path moreFiles = folder("full");
    Files.copy(encoder("no-report-id").resolve("file.xml"), moreFiles.resolve("file-3.xml"));
    ImportSummary more = run(moreFiles, pharos);
    assertEquals(1, more.newVersions(), more.toString());
    assertEquals(List.of(id + " 2 NEW 3", id + " 1 SUPERSEDED 2"), strings("""
        select r.external_id, r.version, r.status,
          (select count(*) from media m where m.report_id = r.id)
        from reports r order by r.version desc
        """), "the report's id covers the report document only; its content, the files too");

    sources.register("BKA", "Bundeskriminalamt", "FOREIGN_POLICE", "DE", "test:admin");
    ImportSummary otherSource = run(folder("full"), assertInstanceOf(
        ReportSources.Choice.Known.class, sources.senderOf("BKA")).source());
    assertEquals(1, otherSource.created(), "the same bytes from another source are another "
        + "report");
  }

  @Test
  void hostileTwistsAreRejectedOneRecordAtATimeAndTheRestGoesIn() throws Exception {
    String good = Files.readString(encoder("digits").resolve("report.xml"));
    Path dir = Files.createDirectories(temp.resolve("twists"));
    Files.writeString(dir.resolve("a-good.xml"), good);
    Files.writeString(dir.resolve("b-doctype.xml"), good.replace("<report ",
        "<!DOCTYPE report [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><report "));
    Files.writeString(dir.resolve("c-bad-date.xml"), good.replace("2024-05-01T09:00:00.000Z",
        "2024-02-30T09:00:00.000Z"));
    Files.writeString(dir.resolve("d-unknown.xml"), good.replace("</reporter>",
        "</reporter><favouriteColour>vert</favouriteColour>"));
    Files.writeString(dir.resolve("e-reordered.xml"), good.replace(
        "<reporter><reportingPerson><email>trust@example.com</email></reportingPerson></reporter>",
        "").replace("</report>", "<reporter><reportingPerson><email>trust@example.com</email>"
        + "</reportingPerson></reporter></report>"));
    Files.writeString(dir.resolve("f-bad-ip.xml"), Files.readString(encoder("spliced")
        .resolve("report.xml")).replace("198.51.100.77", "198.51.100.777"));
    Files.writeString(dir.resolve("notes.txt"), "not a report file");

    ImportSummary s = run(dir, pharos);

    assertEquals(3, s.created(), s.rejections().toString());
    assertEquals(List.of(
        "twists/b-doctype.xml  DOCTYPE",
        "twists/c-bad-date.xml report/incidentSummary/incidentDateTime impossible",
        "twists/f-bad-ip.xml report/internetDetails[1]/peer2peerIncident/ipCaptureEvent[2]"
            + "/ipAddress invalid IP"),
        s.rejections().stream().map(r -> r.file() + " " + r.field() + " "
            + r.reason().replaceAll("^(DOCTYPE|impossible|invalid IP).*", "$1")
            .replaceAll("^.*(DOCTYPE).*", "$1")).toList());
    assertTrue(s.rejections().stream().allMatch(r -> r.line() > 0), s.rejections().toString());
    // Records kept to correct are quarantined; a DOCTYPE refuses the document before any of
    // it is kept, so it is summarised with its count, not quarantined.
    assertEquals(2, count("""
        select count(*) from import_rejects where status = 'QUARANTINED' and raw_record is not null
        """));
    assertEquals(1, count("""
        select count(*) from import_refusals
        where reason like '%DOCTYPE%' and occurrences = 1 and first_file like '%b-doctype.xml'
        """));
    assertEquals(List.of("UNKNOWN report/favouriteColour vert"), strings("""
        select n.kind, n.path, n.value from report_not_kept n
        where n.kind = 'UNKNOWN'
        """), "an unknown element does not reject its report: it is listed");
    assertEquals(List.of("IMEI:13456789012345 IMEI 13456789012345"), strings("""
        select distinct canonical_key, id_type, id_value from report_device_ids
        """), "digits the encoder turned into a number are kept as written, never as a number");
    assertEquals(3, count("select count(distinct external_id) from reports"),
        "the reordered report is another report: element order is content");
  }

  @Test
  void withoutASourceABareReportIsQuarantinedSayingToGiveOne() throws Exception {
    ImportSummary s = run(folder("no-report-id"), null);

    assertEquals(0, s.created());
    assertEquals(1, s.rejected(), s.rejections().toString());
    assertEquals("a report document holds no report number: the importer must say which "
        + "source sent it, and none was given; give it with --source CODE (known sources: "
        + "NCMEC, PHAROS)", s.rejections().get(0).reason());
    assertEquals(1, count("select count(*) from import_rejects where raw_record is not null"),
        "the report and its file wait in quarantine, to be imported again with a source");
  }

  @Test
  void anUnknownOrOwnSourceIsRefusedWithTheKnownOnes() {
    ReportSources.Choice.Refused unknown = assertInstanceOf(ReportSources.Choice.Refused.class,
        sources.senderOf("PHAROZ"));
    assertEquals("unknown source \"PHAROZ\"; known sources: NCMEC, PHAROS (an administrator "
        + "registers a new one with ./vigie source add)", unknown.reason());
    jdbc.sql("insert into sources (code, name, kind) values ('SAISIE', 'Saisie', 'MANUAL')")
        .update();
    assertEquals(ReportSources.Why.NOT_A_SENDER, assertInstanceOf(
        ReportSources.Choice.Refused.class, sources.senderOf("saisie")).why());
    assertEquals(ReportSources.Why.MALFORMED, assertInstanceOf(
        ReportSources.Choice.Refused.class, sources.senderOf("pha ros")).why());
    String audited = """
        select count(*) from audit_log where action = 'CREATE' and object_type = 'source'
          and detail like 'registered source PHAROS (PARTNER, FR)%'
        """;
    long before = count(audited);
    assertTrue(before >= 1, "the registration is on the audit record");
    assertInstanceOf(ReportSources.Registration.Invalid.class, sources.register("pharos",
        "again", "PARTNER", null, "test:admin"), "a code is registered once");
    assertEquals(before, count(audited));
  }

  @Test
  void twoReportsNamingOneImeiTheirOwnWayAreLinkedAsTheSameDevice() throws Exception {
    String digits = Files.readString(encoder("digits").resolve("report.xml"));
    Path a = temp.resolve("a.xml");
    Path b = temp.resolve("b.xml");
    Files.writeString(a, digits);
    Files.writeString(b, digits.replace("<screenName>42</screenName>",
            "<screenName>autre_pseudo</screenName>")
        .replace("<espIdentifier>7123</espIdentifier>", "")
        .replace("<phone>612345678</phone><phone>33698765432</phone>", "")
        .replace("<idValue>13456789012345</idValue>", "<idValue>13 456789 012345</idValue>"));
    assertEquals(1, run(a, pharos).created());
    assertEquals(1, run(b, pharos).created());

    linking.rebuild();

    assertEquals(List.of("DEVICE_ID IMEI:13456789012345", "SCREEN_NAME :42",
        "SCREEN_NAME :autre_pseudo"), strings("""
        select kind, canonical_key from suspect_identifiers
        where suspect_id = (select suspect_id from suspect_identifiers
          where kind = 'DEVICE_ID' and canonical_key = 'IMEI:13456789012345')
          and kind in ('DEVICE_ID', 'SCREEN_NAME')
        order by kind, canonical_key
        """), "one suspect: the IMEI written in groups is the same device");
    assertTrue(count("select count(*) from links where rule = 'SAME_DEVICE'") > 0,
        "nothing but the device is shared: " + strings("select rule from links"));
  }

  @Test
  void aRecordWithThousandsOfUnknownElementsListsAThousandAndCountsTheRest() throws Exception {
    String good = Files.readString(encoder("digits").resolve("report.xml"));
    StringBuilder noise = new StringBuilder();
    for (int i = 0; i < 2500; i++) {
      noise.append("<x").append(i).append(">v</x").append(i).append('>');
    }
    Path f = temp.resolve("noisy.xml");
    Files.writeString(f, good.replace("</report>", noise + "</report>"));

    assertEquals(1, run(f, pharos).created());

    assertEquals(1000, count("select count(*) from report_not_kept"));
    // 2,500 unknown elements and the reporter's e-mail: 999 rows, then one for the 1,502 others.
    assertEquals(List.of("MORE 1502 more values in the raw record"), strings("""
        select kind, value from report_not_kept where position = 1000
        """));
  }
}
