package fr.vigie.app.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The databases integration tests run on: a fresh H2 file database (always), and a fresh schema
 * on the PostgreSQL server named by {@code VIGIE_TEST_PG_URL} (when set).
 *
 * <p>Without that variable the PostgreSQL tests are skipped with one line saying how to run them;
 * with {@code VIGIE_TEST_STRICT=1} (as in CI) a missing database fails the run instead, so that CI
 * can never pass by skipping.
 */
public final class TestDatabases {

  public static final String PG_URL_VARIABLE = "VIGIE_TEST_PG_URL";

  private TestDatabases() {}

  /** Points Spring at a new, empty H2 file database in PostgreSQL mode, in mixed mode. */
  public static Path useFreshH2(DynamicPropertyRegistry registry) {
    try {
      Path home = Files.createTempDirectory("vigie-it-");
      registry.add("vigie.home", home::toString);
      registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + home.resolve("db/vigie")
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE");
      registry.add("spring.datasource.username", () -> "vigie");
      registry.add("spring.datasource.password", () -> "");
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Points Spring at a new schema on the test PostgreSQL server, or skips (fails under strict
   * mode) when no server is configured.
   */
  public static void useFreshPostgresSchema(DynamicPropertyRegistry registry) {
    String url = requirePostgres();
    String schema = "vigie_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
        .toLowerCase(Locale.ROOT);
    String user = env("VIGIE_TEST_PG_USER", "postgres");
    String password = env("VIGIE_TEST_PG_PASSWORD", "");
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.createStatement().execute("create schema " + schema);
    } catch (SQLException e) {
      fail("cannot create a schema on " + url + " (" + PG_URL_VARIABLE + "): " + e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(url, user, password, schema)));
    String separator = url.contains("?") ? "&" : "?";
    registry.add("spring.datasource.url", () -> url + separator + "currentSchema=" + schema);
    registry.add("spring.datasource.username", () -> user);
    registry.add("spring.datasource.password", () -> password);
    registry.add("spring.flyway.schemas", () -> schema);
    // Spring keeps every test context alive for reuse, each with its pool: small pools that
    // let idle connections go keep the whole suite under the server's 100 connections.
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    registry.add("spring.datasource.hikari.minimum-idle", () -> "0");
    registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
    try {
      Path home = Files.createTempDirectory("vigie-it-pg-");
      registry.add("vigie.home", home::toString);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the PostgreSQL URL, or skips/fails the test as described above. */
  public static String requirePostgres() {
    String url = System.getenv(PG_URL_VARIABLE);
    if (url == null || url.isBlank()) {
      String message = "PostgreSQL tests skipped: set " + PG_URL_VARIABLE
          + "=jdbc:postgresql://127.0.0.1:5432/test (and VIGIE_TEST_PG_USER/PASSWORD) to run them.";
      if (Strictness.strict()) {
        fail(message + " (VIGIE_TEST_STRICT is set: nothing may be skipped)");
      }
      System.out.println(message);
      assumeTrue(false, message);
    }
    return url;
  }

  private static void dropSchema(String url, String user, String password, String schema) {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.createStatement().execute("drop schema if exists " + schema + " cascade");
    } catch (SQLException e) {
      System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }
}
