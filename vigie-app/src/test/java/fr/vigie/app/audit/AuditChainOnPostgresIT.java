package fr.vigie.app.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class AuditChainOnPostgresIT extends AuditChainContract {

  @BeforeAll
  static void needsPostgres() {
    TestDatabases.requirePostgres();
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshPostgresSchema(registry);
  }

  @Override
  void asTableOwner(String... statements) {
    // Only the table's owner (here the test's superuser) may set the triggers aside.
    jdbc.sql("alter table audit_log disable trigger user").update();
    try {
      for (String sql : statements) {
        jdbc.sql(sql).update();
      }
    } finally {
      jdbc.sql("alter table audit_log enable trigger user").update();
    }
  }

  @Test
  void theDatabaseRefusesToChangeOrRemoveAnEntry() {
    audit.record(AuditEvent.of("analyste", "ANALYST", AuditAction.READ, "suspect", 7, null,
        "203.0.113.5"));
    for (String sql : new String[] {
        "update audit_log set actor = 'quelquun' where id = 1",
        "delete from audit_log where id = 1",
        "truncate audit_log"}) {
      DataAccessException refused = assertThrows(DataAccessException.class,
          () -> jdbc.sql(sql).update(), sql);
      assertTrue(refused.getMostSpecificCause().getMessage().contains("audit_log is append-only"),
          sql + ": " + refused.getMostSpecificCause().getMessage());
    }
    assertEquals("analyste", jdbc.sql("select actor from audit_log where id = 1")
        .query(String.class).single());
    assertEquals(new ChainVerification.Intact(1), audit.verify());
  }

  @Test
  void appliesThePostgresOnlyMigration() {
    assertEquals(1, jdbc.sql("""
            select count(*) from flyway_schema_history
            where script = 'V4__audit_append_only.sql' and success
            """).query(Long.class).single());
  }
}
