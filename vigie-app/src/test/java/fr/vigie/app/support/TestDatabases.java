package fr.vigie.app.support;

import static org.junit.jupiter.api.Assertions.fail;

import fr.vigie.postgres.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL the integration tests run on: one server per test JVM, and a fresh schema on it
 * for each Spring context.
 *
 * <p>The server is Vigie's own embedded PostgreSQL 18, started in a temporary folder the first
 * time a test needs it and stopped when the JVM ends; nothing needs to be installed or set. With
 * {@code VIGIE_TEST_PG_URL} (and {@code VIGIE_TEST_PG_USER}, {@code VIGIE_TEST_PG_PASSWORD}) the
 * tests use that server instead, as CI does once more with the oldest server version supported.
 *
 * <p>Tests of the commands, which open the embedded server of a data folder themselves as
 * {@code ./vigie} does, use {@link #useEmbeddedHome} instead: the context and the commands then
 * share that folder's server exactly as the product's processes do.
 */
public final class TestDatabases {

  public static final String PG_URL_VARIABLE = "VIGIE_TEST_PG_URL";

  private TestDatabases() {}

  /** Where the JVM's test server is, and who may create schemas on it. */
  public record Server(String url, String user, String password) {

    /** A JDBC connection to the server's database (for set-up the tests do themselves). */
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    /** The URL of {@code schema} on this server. */
    public String urlOf(String schema) {
      return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Creates a new, empty schema with a name of its own, and returns its name. */
    public String createSchema(String prefix) {
      String schema = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
          .toLowerCase(Locale.ROOT);
      try (Connection c = connect()) {
        c.createStatement().execute("create schema " + schema);
      } catch (SQLException e) {
        fail("cannot create a schema on " + url + ": " + e.getMessage());
      }
      return schema;
    }

    public void dropSchema(String schema) {
      try (Connection c = connect()) {
        c.createStatement().execute("drop schema if exists " + schema + " cascade");
      } catch (SQLException e) {
        System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
      }
    }
  }

  /** The JVM's test server, started on first use. */
  public static Server server() {
    return Shared.SERVER;
  }

  /**
   * Points Spring at a new, empty schema on the JVM's test server, with a data folder of its own;
   * returns that folder.
   */
  public static Path useFreshDatabase(DynamicPropertyRegistry registry) {
    Server server = server();
    String schema = server.createSchema("vigie_it_");
    if (Shared.EXTERNAL) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> server.dropSchema(schema)));
    }
    registry.add("spring.datasource.url", () -> server.urlOf(schema));
    registry.add("spring.datasource.username", server::user);
    registry.add("spring.datasource.password", server::password);
    registry.add("spring.flyway.schemas", () -> schema);
    // Spring keeps every test context alive for reuse, each with its pool: small pools that
    // let idle connections go keep the whole suite well under the server's connections.
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    registry.add("spring.datasource.hikari.minimum-idle", () -> "0");
    registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
    Path home = temporaryHome("vigie-it-");
    registry.add("vigie.home", home::toString);
    return home;
  }

  /**
   * Gives Spring a new data folder and no database URL: the application opens that folder's
   * embedded PostgreSQL itself, as {@code ./vigie} does, and commands run on the same folder
   * share it. Returns the folder.
   */
  public static Path useEmbeddedHome(DynamicPropertyRegistry registry) {
    Path home = temporaryHome("vigie-home-");
    registry.add("vigie.home", home::toString);
    registry.add("spring.datasource.url", () -> "");
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    registry.add("spring.datasource.hikari.minimum-idle", () -> "0");
    return home;
  }

  private static Path temporaryHome(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server, made once per JVM (holder idiom: started on first use, thread-safe). */
  private static final class Shared {

    static final boolean EXTERNAL = !blank(System.getenv(PG_URL_VARIABLE));
    static final Server SERVER = EXTERNAL ? external() : embedded();

    private static Server external() {
      return new Server(System.getenv(PG_URL_VARIABLE), env("VIGIE_TEST_PG_USER", "postgres"),
          env("VIGIE_TEST_PG_PASSWORD", ""));
    }

    /**
     * Vigie's embedded server in a temporary folder, tuned for throw-away data: no fsync, no
     * waiting for commits to reach the disk, room for every cached context's pool.
     */
    private static Server embedded() {
      Path folder = temporaryHome("vigie-test-pg-").resolve("pg");
      EmbeddedPostgres pg = EmbeddedPostgres.open(folder, EmbeddedPostgres.Settings.defaults()
          .with(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off",
              "max_connections", "400")));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        pg.close();
        try (var tree = Files.walk(folder.getParent())) {
          tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
          System.err.println("could not remove " + folder.getParent() + ": " + e.getMessage());
        }
      }, "test-postgres-stop"));
      return new Server(pg.jdbcUrl(), pg.user(), pg.password());
    }

    private static boolean blank(String s) {
      return s == null || s.isBlank();
    }

    private static String env(String name, String fallback) {
      String value = System.getenv(name);
      return value == null ? fallback : value;
    }
  }
}
