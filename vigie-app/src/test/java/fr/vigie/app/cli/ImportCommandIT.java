package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.TestDatabases;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code vigie import reports …} as an analyst runs it: the real command line on the embedded
 * database of a home folder, which this test's application holds open to check what was written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vigie.jobs.worker-enabled=false")
class ImportCommandIT {

  static Path home;

  @Autowired
  JdbcClient jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useEmbeddedHome(registry);
  }

  private static CliRun.Result vigie(String... args) {
    return CliRun.vigie(home, args);
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(ImportCommandIT.class.getResource("/intake/" + name).toURI());
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  @Test
  void importsFilesFoldersAndZipsWithExitCodesJsonDryRunAndAudit() throws Exception {
    Path folder = Files.createTempDirectory(home, "tips-");
    Files.copy(fixture("three-reports.xml"), folder.resolve("a.xml"));
    Files.writeString(folder.resolve("notes.txt"), "not read");
    Path zip = home.resolve("bad.zip");
    try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
      z.putNextEntry(new ZipEntry("batch/one-bad-report.xml"));
      z.write(Files.readAllBytes(fixture("one-bad-report.xml")));
      z.closeEntry();
    }

    CliRun.Result dry = vigie("import", "reports", "--dry-run", folder.toString(), zip.toString());
    assertEquals(1, dry.exitCode(), dry.err());
    assertTrue(dry.out().contains("Dry run"), dry.out());
    assertTrue(dry.out().contains("Reports: 5 new, 0 new versions, 0 unchanged, 1 rejected"),
        dry.out());
    assertEquals(0, count("select count(*) from reports")
        + count("select count(*) from import_jobs"));

    CliRun.Result good = vigie("import", "reports", folder.toString());
    assertEquals(0, good.exitCode(), good.err());
    assertTrue(good.out().contains("Files: 1"), good.out());
    assertTrue(good.out().contains("Reports: 3 new, 0 new versions, 0 unchanged, 0 rejected"),
        good.out());
    assertTrue(good.out().contains("5 persons, 10 identifiers, 5 IP events, 3 media"),
        good.out());

    CliRun.Result bad = vigie("import", "reports", "--json", zip.toString(), folder.toString());
    assertEquals(1, bad.exitCode(), bad.err());
    String json = bad.out();
    assertTrue(json.startsWith("{") && json.endsWith("}"), json);
    assertTrue(json.contains("\"files\":2,\"reportsNew\":2,\"reportsNewVersion\":0,"
        + "\"reportsUnchanged\":3,\"reportsRejected\":1"), json);
    assertTrue(json.contains("\"file\":\"bad.zip!/batch/one-bad-report.xml\",\"line\":27,"),
        json);
    assertTrue(json.contains("192.0.2.999"), json);

    assertEquals(5, count("select count(*) from reports"));
    assertEquals(3, count("select count(*) from import_jobs where status = 'DONE'"));
    assertEquals(1, count("select count(*) from import_rejects where status = 'QUARANTINED'"));
    assertEquals(3, count("""
        select count(*) from audit_log
        where action = 'CREATE' and object_type = 'import_job' and actor like 'cli:%'
        """));
    assertEquals(2, count("select count(*) from jobs where kind = 'match-import'"),
        "matching of the new media is queued for the server's worker, once per run that "
            + "stored reports");
    assertEquals(0, count("select count(*) from jobs where kind = 'rematch-media'"),
        "an import does not re-match everything");
  }

  @Test
  void printsTheRejectionsWithFileLineColumnAndField() throws Exception {
    Path copy = Files.createTempFile(home, "one-bad-", ".xml");
    Files.copy(fixture("one-bad-report.xml"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    CliRun.Result run = vigie("import", "reports", "--dry-run", copy.toString());
    assertEquals(1, run.exitCode(), run.err());
    List<String> rejected = run.out().lines().filter(l -> l.startsWith("rejected ")).toList();
    assertEquals(1, rejected.size(), run.out());
    assertTrue(rejected.get(0).matches("rejected .*one-bad-.*\\.xml:27:\\d+ "
        + "cyberTip/\\S*ipCaptureEvent\\S* — .*192\\.0\\.2\\.999.*"), rejected.get(0));
  }

  @Test
  void foldersPickUpJsonLinesAndCsvToo() throws Exception {
    Path examples = Path.of("..", "docs", "examples");
    Path folder = Files.createTempDirectory(home, "vigie-formats-");
    Files.copy(examples.resolve("reports.jsonl"), folder.resolve("a.ndjson"));
    Files.createDirectories(folder.resolve("sub"));
    Files.copy(examples.resolve("reports.csv"), folder.resolve("sub/b.csv"));
    Files.writeString(folder.resolve("bad.jsonl"), "{\"reportId\":\"x\"}\n");

    CliRun.Result run = vigie("import", "reports", "--json", folder.toString());
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.out().contains("\"files\":1,\"reportsNew\":5,\"reportsNewVersion\":0,"
        + "\"reportsUnchanged\":0,\"reportsRejected\":1"), "a folder is one input: "
        + run.out());
    assertTrue(run.out().contains("\"file\":\"" + folder.getFileName() + "/bad.jsonl\","
        + "\"line\":1,\"column\":1,\"field\":\"source.code\",\"reason\":\"missing "
        + "source.code\""), run.out());
    assertEquals(3, count("select count(*) from reports where raw_format = 'JSONL'"));
    assertEquals(2, count("select count(*) from reports where raw_format = 'CSV'"));
    assertTrue(!run.err().contains("\r"), "not a terminal: no bar redrawn in place");

    CliRun.Result again = vigie("import", "reports", folder.resolve("sub").toString());
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("Reports: 0 new, 0 new versions, 2 unchanged, 0 rejected"),
        again.out());
  }

  @Test
  void aMissingPathOrNoPathIsAUsageError() throws IOException {
    assertEquals(2, vigie("import", "reports", home.resolve("nowhere.xml").toString())
        .exitCode());
    assertEquals(2, vigie("import", "reports").exitCode());
    assertEquals(2, vigie("import").exitCode());
  }
}
