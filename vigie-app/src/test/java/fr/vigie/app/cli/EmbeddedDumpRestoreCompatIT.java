package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.TestDatabases;
import fr.vigie.testing.Strictness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The way from the embedded database to a server of one's own (docs/operations.md, "Moving to
 * a PostgreSQL server"): a seeded embedded database dumped by {@code vigie database dump},
 * restored by {@code psql} into an empty database of the test server (PostgreSQL 15 in CI, the
 * oldest version supported), then read there by Vigie: every table's rows equal, the same
 * schema version, an intact audit chain.
 *
 * <p>Not part of {@code ./vigie test}: it needs {@code pg_dump} 18 ({@code VIGIE_TEST_PG_DUMP})
 * and {@code psql}, which a fresh machine lacks. CI builds that pg_dump and runs this class with
 * the end-to-end contract against the machine's PostgreSQL 15 ({@code .ci/run}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=300",
        "vigie.jobs.worker-enabled=false"})
class EmbeddedDumpRestoreCompatIT {

  static Path home;

  @Autowired
  JdbcClient jdbc;

  @TempDir
  Path temp;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useEmbeddedHome(registry);
  }

  @Test
  void aDumpOfTheEmbeddedDatabaseRestoresIntoAServerWithEveryRowAndAnIntactChain()
      throws Exception {
    String pgDump = System.getenv("VIGIE_TEST_PG_DUMP");
    Strictness.require(pgDump != null && !pgDump.isBlank(),
        "set VIGIE_TEST_PG_DUMP to a pg_dump of PostgreSQL 18 (postgresql-client-18)");
    Path dump = temp.resolve("vigie.sql");

    CliRun.Result dumped = CliRun.vigie(home, "database", "dump", "--out", dump.toString(),
        "--pg-dump", pgDump);
    assertEquals(0, dumped.exitCode(), dumped.err());
    assertTrue(dumped.out().contains("the embedded PostgreSQL 18."), dumped.out());

    TestDatabases.Server server = TestDatabases.server();
    String database = "vigie_restore_" + UUID.randomUUID().toString().substring(0, 8)
        .toLowerCase(Locale.ROOT);
    try (Connection c = server.connect()) {
      c.createStatement().execute("create database " + database);
    }
    String url = server.url().replaceFirst("/[^/?]+(\\?.*)?$", "/" + database);
    try {
      ProcessResult restore = run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
          "--single-transaction", "-f", dump.toString(), "--dbname",
          psqlConnectionString(url, server)), Map.of("PGPASSWORD", server.password()));
      assertEquals(0, restore.exit(), restore.output());

      try (Connection restored = DriverManager.getConnection(url, server.user(),
          server.password())) {
        for (String table : tables()) {
          assertEquals(fingerprint(jdbc, table), fingerprint(restored, table), table);
        }
      }

      Map<String, String> env = Map.of("VIGIE_DB_URL", url, "VIGIE_DB_USER", server.user(),
          "VIGIE_DB_PASSWORD", server.password(), "VIGIE_HOME", temp.resolve("home").toString());
      ProcessResult verify = vigie(env, "audit", "verify");
      assertEquals(0, verify.exit(), verify.output());
      assertTrue(verify.output().contains("intact"), verify.output());
      ProcessResult status = vigie(env, "status");
      assertEquals(0, status.exit(), status.output());
      assertTrue(status.output().contains("reports:         300"), status.output());
      assertTrue(status.output().contains("schema version:  " + jdbc.sql("""
          select version from flyway_schema_history
          where success order by installed_rank desc limit 1""").query(String.class).single()),
          status.output());
    } finally {
      try (Connection c = server.connect()) {
        c.createStatement().execute("drop database if exists " + database + " with (force)");
      }
    }
  }

  private List<String> tables() {
    return jdbc.sql("""
        select table_name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'
        order by table_name""").query(String.class).list();
  }

  /** Row count and the sorted rows as text, so that two databases can be compared. */
  private static String fingerprint(JdbcClient jdbc, String table) {
    List<String> rows = jdbc.sql("select t::text from " + table + " t").query(String.class)
        .list();
    return digest(rows);
  }

  private static String fingerprint(Connection c, String table) throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery("select t::text from " + table + " t")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return digest(rows);
  }

  private static String digest(List<String> rows) {
    List<String> sorted = new ArrayList<>(rows);
    sorted.sort(null);
    return rows.size() + " rows, " + Integer.toHexString(String.join("\n", sorted).hashCode());
  }

  private static String psqlConnectionString(String jdbcUrl, TestDatabases.Server server) {
    // jdbc:postgresql://host:port/db?… → host, port, db for libpq.
    var m = java.util.regex.Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+)")
        .matcher(jdbcUrl);
    assertTrue(m.find(), jdbcUrl);
    return "host=" + m.group(1) + " port=" + (m.group(2) == null ? "5432" : m.group(2))
        + " dbname=" + m.group(3) + " user=" + server.user();
  }

  record ProcessResult(int exit, String output) {}

  private static ProcessResult vigie(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), VigieCommand.class.getName()));
    command.addAll(List.of(args));
    return run(command, env);
  }

  private static ProcessResult run(List<String> command, Map<String, String> env)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(new LinkedHashMap<>(env));
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), command + " did not finish");
    return new ProcessResult(p.exitValue(), output);
  }
}
