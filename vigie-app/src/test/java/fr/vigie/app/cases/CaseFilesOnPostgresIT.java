package fr.vigie.app.cases;

import fr.vigie.app.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class CaseFilesOnPostgresIT extends CaseFilesContract {

  @BeforeAll
  static void needsPostgres() {
    TestDatabases.requirePostgres();
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshPostgresSchema(registry);
  }
}
