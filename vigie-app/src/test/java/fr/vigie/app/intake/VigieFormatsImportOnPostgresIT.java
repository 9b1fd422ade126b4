package fr.vigie.app.intake;

import fr.vigie.app.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

// A small pool, closed after the class: every cached PostgreSQL context holds its connections,
// and the suite's contexts together must stay under the server's max_connections (100).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"vigie.jobs.worker-enabled=false",
        "spring.datasource.hikari.maximum-pool-size=3"})
@DirtiesContext
class VigieFormatsImportOnPostgresIT extends VigieFormatsImportContract {

  @BeforeAll
  static void needsPostgres() {
    TestDatabases.requirePostgres();
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshPostgresSchema(registry);
  }
}
