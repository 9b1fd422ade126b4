package fr.vigie.app.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.intake.ImportSummary;
import fr.vigie.app.intake.ReportDraft;
import fr.vigie.app.intake.ReportImport;
import fr.vigie.app.intake.Reports;
import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.hashing.PdqHash;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Automatic matching as the pipeline runs it: an import run queues one job for the media of the
 * reports it stored, and only those; each recorded match names its algorithm, distance, set and
 * category; unmatched media with a hash are unknown material unless the known-good set lists
 * the very file; a new set queues the re-match of everything.
 *
 * <p>The fixture's three reports declare three files: by MD5 and SHA-1 (made-up values), by the
 * SHA-256 of "test", and by the MD5 of "a".
 */
// No demo and no background worker: the test runs the jobs itself.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vigie.jobs.worker-enabled=false")
class ImportMatchingIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  static final String FIRST_MD5 = "d41d8cd98f00b204e9800998ecf8427f";
  static final String TEST_SHA256 =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  static final String A_MD5 = "0cc175b9c0f1b6a831c399e269772661";

  @Autowired
  ReportImport importer;

  @Autowired
  Reports reports;

  @Autowired
  HashSets hashSets;

  @Autowired
  MediaMatching matching;

  @Autowired
  JobQueue queue;

  @Autowired
  KnownContent known;

  @Autowired
  List<JobHandler<?>> handlers;

  @Autowired
  JdbcClient jdbc;

  private static Path fixture(String name) throws Exception {
    return Path.of(ImportMatchingIT.class.getResource("/intake/" + name).toURI());
  }

  /** Claims and runs the ready jobs of one kind, as the worker would; returns how many. */
  private int runJobs(String kind) throws Exception {
    JobHandler<?> handler = handlers.stream().filter(h -> h.kind().name().equals(kind))
        .findFirst().orElseThrow();
    List<Job> jobs = queue.claim(List.of(kind), "test", 100);
    for (Job job : jobs) {
      handler.run(job);
      queue.complete(job);
    }
    return jobs.size();
  }

  private String status(String hashColumn, String value) {
    return jdbc.sql("select status from media where " + hashColumn + " in (?, upper(?))"
            + " and report_id in (select id from reports where import_job_id is not null)")
        .params(value, value).query(String.class).single();
  }

  private static HashSetDraft set(String name, String kind, String algorithm, String value,
      int category) {
    return new HashSetDraft(name, "1", kind.equals("KNOWN_GOOD") ? "NSRL" : "CSV", kind,
        "Test authority", LocalDate.of(2026, 1, 1), "test",
        List.of(new HashSetDraft.Entry(algorithm, value, category, Integer.toString(category),
            "Série T")));
  }

  @Test
  void anImportRunQueuesTheMatchingOfItsOwnMediaAndANewSetRematchesEverything()
      throws Exception {
    hashSets.registerIfAbsent(set("Notable test", "NOTABLE", "SHA256", TEST_SHA256, 2), "test");
    hashSets.registerIfAbsent(set("NSRL test", "KNOWN_GOOD", "MD5", FIRST_MD5, 0), "test");
    runJobs("rematch-media"); // the sets' registration queued one; nothing else is pending
    // Media stored outside this import run: its job must leave them alone.
    reports.ensureSource("TEST-OTHER", "Other", "PARTNER", "FR");
    reports.storeAll(List.of(new ReportDraft("TEST-OTHER", "OTHER-1", "f".repeat(64),
        "Test", Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-02T10:00:00Z"),
        null, "FR", List.of(), List.of(), List.of(new ReportDraft.MediaFile("other.jpg", 10L,
            null, null, TEST_SHA256)))), "DEMO");

    ImportSummary summary = importer.importFile(fixture("three-reports.xml"), "test", false,
        new LongAdder());
    long importJobId = summary.jobId();
    assertEquals(List.of("{\"importJobId\":" + importJobId + "}"), jdbc.sql(
            "select payload from jobs where kind = 'match-import' and dedupe_key = ?")
        .param("match-import:" + importJobId).query(String.class).list(),
        "one job, named after the import run");
    assertEquals(1, runJobs("match-import"));

    assertEquals("MATCHED", status("sha256", TEST_SHA256));
    assertEquals("KNOWN_GOOD", status("md5", FIRST_MD5), "NSRL lists the very file");
    assertEquals("UNKNOWN_MATERIAL", status("md5", A_MD5), "a hash in no set: unknown material");
    assertEquals("PENDING", jdbc.sql("""
        select m.status from media m join reports r on r.id = m.report_id
        where r.external_id = 'OTHER-1'
        """).query(String.class).single(), "media of other runs are not this job's");

    Map<String, Object> match = jdbc.sql("""
        select x.algorithm, x.distance, s.name, x.category, x.active
        from matches x join hash_sets s on s.id = x.set_id join media m on m.id = x.media_id
        where m.sha256 in (?, upper(?)) and m.report_id in
          (select id from reports where import_job_id = ?)
        """).params(TEST_SHA256, TEST_SHA256, importJobId).query().singleRow();
    assertEquals("SHA256", match.get("algorithm"));
    assertEquals(0, ((Number) match.get("distance")).intValue());
    assertEquals("Notable test", match.get("name"));
    assertEquals(2, ((Number) match.get("category")).intValue());
    assertEquals(Boolean.TRUE, match.get("active"));
    assertEquals(1L, jdbc.sql("select count(*) from matches").query(Long.class).single(),
        "known-good hits exclude, they are not recorded as matches");

    // The same run's job again (after a crash): the same end state.
    queue.requeue(ImportMatching.KIND, new MatchImportRun(importJobId));
    assertEquals(1, runJobs("match-import"));
    assertEquals(1L, jdbc.sql("select count(*) from matches").query(Long.class).single());

    // A new set: everything is re-matched in the background, the other run's media too.
    hashSets.registerIfAbsent(set("Notable test 2", "NOTABLE", "MD5", A_MD5, 3), "test");
    assertEquals(1, runJobs("rematch-media"));
    assertEquals("MATCHED", status("md5", A_MD5));
    assertEquals("MATCHED", jdbc.sql("""
        select m.status from media m join reports r on r.id = m.report_id
        where r.external_id = 'OTHER-1'
        """).query(String.class).single());
  }

  @Test
  void aHashSetImportedWhileEverythingIsRematchedIsMatchedByARunAfter() throws Exception {
    // Hashes of nothing the other tests store: their matches stay theirs.
    hashSets.registerIfAbsent(set("Before", "NOTABLE", "MD5", "0".repeat(31) + "1", 2), "test");
    Job running = queue.claim(List.of("rematch-media"), "node-a", 10).getFirst();
    // Another node imports a set while this one is half-way through the media.
    hashSets.registerIfAbsent(set("During", "NOTABLE", "MD5", "0".repeat(31) + "2", 3), "test");
    queue.complete(running);
    assertEquals(1, runJobs("rematch-media"), "the set imported during the run is matched");
  }

  @Test
  void aPdqNearDuplicateOfAKnownGoodFileIsStillUnknownMaterialAndNoHashIsNoContent() {
    String pdq = "f".repeat(32) + "0".repeat(32);
    String near = "e" + "f".repeat(31) + "0".repeat(32); // one bit away
    hashSets.registerIfAbsent(set("NSRL pdq", "KNOWN_GOOD", "PDQ", pdq, 0), "test");
    reports.ensureSource("TEST-PDQ", "Pdq", "PARTNER", "FR");
    reports.storeAll(List.of(new ReportDraft("TEST-PDQ", "PDQ-1", "e".repeat(64), "Test",
        Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-02T10:00:00Z"), null, "FR",
        List.of(), List.of(), List.of(
            new ReportDraft.MediaFile("near.jpg", 10L, null, null, null),
            new ReportDraft.MediaFile("nothing.jpg", 10L, null, null, null)))), "DEMO");
    List<Long> ids = jdbc.sql("""
        select m.id from media m join reports r on r.id = m.report_id
        where r.external_id = 'PDQ-1' order by m.id
        """).query(Long.class).list();
    jdbc.sql("update media set pdq = ?, pdq_quality = 90 where id = ?").params(near, ids.get(0))
        .update();
    assertEquals(1, known.match(new MediaHashes(null, null, null, PdqHash.fromHex(near), 90,
        null)).knownGood().size(), "the known-good set does hold a near PDQ hash");
    assertEquals(2, matching.matchItems(ids));
    assertEquals(List.of("UNKNOWN_MATERIAL", "NO_CONTENT"), jdbc.sql(
            "select status from media where id in (:ids) order by id").param("ids", ids)
        .query(String.class).list());
    assertTrue(hashSets.counts().activeEntries() >= 1);
  }
}
