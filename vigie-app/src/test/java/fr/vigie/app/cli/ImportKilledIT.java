package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fr.vigie.app.intake.ImportSummary;
import fr.vigie.app.intake.ReportImport;
import fr.vigie.app.support.GeneratedTips;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.postgres.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code vigie import reports} killed with SIGKILL in the middle ({@link Process#destroyForcibly})
 * and run again ends in exactly the state one clean run gives (done here, in-process, on the
 * test's own fresh database): same reports, versions, persons, identifiers, IP events, media and
 * content hashes; the killed run's job is marked FAILED as interrupted by the rerun.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"vigie.jobs.worker-enabled=false",
        "spring.datasource.hikari.maximum-pool-size=2"})
@DirtiesContext
class ImportKilledIT {

  static final int REPORTS = 3000;

  @Autowired
  ReportImport importer;

  @Autowired
  JdbcClient jdbc;

  @TempDir
  Path temp;

  private Target target;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @AfterEach
  void giveBackTheChildsServer() {
    if (target != null) {
      target.close();
    }
  }

  /**
   * The child's data folder, whose embedded server the child starts as {@code ./vigie} does;
   * once it runs, this test joins it with a lease of its own (which also keeps it up between
   * the killed run and the rerun, as any other Vigie process of the folder would).
   */
  static final class Target implements AutoCloseable {

    final Path home;
    private EmbeddedPostgres lease;

    Target(Path home) {
      this.home = home;
    }

    /** Whether the child has started the server (this test never creates it). */
    boolean ready() {
      return lease != null || Files.exists(home.resolve("pg/data/postmaster.pid"));
    }

    Connection connect() throws SQLException {
      if (lease == null) {
        lease = EmbeddedPostgres.open(home.resolve("pg"));
      }
      return DriverManager.getConnection(lease.jdbcUrl(), lease.user(), lease.password());
    }

    @Override
    public void close() {
      if (lease != null) {
        lease.close();
      }
    }
  }

  @Test
  void killedMidwayThenRunAgainEndsAsOneCleanRun() throws Exception {
    Path file = GeneratedTips.write(temp.resolve("tips.xml"), REPORTS, 9_000_000, 11,
        "ExampleChat");
    target = new Target(Files.createDirectories(temp.resolve("child-home")));

    Process first = start(target, file, temp.resolve("first.log"));
    long seen = 0;
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (seen < 100) {
        if (!first.isAlive()) {
          fail("the import ended before it could be killed: "
              + Files.readString(temp.resolve("first.log")));
        }
        if (System.nanoTime() > deadline) {
          fail("no report stored after 5 minutes");
        }
        Thread.sleep(50);
        seen = reportsIn(target);
      }
    } finally {
      first.destroyForcibly();
      first.waitFor(1, TimeUnit.MINUTES);
    }
    Map<String, String> afterKill = fingerprint(target);
    long stored = Long.parseLong(afterKill.get("reports").split(" ")[0]);
    // Committed batches survive the kill; the half-written one is gone with its transaction.
    assertTrue(stored < REPORTS, "killed with " + stored + " reports stored");
    assertEquals(0, stored % 50, "whole batches only: " + stored);
    // The killed run is on the record: who started it on which file, and what went in.
    try (Connection c = target.connect()) {
      List<String> audit = rows(c, "select action, outcome, actor_role, detail from audit_log"
          + " where object_type = 'import_job' and object_id = (select min(id)::text from"
          + " import_jobs) order by id");
      assertTrue(audit.size() >= 2, audit.toString());
      assertTrue(audit.getFirst().startsWith("CREATE|STARTED|CLI|started: " + file)
          && audit.getFirst().contains("source NCMEC"), audit.getFirst());
      String last = audit.getLast();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(
          "UPDATE\\|SUCCESS\\|CLI\\|batch \\d+ committed: .*; so far (\\d+) read, (\\d+) new,.*")
          .matcher(last);
      assertTrue(m.matches(), "the last entry is the last committed batch: " + last);
      assertEquals(stored, Long.parseLong(m.group(2)), "the record says what went in");
    }

    Process second = start(target, file, temp.resolve("second.log"));
    assertTrue(second.waitFor(10, TimeUnit.MINUTES), "the rerun did not finish");
    String log = Files.readString(temp.resolve("second.log"));
    assertEquals(0, second.exitValue(), log);

    ImportSummary clean = importer.importFile(file, "test:clean", false, new LongAdder());
    assertEquals(REPORTS, clean.created());
    Map<String, String> expected = fingerprint(jdbc);
    Map<String, String> actual = fingerprint(target);
    assertEquals(expected, actual);
    try (Connection c = target.connect()) {
      List<String> jobs = rows(c, "select status, coalesce(last_error, '-'), records_new,"
          + " records_unchanged from import_jobs order by id");
      assertEquals(2, jobs.size(), jobs.toString());
      assertTrue(jobs.get(0).startsWith("FAILED|interrupted: process "), jobs.toString());
      assertEquals("DONE|-|" + (REPORTS - stored) + "|" + stored, jobs.get(1));
    }
  }

  private Process start(Target target, Path file, Path log) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx256m",
        "-Dvigie.intake.batch-size=50",
        "-cp", System.getProperty("java.class.path"),
        VigieCommand.class.getName(), "import", "reports", file.toString(),
        "--home", target.home.toString()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().remove("VIGIE_DB_URL");
    return pb.start();
  }

  private long reportsIn(Target target) {
    if (!target.ready()) {
      return 0;
    }
    try (Connection c = target.connect();
         ResultSet rs = c.createStatement().executeQuery("select count(*) from reports")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      return 0; // not created yet, or the database is still opening
    }
  }

  /** What the end state is made of, by table: row count and a digest of the sorted rows. */
  static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put("reports", "select external_id, version, status, content_sha256, incident_type,"
        + " incident_at, incident_offset, received_at, platform, high_priority, raw_format"
        + " from reports");
    QUERIES.put("report_persons", "select r.external_id, r.version, p.role, p.first_name,"
        + " p.last_name, p.date_of_birth, p.age from report_persons p join reports r"
        + " on r.id = p.report_id");
    QUERIES.put("reported_identifiers", "select r.external_id, r.version, i.kind, i.platform,"
        + " i.original_value, i.normalized_value, i.canonical_key, p.first_name"
        + " from reported_identifiers i join reports r on r.id = i.report_id"
        + " left join report_persons p on p.id = i.person_id");
    QUERIES.put("ip_events", "select r.external_id, r.version, e.ip_original, e.ip, e.port,"
        + " e.occurred_at, e.original_offset, e.offset_missing, e.event_name from ip_events e"
        + " join reports r on r.id = e.report_id");
    QUERIES.put("media", "select r.external_id, r.version, m.file_name, m.md5, m.sha1, m.sha256"
        + " from media m join reports r on r.id = m.report_id");
    QUERIES.put("victim_hints", "select r.external_id, h.kind, h.description from victim_hints h"
        + " join reports r on r.id = h.report_id");
    QUERIES.put("import_rejects", "select field, reason from import_rejects");
  }

  static Map<String, String> fingerprint(Target target) throws Exception {
    try (Connection c = target.connect()) {
      Map<String, String> out = new LinkedHashMap<>();
      for (var q : QUERIES.entrySet()) {
        out.put(q.getKey(), digest(rows(c, q.getValue())));
      }
      return out;
    }
  }

  static Map<String, String> fingerprint(JdbcClient jdbc) {
    Map<String, String> out = new LinkedHashMap<>();
    for (var q : QUERIES.entrySet()) {
      out.put(q.getKey(), digest(jdbc.sql(q.getValue()).query((rs, n) -> row(rs)).list()));
    }
    return out;
  }

  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        rows.add(row(rs));
      }
    }
    return rows;
  }

  private static String row(ResultSet rs) throws SQLException {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
      b.append(i == 1 ? "" : "|").append(rs.getString(i));
    }
    return b.toString();
  }

  private static String digest(List<String> rows) {
    try {
      List<String> sorted = new ArrayList<>(rows);
      sorted.sort(null);
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String r : sorted) {
        md.update(r.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      return rows.size() + " " + HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
