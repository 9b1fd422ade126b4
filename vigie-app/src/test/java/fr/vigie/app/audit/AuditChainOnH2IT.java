package fr.vigie.app.audit;

import fr.vigie.app.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class AuditChainOnH2IT extends AuditChainContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshH2(registry);
  }

  @Override
  void asTableOwner(String... statements) {
    // H2 has no append-only trigger: the embedded database relies on the chain alone.
    for (String sql : statements) {
      jdbc.sql(sql).update();
    }
  }
}
