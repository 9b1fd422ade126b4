package fr.vigie.app.cli;

import fr.vigie.app.support.TestDatabases;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"vigie.jobs.worker-enabled=false",
        "spring.datasource.hikari.maximum-pool-size=2"})
@DirtiesContext
class ImportKilledOnPostgresIT extends ImportKilledContract {

  private String url;
  private String user;
  private String password;
  private String schema;

  @BeforeAll
  static void needsPostgres() {
    TestDatabases.requirePostgres();
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshPostgresSchema(registry);
  }

  @Override
  Target freshTarget() throws Exception {
    url = TestDatabases.requirePostgres();
    user = env("VIGIE_TEST_PG_USER", "postgres");
    password = env("VIGIE_TEST_PG_PASSWORD", "");
    schema = "vigie_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
        .toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.createStatement().execute("create schema " + schema);
    }
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new Target(schemaUrl, user, password, List.of("VIGIE_DB_URL", schemaUrl,
        "VIGIE_DB_USER", user, "VIGIE_DB_PASSWORD", password, "SPRING_FLYWAY_SCHEMAS", schema),
        Files.createDirectories(temp.resolve("child-home")), () -> true);
  }

  @AfterEach
  void dropSchema() throws Exception {
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        c.createStatement().execute("drop schema if exists " + schema + " cascade");
      }
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }
}
