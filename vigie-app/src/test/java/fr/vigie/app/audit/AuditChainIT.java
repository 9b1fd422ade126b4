package fr.vigie.app.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.audit.internal.AuditChain;
import fr.vigie.app.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit chain on a real database: what verification finds after each kind of tampering done
 * directly in SQL, and what concurrent appends produce. Run once per database by the subclasses.
 */
// A checkpoint every 4 entries, so that five entries have two: at entry 1 (the first) and 5.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.audit.checkpoint-every=4")
@Import(SettableClock.Config.class)
class AuditChainIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  @Autowired
  AuditLog audit;

  @Autowired
  JdbcClient jdbc;


  @Autowired
  AuditCheckpoints checkpoints;

  @Autowired
  SettableClock clock;

  @BeforeEach
  void startFromAnEmptyLog() throws Exception {
    clock.reset();
    asTableOwner("delete from audit_log");
    jdbc.sql("""
        update audit_head set last_id = 0, last_sha256 = ?, checkpoint_id = 0,
          checkpoint_at = null where id = 1
        """).param(AuditChain.GENESIS).update();
    // The checkpoints of the log just wiped name entries that are gone: a reset for tests only.
    removeCheckpoints(checkpoints.folder());
  }

  static void removeCheckpoints(Path folder) throws Exception {
    if (Files.isDirectory(folder)) {
      try (var files = Files.list(folder)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
  }

  /** The checkpoint lines of the folder, parsed, in file order. */
  List<Checkpoint> checkpointLines() throws Exception {
    List<Checkpoint> lines = new ArrayList<>();
    if (Files.isDirectory(checkpoints.folder())) {
      try (var files = Files.list(checkpoints.folder())) {
        for (Path f : files.sorted().toList()) {
          for (String line : Files.readAllLines(f)) {
            lines.add(Checkpoint.parse(line));
          }
        }
      }
    }
    return lines;
  }

  /** Checks the signature with the JDK's own Ed25519, not the code that made it. */
  static boolean signedBy(String publicKeyPem, Checkpoint c) throws Exception {
    String base64 = publicKeyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PublicKey key = KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key);
    verifier.update(c.signedText().getBytes(StandardCharsets.UTF_8));
    return verifier.verify(Base64.getDecoder().decode(c.signature()));
  }

  private String hashOf(long id) {
    return jdbc.sql("select entry_sha256 from audit_log where id = ?").param(id)
        .query(String.class).single();
  }

  private void recordFive() {
    for (int i = 1; i <= 5; i++) {
      audit.record(AuditEvent.of("enqueteur" + i, "INVESTIGATOR", AuditAction.READ, "suspect",
          100 + i, 3L, "192.0.2." + i));
    }
  }

  @Test
  void anUntouchedChainIsIntact() throws Exception {
    recordFive();
    assertEquals(new ChainVerification.Intact(5), audit.verify());
  }

  @Test
  void anEmptyLogIsIntact() throws Exception {
    assertEquals(new ChainVerification.Intact(0), audit.verify());
  }

  @Test
  void findsAnEntryWhoseActorWasChanged() throws Exception {
    recordFive();
    asTableOwner("update audit_log set actor = 'quelquun' where id = 3");
    ChainVerification.Broken broken = assertInstanceOf(ChainVerification.Broken.class,
        audit.verify());
    assertEquals(3, broken.entryId());
    assertEquals(2, broken.verifiedBefore());
    assertTrue(broken.reason().contains("does not match its hash"), broken.reason());
  }

  @Test
  void findsAnEntryRemovedFromTheMiddle() throws Exception {
    recordFive();
    asTableOwner("delete from audit_log where id = 3");
    assertEquals(new ChainVerification.Broken(3, 2, "entry 3 is missing (next found: 4)"),
        audit.verify());
  }

  @Test
  void findsTheLastEntryRemoved() throws Exception {
    recordFive();
    asTableOwner("delete from audit_log where id = 5");
    ChainVerification.Broken broken = assertInstanceOf(ChainVerification.Broken.class,
        audit.verify());
    assertEquals(5, broken.entryId());
    assertEquals(4, broken.verifiedBefore());
    assertTrue(broken.reason().contains("ends at entry 4"), broken.reason());
  }

  @Test
  void findsTheNewestEntriesRemovedWithTheHeadMovedBackFromTheSignedCheckpoints()
      throws Exception {
    recordFive();
    String third = jdbc.sql("select entry_sha256 from audit_log where id = 3")
        .query(String.class).single();
    // The owner removes the tail and moves the head back: the chain alone looks whole.
    asTableOwner("delete from audit_log where id > 3");
    jdbc.sql("update audit_head set last_id = 3, last_sha256 = ? where id = 1").param(third)
        .update();
    ChainVerification.Broken broken = assertInstanceOf(ChainVerification.Broken.class,
        audit.verify());
    assertEquals(4, broken.entryId(), "the first missing entry");
    assertEquals(3, broken.verifiedBefore());
    assertTrue(broken.reason().startsWith("entries 4 to 5 are missing: the checkpoint "),
        broken.reason());
  }

  @Test
  void checkpointsAreSignedLinesOfEveryFourthEntryKeptOutsideTheDatabase() throws Exception {
    recordFive();
    List<Checkpoint> lines = checkpointLines();
    assertEquals(List.of(1L, 5L), lines.stream().map(Checkpoint::position).toList(),
        "the first entry, then every fourth");
    String publicKey = checkpoints.publicKeyPem();
    for (Checkpoint c : lines) {
      assertEquals(hashOf(c.position()), c.sha256());
      assertEquals("interval", c.reason());
      assertTrue(signedBy(publicKey, c), "signed: " + c);
    }
    Path key = checkpoints.folder().getParent().resolve("keys/audit-signing.key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
    AuditVerification v = audit.verify(checkpoints.localPublicKeys());
    assertTrue(v.passed(), v.toString());
    assertEquals(2, v.checked());
    assertEquals(5, v.lastChecked().checkpoint().position());
  }

  @Test
  void aCheckpointIsAlsoTakenOnceTheIntervalHasPassed() throws Exception {
    Instant t0 = Instant.parse("2026-10-01T08:00:00Z");
    clock.set(t0);
    audit.record(AuditEvent.of("analyste", "ANALYST", AuditAction.READ, "report", 1, null,
        "192.0.2.1"));
    clock.set(t0.plus(Duration.ofMinutes(9)));
    audit.record(AuditEvent.of("analyste", "ANALYST", AuditAction.READ, "report", 2, null,
        "192.0.2.1"));
    clock.set(t0.plus(Duration.ofMinutes(10)));
    audit.record(AuditEvent.of("analyste", "ANALYST", AuditAction.READ, "report", 3, null,
        "192.0.2.1"));
    assertEquals(List.of(1L, 3L), checkpointLines().stream().map(Checkpoint::position).toList(),
        "ten minutes after the last one, before the fourth entry");
  }

  @Test
  void findsALogRewrittenWithItsHashesRecomputedAtTheCheckpoint() throws Exception {
    recordFive();
    AuditEntry fifth = jdbc.sql("select occurred_at, prev_sha256 from audit_log where id = 5")
        .query((rs, n) -> new AuditEntry(5, fr.vigie.app.storage.Timestamps.instant(rs,
            "occurred_at"), null, rs.getString("prev_sha256"), null)).single();
    AuditEvent forged = AuditEvent.of("personne", "INVESTIGATOR", AuditAction.READ, "suspect",
        105, 3L, "192.0.2.5");
    String forgedHash = AuditChain.entryHash(5, fifth.occurredAt(), forged, fifth.prevSha256());
    asTableOwner("update audit_log set actor = 'personne', entry_sha256 = '" + forgedHash
        + "' where id = 5");
    jdbc.sql("update audit_head set last_sha256 = ? where id = 1").param(forgedHash).update();
    ChainVerification.Broken broken = assertInstanceOf(ChainVerification.Broken.class,
        audit.verify());
    assertEquals(5, broken.entryId());
    assertTrue(broken.reason().startsWith("does not match the checkpoint entry 5 of "),
        broken.reason());
  }

  @Test
  void aCheckpointLineChangedForgedOrDamagedIsAProblemAndIsNotTrusted() throws Exception {
    recordFive();
    Path file = checkpoints.file();
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    assertEquals(2, lines.size());
    // Changed: the second line made to name entry 4 instead, its signature kept.
    lines.set(1, lines.get(1).replace("\"position\":5", "\"position\":4")
        .replace(hashOf(5), hashOf(4)));
    // Forged: a well-formed line signed by another key.
    var other = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] otherRaw = java.util.Arrays.copyOfRange(other.getPublic().getEncoded(), 12, 44);
    Checkpoint unsigned = new Checkpoint(3, hashOf(3), Instant.parse("2026-10-01T08:00:00Z"),
        "interval", "ailleurs", AuditCheckpoints.keyIdOf(otherRaw), "AA==");
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(other.getPrivate());
    signer.update(unsigned.signedText().getBytes(StandardCharsets.UTF_8));
    Checkpoint forged = new Checkpoint(3, hashOf(3), unsigned.at(), "interval", "ailleurs",
        unsigned.keyId(), Base64.getEncoder().encodeToString(signer.sign()));
    lines.add(forged.toJsonLine());
    lines.add("{\"format\": \"vigie-audit-checkpoint-v1\", \"position\": \"cinq\"}");
    lines.add("ce n'est pas du JSON");
    Files.write(file, lines);

    AuditVerification v = audit.verify(checkpoints.localPublicKeys());
    assertEquals(new ChainVerification.Intact(5), v.chain());
    assertFalse(v.passed());
    String name = file.getFileName().toString();
    List<String> problems = v.checkpoints().problems();
    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(name + ", line 2: the signature does not verify"),
        problems.get(0));
    assertTrue(problems.get(1).startsWith(name + ", line 3: signed by "
        + forged.keyId() + ", which is not a key given"), problems.get(1));
    assertTrue(problems.get(2).startsWith(name + ", line 4: not a checkpoint: position: "),
        problems.get(2));
    assertTrue(problems.get(3).startsWith(name + ", line 5: not a checkpoint: not a JSON"),
        problems.get(3));
    assertEquals(1, v.checked(), "only the first line is still trusted");
    assertEquals(1, v.lastChecked().checkpoint().position());

    AuditVerification withTheOtherKey = audit.verify(List.of(otherRaw));
    assertEquals(1, withTheOtherKey.checked(), "its line, and only it, with its own key");
    assertEquals(3, withTheOtherKey.lastChecked().checkpoint().position());
  }

  @Test
  void findsAnAlteredPreviousHash() throws Exception {
    recordFive();
    asTableOwner("update audit_log set prev_sha256 = '" + "ab".repeat(32) + "' where id = 4");
    assertEquals(new ChainVerification.Broken(4, 3, "previous-hash link does not match entry 3"),
        audit.verify());
  }

  @Test
  void findsAnEditWhoseOwnHashWasRecomputedAtTheNextLink() throws Exception {
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
    // The appenders agree on who takes each checkpoint: one line per fourth entry, each whole.
    List<Long> positions = checkpointLines().stream().map(Checkpoint::position).sorted()
        .toList();
    List<Long> expected = new ArrayList<>();
    for (long p = 1; p <= total; p += 4) {
      expected.add(p);
    }
    assertEquals(expected, positions);
    AuditVerification v = audit.verify(checkpoints.localPublicKeys());
    assertTrue(v.passed(), v.toString());
    assertEquals(expected.size(), v.checked());
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
  void theDatabaseRefusesToChangeOrRemoveAnEntry() throws Exception {
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
  void appliesTheAppendOnlyMigration() throws Exception {
    assertEquals(1, jdbc.sql("""
            select count(*) from flyway_schema_history
            where script = 'V4__audit_append_only.sql' and success
            """).query(Long.class).single());
  }
}
