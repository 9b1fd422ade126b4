package fr.vigie.app.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.IntakeIntegrity;
import fr.vigie.app.support.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * The Vigie JSON Lines and CSV formats imported as reports, from the examples documented in
 * docs/formats.md: each record under the source it names, normalised like CyberTipline XML,
 * idempotent, and bad records quarantined with line, column, field and the raw line(s).
 */
// A small pool, closed after the class: every cached PostgreSQL context holds its connections,
// and the suite's contexts together must stay under the server's max_connections (100).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"vigie.jobs.worker-enabled=false",
        "spring.datasource.hikari.maximum-pool-size=3"})
@DirtiesContext
class VigieFormatsImportIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  static final Path EXAMPLES = Path.of("..", "docs", "examples");

  @Autowired
  ReportImport importer;

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

  ImportSummary run(Path file) throws IOException {
    return importer.importFile(file, "test:analyste", false, new LongAdder());
  }

  long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  Map<String, Long> counts() {
    return Map.of("reports", count("select count(*) from reports"),
        "report_persons", count("select count(*) from report_persons"),
        "reported_identifiers", count("select count(*) from reported_identifiers"),
        "ip_events", count("select count(*) from ip_events"),
        "media", count("select count(*) from media"),
        "victim_hints", count("select count(*) from victim_hints"));
  }

  @Test
  void theJsonLinesExampleGoesInUnderTheSourcesItNames() throws Exception {
    ImportSummary s = run(EXAMPLES.resolve("reports.jsonl"));

    assertEquals(3, s.created(), s.rejections().toString());
    assertEquals(0, s.rejected());
    assertEquals(Map.of("reports", 3L, "report_persons", 4L, "reported_identifiers", 8L,
        "ip_events", 4L, "media", 2L, "victim_hints", 3L), counts());
    assertEquals(List.of("BKA FOREIGN_POLICE DE Bundeskriminalamt BKA-2024-17",
        "EXAMPLE-PLATFORM PLATFORM IE Example Platform Trust & Safety 9001",
        "PHAROS PARTNER FR PHAROS (plateforme de signalement) PH-2024-000123"), jdbc.sql("""
        select s.code, s.kind, s.country, s.name, r.external_id
        from reports r join sources s on s.id = r.source_id
        where r.raw_format = 'JSONL' order by s.code
        """).query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)
            + " " + rs.getString(4) + " " + rs.getString(5)).list());

    var report = jdbc.sql("""
        select incident_type, incident_at, incident_offset, received_at, platform,
          high_priority, raw_record
        from reports where external_id = 'PH-2024-000123'
        """).query((rs, n) -> List.of(rs.getString(1),
            rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5),
            rs.getBoolean(6), gunzip(rs.getBytes(7)))).single();
    assertEquals("Online Enticement of Children for Sexual Acts", report.get(0));
    assertEquals(Instant.parse("2024-05-01T20:10:00Z"), report.get(1));
    assertEquals("+02:00", report.get(2));
    assertEquals(Instant.parse("2024-05-02T07:15:00Z"), report.get(3));
    assertEquals("Exemple Chat", report.get(4));
    assertEquals(true, report.get(5));
    assertEquals(Files.readString(EXAMPLES.resolve("reports.jsonl")).lines().findFirst()
        .orElseThrow(), report.get(6), "the raw record is the line");

    assertEquals("jfictif@gmail.com", jdbc.sql("""
        select canonical_key from reported_identifiers
        where kind = 'EMAIL' and original_value = 'J.Fictif+x@googlemail.com'
        """).query(String.class).single());
    assertEquals(List.of("+33612345678", "+49301234567"), jdbc.sql("""
        select normalized_value from reported_identifiers where kind = 'PHONE'
        order by normalized_value
        """).query(String.class).list());
    assertEquals(1, count("""
        select count(*) from reported_identifiers where kind = 'ACCOUNT_ID'
          and normalized_value = 'u-4471' and platform = 'Exemple Chat'
        """));
    assertEquals(1, count("""
        select count(*) from ip_events where ip_original = '2001:DB8:0:0:0:0:0:1'
          and ip = '2001:db8::1' and ip_version = 6 and offset_missing
          and original_offset is null and event_name = 'UPLOAD'
        """), "no offset: flagged, never assumed");
    assertEquals(1, count("""
        select count(*) from ip_events where ip_original = '::ffff:198.51.100.23'
          and ip = '198.51.100.23' and port = 50123 and not offset_missing
        """));
    assertEquals(1, count("""
        select count(*) from media where file_name = 'img_0001.jpg'
          and md5 = 'd41d8cd98f00b204e9800998ecf8427f'
          and sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
        """));
    assertEquals(1, count("""
        select count(*) from victim_hints where kind = 'SCHOOL'
          and description like '%Collège Exemple%'
        """));

    ImportSummary again = run(EXAMPLES.resolve("reports.jsonl"));
    assertEquals(3, again.unchanged(), "importing the same file again changes nothing");
    assertEquals(3, count("select count(*) from reports"));
  }

  @Test
  void theCsvExampleGoesInOneReportPerGroupOfRows() throws Exception {
    ImportSummary s = run(EXAMPLES.resolve("reports.csv"));

    assertEquals(2, s.created(), s.rejections().toString());
    assertEquals(Map.of("reports", 2L, "report_persons", 3L, "reported_identifiers", 5L,
        "ip_events", 3L, "media", 2L, "victim_hints", 0L), counts());
    assertEquals(2, count("""
        select count(*) from reports r join sources s on s.id = r.source_id
        where s.code = 'PARTNER-A' and s.kind = 'PARTNER' and s.country = 'FR'
          and r.raw_format = 'CSV'
        """));
    assertEquals(List.of("p.exemple@example.com", "paul.exemple@example.org"), jdbc.sql("""
        select normalized_value from reported_identifiers where kind = 'EMAIL'
        order by normalized_value
        """).query(String.class).list());
    assertEquals(1, count("""
        select count(*) from report_persons where role = 'REPORTED' and first_name = 'Paul'
          and city = 'Lille' and postal_code = '59000' and country = 'FR'
        """));
    assertEquals(1, count("""
        select count(*) from ip_events where ip = '2001:db8::a' and port = 8080
          and offset_missing
        """));
    assertEquals(1, count("""
        select count(*) from media where file_name = 'doc, final.png'
          and sha256 = 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb'
        """));
    String raw = jdbc.sql("select raw_record from reports where external_id = 'PA-0001'")
        .query((rs, n) -> gunzip(rs.getBytes(1))).single();
    assertEquals(4, raw.lines().count(), "header + the report's 3 rows");
    assertEquals(2, run(EXAMPLES.resolve("reports.csv")).unchanged());
  }

  @Test
  void badRecordsAreQuarantinedWithLineColumnFieldAndRawRecord() throws Exception {
    List<String> lines = Files.readString(EXAMPLES.resolve("reports.jsonl")).lines().toList();
    Path jsonl = temp.resolve("bad.jsonl");
    Files.writeString(jsonl, lines.get(0) + "\n"
        + lines.get(1).replace("::ffff:198.51.100.23", "198.51.100.300") + "\n"
        + lines.get(2) + "\n" + lines.get(2).replace("suspect@", "other@") + "\n");
    ImportSummary s = run(jsonl);
    assertEquals(2, s.created());
    assertEquals(2, s.rejected());
    var rejects = jdbc.sql("""
        select line, col, field, reason, raw_record from import_rejects
        where status = 'QUARANTINED' order by line
        """).query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getString(3),
            rs.getString(4), gunzip(rs.getBytes(5)))).list();
    assertEquals(2, rejects.size());
    assertEquals(2L, rejects.get(0).get(0));
    assertTrue((Long) rejects.get(0).get(1) > 1);
    assertEquals("reportedPersons[0].ipEvents[0].ip", rejects.get(0).get(2));
    assertEquals("invalid IP address \"198.51.100.300\"", rejects.get(0).get(3));
    assertTrue(((String) rejects.get(0).get(4)).contains("198.51.100.300"));
    assertEquals(4L, rejects.get(1).get(0));
    assertTrue(((String) rejects.get(1).get(3)).contains("already read earlier"));

    Path csv = temp.resolve("bad.csv");
    List<String> rows = Files.readString(EXAMPLES.resolve("reports.csv")).lines().toList();
    Files.writeString(csv, rows.get(0) + "\n" + rows.get(1) + "\n"
        + rows.get(2).replace(",8080,", ",70000,") + "\n" + rows.get(3) + "\n" + rows.get(4)
        + "\n");
    ImportSummary c = run(csv);
    assertEquals(1, c.created(), "PA-0002 goes in");
    assertEquals(1, c.rejected(), "PA-0001 is quarantined whole");
    var reject = jdbc.sql("""
        select line, col, field, reason, raw_record from import_rejects
        where input_name like '%bad.csv'
        """).query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getString(3),
            rs.getString(4), gunzip(rs.getBytes(5)))).single();
    assertEquals(3L, reject.get(0));
    assertEquals(22L, reject.get(1), "port is the 22nd column");
    assertEquals("port", reject.get(2));
    assertEquals("port outside 1-65535: \"70000\"", reject.get(3));
    assertEquals(4, ((String) reject.get(4)).lines().count(), "header + the report's 3 rows");
    assertEquals(0, count("select count(*) from reports where external_id = 'PA-0001'"));
  }

  static String gunzip(byte[] gz) {
    try {
      return new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
