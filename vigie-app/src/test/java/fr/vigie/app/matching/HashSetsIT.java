package fr.vigie.app.matching;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.support.TestDatabases;
import fr.vigie.hashing.PdqHash;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Hash sets: versions replace each other atomically, every change is audited, the in-memory
 * index follows, and the page lists provenance and counts. Hashes are random, never real ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class HashSetsIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  @Autowired
  HashSets sets;

  @Autowired
  KnownContent known;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MockMvc mvc;

  private final Random random = new Random(20260301);

  private String hex(int digits) {
    byte[] b = new byte[digits / 2];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String unique(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  private static HashSetImport notable(String name, String version,
      List<HashSetDraft.Entry> entries) {
    return new HashSetImport(new HashSetDraft(name, version, "VICS", "NOTABLE",
        "Autorité de test", LocalDate.of(2026, 2, 1), "Art. test", entries), "US", 2, 1);
  }

  private long auditEntries(String detailPrefix) {
    return jdbc.sql("select count(*) from audit_log where object_type = 'hash_set' and detail like ?")
        .param(detailPrefix + "%").query(Long.class).single();
  }

  @Test
  void aNewerVersionRetiresTheOldOneAndItsMatchesAndTheIndexFollows() {
    String name = unique("Projet test");
    String oldMd5 = hex(32);
    String newSha256 = hex(64);
    ImportOutcome first = sets.importVersion(notable(name, "2026.9",
        List.of(new HashSetDraft.Entry("MD5", oldMd5, 2, "1", "S"))), "cli:test");
    long oldId = ((ImportOutcome.Imported) first).setId();
    assertEquals(1, known.match(MediaHashes.exact(oldMd5.toUpperCase(), null, null))
        .notable().size());
    long entryId = jdbc.sql("select id from hash_entries where set_id = ?").param(oldId)
        .query(Long.class).single();
    jdbc.sql("insert into media (md5) values (?)").param(oldMd5).update();
    long mediaId = jdbc.sql("select max(id) from media").query(Long.class).single();
    jdbc.sql("""
        insert into matches (media_id, entry_id, set_id, algorithm, category, matched_at)
        values (?, ?, ?, 'MD5', 2, current_timestamp)
        """).params(mediaId, entryId, oldId).update();

    ImportOutcome second = sets.importVersion(notable(name, "2026.10",
        List.of(new HashSetDraft.Entry("SHA256", newSha256, 3, "A", null))), "cli:test");

    assertEquals(List.of("2026.9"), ((ImportOutcome.Imported) second).retiredVersions());
    assertEquals("RETIRED", jdbc.sql("select status from hash_sets where id = ?").param(oldId)
        .query(String.class).single());
    assertEquals(Boolean.FALSE, jdbc.sql("select active from matches where media_id = ?")
        .param(mediaId).query(Boolean.class).single());
    assertTrue(known.match(MediaHashes.exact(oldMd5, null, null)).notable().isEmpty());
    KnownMatch hit = known.match(MediaHashes.exact(null, null, newSha256)).notable().get(0);
    assertEquals(name, hit.setName());
    assertEquals(3, hit.category());
    assertEquals("SHA256", hit.algorithm());
    assertEquals(1, auditEntries("retired " + name));
    assertEquals(2, auditEntries("imported " + name));
  }

  @Test
  void theSameVersionAgainChangesNothingAndAnOlderOneIsRefused() {
    String name = unique("Projet répété");
    List<HashSetDraft.Entry> entries = List.of(new HashSetDraft.Entry("MD5", hex(32), 1, null,
        null));
    sets.importVersion(notable(name, "v2", entries), "cli:test");
    long before = jdbc.sql("select count(*) from hash_sets").query(Long.class).single();
    assertInstanceOf(ImportOutcome.Unchanged.class,
        sets.importVersion(notable(name, "v2", entries), "cli:test"));
    assertEquals(new ImportOutcome.Older("v2"),
        sets.importVersion(notable(name, "v1", entries), "cli:test"));
    assertEquals(before, jdbc.sql("select count(*) from hash_sets").query(Long.class).single());
    assertEquals(1, auditEntries("imported " + name));
  }

  @Test
  void retiringASetStopsItsMatchesAndIsAudited() {
    String name = unique("Projet retiré");
    String md5 = hex(32);
    sets.importVersion(notable(name, "1", List.of(new HashSetDraft.Entry("MD5", md5, 2, "1",
        null))), "cli:test");
    assertEquals(List.of("1"), sets.retire(name, "cli:test"));
    assertTrue(sets.retire(name, "cli:test").isEmpty());
    assertTrue(known.match(MediaHashes.exact(md5, null, null)).notable().isEmpty());
    assertEquals(1, auditEntries("retired " + name + " 1"));
  }

  @Test
  void matchesPdqWithinTheThresholdReportsKnownGoodApartAndDistrustsLowQuality() {
    PdqHash base = PdqHash.fromHex(hex(64));
    PdqHash near = new PdqHash(base.w0() ^ 0x7FFFL, base.w1(), base.w2(), base.w3()); // 15 bits
    PdqHash far = new PdqHash(~base.w0(), base.w1(), base.w2(), base.w3()); // 64 bits
    String sha1 = hex(40);
    sets.importVersion(notable(unique("PDQ"), "1", List.of(new HashSetDraft.Entry("PDQ",
        base.toHex(), 2, "1", null))), "cli:test");
    sets.importVersion(new HashSetImport(new HashSetDraft(unique("NSRL"), "2024.1", "NSRL",
        "KNOWN_GOOD", "NIST NSRL", null, null, List.of(new HashSetDraft.Entry("SHA1", sha1, 0,
        null, null))), null, 0, 0), "cli:test");

    MatchResult result = known.match(new MediaHashes(null, sha1, null, near, 80, null));
    assertEquals(1, result.notable().size());
    assertEquals(15, result.notable().get(0).distance());
    assertEquals("PDQ", result.notable().get(0).algorithm());
    assertEquals(1, result.knownGood().size());
    assertEquals("SHA1", result.knownGood().get(0).algorithm());
    assertTrue(known.match(new MediaHashes(null, null, null, near, 40, null)).notable()
        .isEmpty(), "quality below 50 is not trusted");
    assertTrue(known.match(new MediaHashes(null, null, null, far, 90, null)).notable()
        .isEmpty());
  }

  @Test
  void thePageListsProvenanceAndCountsInFrenchAndEnglishWithoutImages() throws Exception {
    String name = unique("Jeu <b>affiché</b>");
    sets.importVersion(notable(name, "3", List.of(
        new HashSetDraft.Entry("MD5", hex(32), 3, "A", null),
        new HashSetDraft.Entry("MD5", hex(32), 3, "A", null),
        new HashSetDraft.Entry("SHA1", hex(40), 0, "0", null))), "cli:test");
    String french = mvc.perform(get("/empreintes").with(user("a").roles("AUDITOR")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Jeux d’empreintes")))
        .andExpect(content().string(containsString("Autorité de test")))
        .andExpect(content().string(containsString("Base légale : Art. test")))
        .andExpect(content().string(not(containsString("<b>affiché"))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(french.contains("&lt;b&gt;affiché"), "names are escaped");
    String main = french.substring(french.indexOf("<main"), french.indexOf("</main>"));
    assertTrue(!main.contains("<img") && !main.contains("style="), "never an image, no style");
    mvc.perform(get("/empreintes").param("lang", "en").with(user("a").roles("ANALYST")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Hash sets")))
        .andExpect(content().string(containsString("most severe")));
    mvc.perform(get("/empreintes").with(user("s").roles("SENSOR")))
        .andExpect(status().isForbidden());
  }
}
