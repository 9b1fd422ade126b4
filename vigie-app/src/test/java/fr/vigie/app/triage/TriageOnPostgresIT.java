package fr.vigie.app.triage;

import fr.vigie.app.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

// The background worker is off so that the test alone decides when matching and scoring run.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=" + TriageContract.REPORTS,
        "vigie.jobs.worker-enabled=false"})
@AutoConfigureMockMvc
class TriageOnPostgresIT extends TriageContract {

  @BeforeAll
  static void needsPostgres() {
    TestDatabases.requirePostgres();
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshPostgresSchema(registry);
  }
}
