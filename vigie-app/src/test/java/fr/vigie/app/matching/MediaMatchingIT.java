package fr.vigie.app.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.demo.SyntheticData;
import fr.vigie.app.intake.MediaStatus;
import fr.vigie.app.intake.ReportDraft;
import fr.vigie.app.intake.Reports;
import fr.vigie.app.support.TestDatabases;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Stored media matched against the hash sets: the known ones MATCHED with one row per entry, the
 * others UNKNOWN_MATERIAL; the same again changes nothing; a retired set stops counting.
 */
// The background worker is off so that the test alone decides when matching runs.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=" + MediaMatchingIT.REPORTS,
        "vigie.jobs.worker-enabled=false"})
class MediaMatchingIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  static final int REPORTS = 150;

  @Autowired
  MediaMatching matching;

  @Autowired
  Reports reports;

  @Autowired
  HashSets hashSets;

  @Autowired
  JdbcClient jdbc;

  @Test
  void matchesTheKnownMediaAndFlagsTheRestAsUnknownMaterialIdempotently() {
    SyntheticData.DataSet data = SyntheticData.generate(REPORTS, 20260101L);
    Set<String> known = data.hashSet().entries().stream()
        .filter(e -> e.algorithm().equals("SHA256")).map(HashSetDraft.Entry::value)
        .collect(Collectors.toSet());
    long expectedMatched = data.reports().stream().flatMap(r -> r.media().stream())
        .map(ReportDraft.MediaFile::sha256).filter(known::contains).count();
    long total = data.reports().stream().mapToLong(r -> r.media().size()).sum();
    assertTrue(expectedMatched > 0 && expectedMatched < total);

    matching.matchAll();
    Map<MediaStatus, Long> first = reports.countMediaByStatus();
    assertEquals(expectedMatched, first.get(MediaStatus.MATCHED));
    assertEquals(total - expectedMatched, first.get(MediaStatus.UNKNOWN_MATERIAL));
    // Each known file is in the set by MD5 and by SHA-256: two entries, two matches.
    assertEquals(2 * expectedMatched, matching.activeMatches());
    assertEquals(0, jdbc.sql("""
            select count(*) from matches m join media x on x.id = m.media_id
            where m.active and x.status <> 'MATCHED'
            """).query(Long.class).single());

    matching.matchAll();
    assertEquals(first, reports.countMediaByStatus(), "matching again changes nothing");
    assertEquals(2 * expectedMatched, matching.activeMatches());
    long rows = jdbc.sql("select count(*) from matches").query(Long.class).single();

    hashSets.retire(data.hashSet().name(), "test");
    matching.matchAll();
    assertEquals(Map.of(MediaStatus.UNKNOWN_MATERIAL, total), reports.countMediaByStatus());
    assertEquals(0, matching.activeMatches(), "a retired set no longer counts");
    assertEquals(rows, jdbc.sql("select count(*) from matches").query(Long.class).single(),
        "history stays");
  }
}
