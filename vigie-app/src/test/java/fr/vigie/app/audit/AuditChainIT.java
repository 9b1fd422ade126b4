package fr.vigie.app.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.audit.internal.AuditChain;
import fr.vigie.app.support.TestDatabases;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit chain on a real database: what verification finds after each kind of tampering done
 * directly in SQL, and what concurrent appends produce. Run once per database by the subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class AuditChainIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  @Autowired
  AuditLog audit;

  @Autowired
  JdbcClient jdbc;


  @BeforeEach
  void startFromAnEmptyLog() {
    asTableOwner("delete from audit_log");
    jdbc.sql("update audit_head set last_id = 0, last_sha256 = ? where id = 1")
        .param(AuditChain.GENESIS).update();
  }

  private void recordFive() {
    for (int i = 1; i <= 5; i++) {
      audit.record(AuditEvent.of("enqueteur" + i, "INVESTIGATOR", AuditAction.READ, "suspect",
          100 + i, 3L, "192.0.2." + i));
    }
  }

  @Test
  void anUntouchedChainIsIntact() {
    recordFive();
    assertEquals(new ChainVerification.Intact(5), audit.verify());
  }

  @Test
  void anEmptyLogIsIntact() {
    assertEquals(new ChainVerification.Intact(0), audit.verify());
  }

  @Test
  void findsAnEntryWhoseActorWasChanged() {
    recordFive();
    asTableOwner("update audit_log set actor = 'quelquun' where id = 3");
    ChainVerification.Broken broken = assertInstanceOf(ChainVerification.Broken.class,
        audit.verify());
    assertEquals(3, broken.entryId());
    assertEquals(2, broken.verifiedBefore());
    assertTrue(broken.reason().contains("does not match its hash"), broken.reason());
  }

  @Test
  void findsAnEntryRemovedFromTheMiddle() {
    recordFive();
    asTableOwner("delete from audit_log where id = 3");
    assertEquals(new ChainVerification.Broken(3, 2, "entry 3 is missing (next found: 4)"),
        audit.verify());
  }

  @Test
  void findsTheLastEntryRemoved() {
    recordFive();
    asTableOwner("delete from audit_log where id = 5");
    ChainVerification.Broken broken = assertInstanceOf(ChainVerification.Broken.class,
        audit.verify());
    assertEquals(5, broken.entryId());
    assertEquals(4, broken.verifiedBefore());
    assertTrue(broken.reason().contains("ends at entry 4"), broken.reason());
  }

  @Test
  void findsAnAlteredPreviousHash() {
    recordFive();
    asTableOwner("update audit_log set prev_sha256 = '" + "ab".repeat(32) + "' where id = 4");
    assertEquals(new ChainVerification.Broken(4, 3, "previous-hash link does not match entry 3"),
        audit.verify());
  }

  @Test
  void findsAnEditWhoseOwnHashWasRecomputedAtTheNextLink() {
    recordFive();
    // A careful forger rewrites entry 2 and its hash; entry 3 still names the old hash.
    AuditEntry second = jdbc.sql("select occurred_at from audit_log where id = 2")
        .query((rs, n) -> new AuditEntry(2, fr.vigie.app.storage.Timestamps.instant(rs,
            "occurred_at"), null, null, null)).single();
    String prev = jdbc.sql("select prev_sha256 from audit_log where id = 2").query(String.class)
        .single();
    AuditEvent forged = AuditEvent.of("personne", "INVESTIGATOR", AuditAction.READ, "suspect",
        102, 3L, "192.0.2.2");
    String forgedHash = AuditChain.entryHash(2, second.occurredAt(), forged, prev);
    asTableOwner("update audit_log set actor = 'personne', entry_sha256 = '" + forgedHash
        + "' where id = 2");
    assertEquals(new ChainVerification.Broken(3, 2, "previous-hash link does not match entry 2"),
        audit.verify());
  }

  @Test
  void concurrentAppendsMakeOneGaplessVerifiableChain() throws Exception {
    int threads = 6;
    int each = 30;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    try {
      for (int t = 0; t < threads; t++) {
        String actor = "thread" + t;
        pool.submit(() -> {
          try {
            start.await();
            for (int i = 0; i < each; i++) {
              audit.record(AuditEvent.of(actor, "ANALYST", AuditAction.READ, "report", i, null,
                  "198.51.100.9"));
            }
          } catch (Throwable e) {
            failures.add(e);
          }
          return null;
        });
      }
      start.countDown();
      pool.shutdown();
      assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS), "appends did not finish");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), List.copyOf(failures));
    long total = (long) threads * each;
    assertEquals(List.of(total, 1L, total), jdbc.sql(
            "select count(*), min(id), max(id) from audit_log")
        .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single(),
        "count, first and last id: no gap, no duplicate");
    for (int t = 0; t < threads; t++) {
      assertEquals(each, jdbc.sql("select count(*) from audit_log where actor = ?")
          .param("thread" + t).query(Long.class).single());
    }
    assertEquals(new ChainVerification.Intact(total), audit.verify());
  }

  /**
   * Runs statements the application itself may not run (changing or removing entries), as the
   * table's owner would: only the owner (here the test's superuser) may set the append-only
   * triggers aside.
   */
  void asTableOwner(String... statements) {
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
  void appliesTheAppendOnlyMigration() {
    assertEquals(1, jdbc.sql("""
            select count(*) from flyway_schema_history
            where script = 'V4__audit_append_only.sql' and success
            """).query(Long.class).single());
  }
}
