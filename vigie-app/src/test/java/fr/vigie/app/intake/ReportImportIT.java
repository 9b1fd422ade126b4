package fr.vigie.app.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.IntakeIntegrity;
import fr.vigie.app.support.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;
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
 * CyberTipline XML imported as reports: every row the fixture names, once; the same file again
 * changes nothing; new content is a new version; a bad record is quarantined and the others go
 * in; a dry run writes nothing; a rerun after a crash ends where one clean run ends.
 */
// A small pool, closed after the class: every cached PostgreSQL context holds its connections,
// and the suite's contexts together must stay under the server's max_connections (100).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"vigie.jobs.worker-enabled=false",
        "spring.datasource.hikari.maximum-pool-size=3"})
@DirtiesContext
class ReportImportIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  /** What {@code three-reports.xml} holds, counted by hand. */
  static final Map<String, Long> THREE_REPORTS = Map.of("reports", 3L, "report_persons", 5L,
      "reported_identifiers", 10L, "ip_events", 5L, "media", 3L, "victim_hints", 3L);

  @Autowired
  ReportImport importer;

  @Autowired
  fr.vigie.app.search.internal.JdbcSearch search;

  @Autowired
  JdbcClient jdbc;

  @TempDir
  Path temp;

  @AfterEach
  void everyRowHasItsReport() {
    IntakeIntegrity.assertNoOrphans(jdbc);
  }

  @BeforeEach
  void emptyIntake() {
    for (String table : List.of("matches", "victim_hints", "media", "ip_events",
        "reported_identifiers", "report_persons", "report_device_ids", "report_not_kept",
        "reports", "import_rejects", "import_jobs")) {
      jdbc.sql("delete from " + table).update();
    }
  }

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(ReportImportIT.class.getResource("/intake/" + name).toURI());
  }

  ImportSummary run(Path file) throws IOException {
    return importer.importFile(file, "test:analyste", false, new LongAdder());
  }

  long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  Map<String, Long> counts() {
    return Map.of("reports", count("reports"), "report_persons", count("report_persons"),
        "reported_identifiers", count("reported_identifiers"), "ip_events", count("ip_events"),
        "media", count("media"), "victim_hints", count("victim_hints"));
  }

  @Test
  void storesEveryRowTheFixtureNamesExactlyOnce() throws Exception {
    ImportSummary s = run(fixture("three-reports.xml"));

    assertEquals(3, s.read());
    assertEquals(3, s.created());
    assertEquals(0, s.rejected());
    assertEquals(5, s.persons());
    assertEquals(10, s.identifiers());
    assertEquals(5, s.ipEvents());
    assertEquals(3, s.media());
    assertEquals(3, s.victimHints());
    assertEquals(THREE_REPORTS, counts());
    assertEquals(1, jdbc.sql("""
        select count(*) from sources where code = 'NCMEC' and kind = 'NCMEC' and country = 'US'
        """).query(Long.class).single());
    assertEquals(List.of("DONE 3 3 0 0 0"), jdbc.sql("""
        select status, records_read, records_new, records_new_version, records_unchanged,
          records_rejected, input_sha256 from import_jobs where kind = 'REPORTS' and origin = 'CLI'
        """).query((rs, n) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " "
            + rs.getLong(4) + " " + rs.getLong(5) + " " + rs.getLong(6)).list());
    assertEquals(1, jdbc.sql("""
        select count(*) from audit_log where action = 'CREATE' and object_type = 'import_job'
          and object_id = ?
        """).param(String.valueOf(s.jobId())).query(Long.class).single());
  }

  @Test
  void keepsTheNormalisedValuesBesideTheOriginals() throws Exception {
    run(fixture("three-reports.xml"));

    var report = jdbc.sql("""
        select incident_type, incident_at, incident_offset, received_at, platform, high_priority,
          raw_record, content_sha256, status, version
        from reports where external_id = '150100001'
        """).query((rs, n) -> Map.of("type", rs.getString("incident_type"),
            "at", rs.getObject("incident_at", OffsetDateTime.class).toInstant(),
            "offset", rs.getString("incident_offset"),
            "received", rs.getObject("received_at", OffsetDateTime.class).toInstant(),
            "platform", rs.getString("platform"), "high", rs.getBoolean("high_priority"),
            "raw", rs.getBytes("raw_record"), "status", rs.getString("status"),
            "version", rs.getInt("version"))).single();
    assertEquals("Online Enticement of Children for Sexual Acts", report.get("type"));
    assertEquals(Instant.parse("2023-03-15T04:45:10Z"), report.get("at"));
    assertEquals("-07:00", report.get("offset"));
    assertEquals(Instant.parse("2023-03-15T02:10:00Z"), report.get("received"));
    assertEquals("ExampleChat", report.get("platform"));
    assertEquals(true, report.get("high"));
    assertEquals("NEW", report.get("status"));
    assertEquals(1, report.get("version"));
    String raw = new String(new GZIPInputStream(new ByteArrayInputStream(
        (byte[]) report.get("raw"))).readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(raw.startsWith("<cyberTip") && raw.contains("J.Fictif+x@googlemail.com"), raw);

    assertEquals("jfictif@gmail.com", jdbc.sql("""
        select canonical_key from reported_identifiers
        where kind = 'EMAIL' and original_value = 'J.Fictif+x@googlemail.com'
        """).query(String.class).single());
    assertEquals("+33612345678", jdbc.sql("""
        select normalized_value from reported_identifiers where kind = 'PHONE'
          and original_value = '06 12 34 56 78'
        """).query(String.class).single());
    var login = jdbc.sql("""
        select ip_original, ip, ip_version, port, occurred_at, original_offset, offset_missing
        from ip_events where ip = '192.0.2.7'
        """).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getInt(3),
            rs.getInt(4), rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6),
            rs.getBoolean(7))).single();
    assertEquals(List.of("192.0.2.7", "192.0.2.7", 4, 443,
        Instant.parse("2023-03-14T19:40:00Z"), "+02:00", false), login);
    assertEquals(1, jdbc.sql("""
        select count(*) from ip_events where ip_original = '::ffff:198.51.100.23'
          and ip = '198.51.100.23' and occurred_at is null and offset_missing
        """).query(Long.class).single(), "an event without a time keeps its address, flagged");
    assertEquals(1, jdbc.sql("""
        select count(*) from ip_events where ip = '203.0.113.9' and offset_missing
          and original_offset is null
        """).query(Long.class).single(), "a time without offset is flagged");
    assertEquals(1, jdbc.sql("""
        select count(*) from ip_events where ip = '2001:db8::42' and ip_version = 6
          and port = 51413
        """).query(Long.class).single());
    assertEquals(1, jdbc.sql("""
        select count(*) from media where file_name = 'img_001.jpg'
          and md5 = 'd41d8cd98f00b204e9800998ecf8427f'
          and sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80708' and sha256 is null
        """).query(Long.class).single());
    assertEquals(3, jdbc.sql("""
        select count(*) from report_persons where role in ('REPORTED', 'RECIPIENT', 'VICTIM')
          and report_id = (select id from reports where external_id = '150100001')
        """).query(Long.class).single());
  }

  @Test
  void importingTheSameFileAgainChangesNothing() throws Exception {
    run(fixture("three-reports.xml"));

    ImportSummary again = run(fixture("three-reports.xml"));

    assertEquals(3, again.unchanged());
    assertEquals(0, again.created() + again.newVersions() + again.identifiers());
    assertEquals(THREE_REPORTS, counts());
    assertEquals(2, count("import_jobs"));
  }

  @Test
  void storesChangedContentAsANewVersionBesideTheOld() throws Exception {
    run(fixture("three-reports.xml"));
    Path changed = temp.resolve("changed.xml");
    Files.writeString(changed, Files.readString(fixture("three-reports.xml"))
        .replace("<platform>ExampleShare</platform>", "<platform>ExampleShare v2</platform>"));

    ImportSummary s = run(changed);

    assertEquals(1, s.newVersions());
    assertEquals(2, s.unchanged());
    assertEquals(List.of("1 SUPERSEDED ExampleShare", "2 NEW ExampleShare v2"), jdbc.sql("""
        select version, status, platform from reports where external_id = '150100002'
        order by version
        """).query((rs, n) -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3))
        .list());
    assertEquals(4, count("reports"));
    assertEquals(6, count("report_persons"));
    assertEquals(6, count("ip_events"));
  }

  @Test
  void quarantinesTheBadReportWithItsLineAndFieldAndImportsTheOthers() throws Exception {
    ImportSummary s = run(fixture("one-bad-report.xml"));

    assertEquals(3, s.read());
    assertEquals(2, s.created());
    assertEquals(1, s.rejected());
    ImportSummary.Rejection r = s.rejections().get(0);
    assertEquals(27, r.line());
    assertTrue(r.field().contains("ipCaptureEvent"), r.field());
    assertTrue(r.reason().contains("192.0.2.999"), r.reason());
    assertEquals(List.of("150200001", "150200003"), jdbc.sql(
        "select external_id from reports order by external_id").query(String.class).list());
    var stored = jdbc.sql("""
        select input_name, line, col, field, reason, status, raw_record from import_rejects
        """).query((rs, n) -> List.of(rs.getString(1), rs.getLong(2), rs.getLong(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getBytes(7))).single();
    assertTrue(stored.get(0).toString().endsWith("one-bad-report.xml"));
    assertEquals(27L, stored.get(1));
    assertEquals(r.column(), stored.get(2));
    assertEquals(r.field(), stored.get(3));
    assertEquals("QUARANTINED", stored.get(5));
    String raw = new String(new GZIPInputStream(new ByteArrayInputStream((byte[]) stored.get(6)))
        .readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(raw.contains("150200002"), raw);
    assertEquals(List.of(1L), jdbc.sql("select records_rejected from import_jobs")
        .query(Long.class).list());
  }

  @Test
  void aDryRunCountsButWritesNothing() throws Exception {
    ImportSummary s = importer.importFile(fixture("one-bad-report.xml"), "test:analyste", true,
        new LongAdder());

    assertEquals(2, s.created());
    assertEquals(1, s.rejected());
    assertNull(s.jobId());
    assertEquals(0, count("reports") + count("import_jobs") + count("import_rejects"));
  }

  @Test
  void identifiersAreFoundAsTypedOrAsAPhoneIsWrittenInFrance() throws Exception {
    run(fixture("three-reports.xml"));
    long first = jdbc.sql("select id from reports where external_id = '150100001'")
        .query(Long.class).single();

    for (String q : List.of("06 12 34", "+336123456", "u-7781", "JF_19", "jf_1990")) {
      assertTrue(search.reports(q, 10).stream().anyMatch(h -> h.id() == first),
          q + " finds report 150100001");
    }
    assertTrue(search.reports("06 99", 10).isEmpty(), "no other number starts so");
  }

  @Test
  void aRerunAfterACrashEndsWhereOneCleanRunEnds() throws Exception {
    run(fixture("three-reports.xml"));
    // A crash before the last two reports committed: their rows never existed.
    for (String child : List.of("victim_hints", "media", "ip_events", "reported_identifiers",
        "report_persons", "report_device_ids", "report_not_kept")) {
      jdbc.sql("delete from " + child + " where report_id in (select id from reports"
          + " where external_id in ('150100002', '150100003'))").update();
    }
    jdbc.sql("delete from reports where external_id in ('150100002', '150100003')").update();

    ImportSummary rerun = run(fixture("three-reports.xml"));

    assertEquals(1, rerun.unchanged());
    assertEquals(2, rerun.created());
    assertEquals(THREE_REPORTS, counts());
  }
}
