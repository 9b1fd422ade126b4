package fr.vigie.app.intake;

import fr.vigie.app.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

// A small pool, closed after the class (see ReportImportOnPostgresIT); the concurrency test needs
// one connection per import.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"vigie.jobs.worker-enabled=false", "vigie.intake.batch-size=50",
        "spring.datasource.hikari.maximum-pool-size=3"})
@DirtiesContext
class ReportBatchingOnPostgresIT extends ReportBatchingContract {

  @BeforeAll
  static void needsPostgres() {
    TestDatabases.requirePostgres();
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshPostgresSchema(registry);
  }
}
