package fr.vigie.app.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.GeneratedTips;
import fr.vigie.app.support.IntakeIntegrity;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.formats.cybertip.CyberTipFiles;
import fr.vigie.formats.cybertip.CyberTipOutcome;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
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
 * Reports written a batch at a time (the ITs set {@code vigie.intake.batch-size=50}) keep every
 * guarantee of one report at a time: a report id met twice in one batch, a value the database
 * refuses in the middle of a batch, reruns, two imports of the same reports at the same moment,
 * and jobs left RUNNING by a dead process.
 */
// A small pool, closed after the class (see ReportImportOnPostgresIT); the concurrency test needs
// one connection per import.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"vigie.jobs.worker-enabled=false", "vigie.intake.batch-size=50",
        "spring.datasource.hikari.maximum-pool-size=3"})
@DirtiesContext
class ReportBatchingIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  @Autowired
  ReportImport importer;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  Clock clock;

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

  ImportSummary run(Path file) throws Exception {
    return importer.importFile(file, "test:analyste", false, new LongAdder());
  }

  long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  static List<CyberTipOutcome> read(Path file) throws Exception {
    try (Stream<CyberTipOutcome> s = CyberTipFiles.read(file)) {
      return s.toList();
    }
  }

  @Test
  void aReportIdTwiceInOneBatchIsUnchangedOrANewVersionAsIfMetInTwo() throws Exception {
    Path original = ReportImportIT.fixture("three-reports.xml");
    Path changed = temp.resolve("changed.xml");
    Files.writeString(changed, Files.readString(original)
        .replace("<platform>ExampleShare</platform>", "<platform>ExampleShare v2</platform>"));
    List<CyberTipOutcome> first = read(original);
    List<CyberTipOutcome> second = read(changed);
    List<CyberTipOutcome> records = new ArrayList<>(first);
    records.add(first.get(0));
    records.add(second.get(1));
    records.add(second.get(1));

    ImportSummary s = importer.importRecords("twice.xml", records.stream(), "test:analyste");

    assertEquals(6, s.read());
    assertEquals(3, s.created());
    assertEquals(1, s.newVersions());
    assertEquals(2, s.unchanged());
    assertEquals(List.of("1 SUPERSEDED ExampleShare", "2 NEW ExampleShare v2"), jdbc.sql("""
        select version, status, platform from reports where external_id = '150100002'
        order by version
        """).query((rs, n) -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3))
        .list());
    assertEquals(4, count("select count(*) from reports"));
    assertEquals(1, count("select count(*) from reports where external_id = '150100001'"));
  }

  /** The audit entries of one import job, oldest first: action, outcome, role, address, detail. */
  List<List<String>> auditOfJob(long jobId) {
    return jdbc.sql("""
        select action, outcome, actor, actor_role, client_address, detail from audit_log
        where object_type = 'import_job' and object_id = ? order by id
        """).param(Long.toString(jobId))
        .query((rs, n) -> java.util.Arrays.asList(rs.getString("action"), rs.getString("outcome"),
            rs.getString("actor"), rs.getString("actor_role"), rs.getString("client_address"),
            rs.getString("detail")))
        .list();
  }

  @Test
  void anImportIsOnTheRecordAsItStartsAtEachCommittedBatchAndAtTheEnd() throws Exception {
    Path file = GeneratedTips.write(temp.resolve("lot-audit.xml"), 120, 7_500_000, 3,
        "ExampleChat");
    ImportSummary s = run(file);
    List<List<String>> entries = auditOfJob(s.jobId());
    String host = fr.vigie.app.audit.AuditActor.commandLine("test:analyste").clientAddress();
    assertTrue(host != null && !host.isBlank(), "the command line names its host");
    for (List<String> e : entries) {
      assertEquals(java.util.Arrays.asList("test:analyste", "CLI", host), e.subList(2, 5),
          "who, in which role, from where: " + e);
    }
    List<String> started = entries.getFirst();
    assertEquals(List.of("CREATE", "STARTED"), started.subList(0, 2), entries.toString());
    String detail = started.get(5);
    assertTrue(detail.contains(file.toString()) && detail.contains("sha256 ")
        && detail.contains("CYBERTIP_XML") && detail.contains("source NCMEC")
        && detail.contains("origin CLI"), detail);
    List<String> finished = entries.getLast();
    assertEquals(List.of("UPDATE", "SUCCESS"), finished.subList(0, 2), entries.toString());
    assertTrue(finished.get(5).startsWith("finished: reports from " + file + ": 120 new"),
        finished.get(5));
    List<List<String>> batches = entries.subList(1, entries.size() - 1);
    assertTrue(batches.size() >= 3, "120 reports in batches of at most 50: " + entries);
    java.util.regex.Pattern batch = java.util.regex.Pattern.compile(
        "batch (\\d+) committed: (\\d+) read, (\\d+) new, .*; so far (\\d+) read, (\\d+) new,"
            + ".*; sources NCMEC");
    long sum = 0;
    for (int i = 0; i < batches.size(); i++) {
      assertEquals(List.of("UPDATE", "SUCCESS"), batches.get(i).subList(0, 2));
      java.util.regex.Matcher m = batch.matcher(batches.get(i).get(5));
      assertTrue(m.matches(), batches.get(i).get(5));
      assertEquals(i + 1, Integer.parseInt(m.group(1)));
      sum += Long.parseLong(m.group(2));
      assertEquals(sum, Long.parseLong(m.group(4)), "the running total of what went in");
    }
    assertEquals(120, sum);
  }

  @Test
  void aValueTheDatabaseRefusesQuarantinesThatReportAndTheRestOfItsBatchGoesIn()
      throws Exception {
    Path file = GeneratedTips.write(temp.resolve("tips.xml"), 120, 7_000_000, 1, "ExampleChat");
    String xml = Files.readString(file);
    int at = xml.indexOf("<platform>", xml.indexOf("reportId=\"7000060\""));
    // platform is varchar(200): the reader accepts it, the database refuses it.
    Files.writeString(file, xml.substring(0, at) + "<platform>" + "x".repeat(300)
        + xml.substring(at + "<platform>ExampleChat".length()));

    ImportSummary s = run(file);

    assertEquals(120, s.read());
    assertEquals(119, s.created());
    assertEquals(1, s.rejected());
    assertTrue(s.rejections().get(0).reason().contains("7000060"), s.rejections().toString());
    assertEquals(119, count("select count(*) from reports"));
    assertEquals(0, count("select count(*) from reports where external_id = '7000060'"));
    assertEquals(1, count("select count(*) from reports where external_id = '7000059'"));
    assertEquals(1, count("select count(*) from reports where external_id = '7000061'"));
    byte[] raw = jdbc.sql("select raw_record from import_rejects").query(byte[].class).single();
    String quarantined = new String(new GZIPInputStream(new ByteArrayInputStream(raw))
        .readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(quarantined.contains("reportId=\"7000060\""));
    assertEquals(List.of("DONE 120 119 1"), jdbc.sql("""
        select status, records_read, records_new, records_rejected from import_jobs
        """).query((rs, n) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " "
            + rs.getLong(4)).list());
    // Every stored report has all its rows: the batch that failed was rewritten whole.
    assertEquals(s.media(), count("select count(*) from media"));
    assertEquals(s.ipEvents(), count("select count(*) from ip_events"));
    assertEquals(s.identifiers(), count("select count(*) from reported_identifiers"));
  }

  @Test
  void importingManyBatchesAgainChangesNothing() throws Exception {
    Path file = GeneratedTips.write(temp.resolve("tips.xml"), 130, 7_100_000, 2, "ExampleChat");
    ImportSummary first = run(file);
    long media = count("select count(*) from media");

    ImportSummary again = run(file);

    assertEquals(130, first.created());
    assertEquals(first.media(), media);
    assertEquals(130, again.unchanged());
    assertEquals(0, again.created() + again.newVersions() + again.rejected());
    assertEquals(130, count("select count(*) from reports"));
    assertEquals(media, count("select count(*) from media"));
    assertEquals(first.persons(), count("select count(*) from report_persons"));
  }

  @Test
  void twoImportsOfTheSameReportsAtOnceStoreEachReportOnce() throws Exception {
    Path file = GeneratedTips.write(temp.resolve("tips.xml"), 300, 7_200_000, 3, "ExampleChat");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<ImportSummary>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(pool.submit(() -> {
          go.await();
          return run(file);
        }));
      }
      go.countDown();
      ImportSummary a = runs.get(0).get(5, TimeUnit.MINUTES);
      ImportSummary b = runs.get(1).get(5, TimeUnit.MINUTES);

      assertEquals(300, a.created() + b.created(), a + " / " + b);
      assertEquals(300, a.unchanged() + b.unchanged());
      assertEquals(0, a.newVersions() + b.newVersions() + a.rejected() + b.rejected());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(300, count("select count(*) from reports"));
    assertEquals(0, count("select count(*) from reports where version <> 1"));
    assertEquals(300, count("select count(distinct external_id) from reports"));
    assertEquals(0, count("""
        select count(*) from (select report_id, file_name from media
          group by report_id, file_name having count(*) > 1) d
        """));
  }

  @Test
  void jobsLeftRunningByADeadProcessAreMarkedInterruptedByTheNextImport() throws Exception {
    Instant now = clock.instant();
    Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-version").redirectErrorStream(true).start();
    gone.getInputStream().readAllBytes();
    gone.waitFor();
    String host = ReportImport.RUNNER.substring(0, ReportImport.RUNNER.lastIndexOf('/'));
    long staleElsewhere = running("node-b.example/123", now.minus(Duration.ofHours(1)));
    long aliveElsewhere = running("node-b.example/456", now.minusSeconds(20));
    long deadHere = running(host + "/" + gone.pid(), now.minusSeconds(20));
    long aliveHere = running(host + "/" + ProcessHandle.current().pid(), now.minusSeconds(20));

    run(ReportImportIT.fixture("three-reports.xml"));

    assertEquals("FAILED", status(staleElsewhere));
    assertEquals("RUNNING", status(aliveElsewhere));
    assertEquals("FAILED", status(deadHere));
    // This very process: the job it names is the one asking, never marked.
    assertEquals("RUNNING", status(aliveHere));
    assertTrue(lastError(staleElsewhere).startsWith("interrupted: no heartbeat since"),
        lastError(staleElsewhere));
    assertTrue(lastError(deadHere).startsWith("interrupted: process " + host + "/"),
        lastError(deadHere));
  }

  long running(String runner, Instant heartbeat) {
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("""
        insert into import_jobs (kind, origin, input_name, input_sha256, status, requested_by,
          created_at, started_at, heartbeat_at, runner)
        values ('REPORTS', 'CLI', 'old.xml', 'ab', 'RUNNING', 'test', ?, ?, ?, ?)
        """).params(heartbeat.atOffset(ZoneOffset.UTC), heartbeat.atOffset(ZoneOffset.UTC),
            heartbeat.atOffset(ZoneOffset.UTC), runner).update(keys, "id");
    return keys.getKey().longValue();
  }

  String status(long job) {
    return jdbc.sql("select status from import_jobs where id = ?").param(job)
        .query(String.class).single();
  }

  String lastError(long job) {
    return jdbc.sql("select last_error from import_jobs where id = ?").param(job)
        .query(String.class).single();
  }
}
