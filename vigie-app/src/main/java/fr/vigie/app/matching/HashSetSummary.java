package fr.vigie.app.matching;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One hash set as listed: its provenance, its status and how many entries it holds per category
 * of Vigie's scale (0..3).
 */
public record HashSetSummary(long id, String name, String version, String format, String kind,
    String authority, LocalDate publishedOn, String legalBasis, String categoryScheme,
    String status, long entryCount, long rejectedCount, long skippedCount, Instant importedAt,
    String importedBy, Instant retiredAt, Map<Integer, Long> entriesPerCategory) {

  public HashSetSummary {
    entriesPerCategory = Map.copyOf(entriesPerCategory);
  }

  /** Returns how many entries have that category, 0 if none. */
  public long entriesIn(int category) {
    return entriesPerCategory.getOrDefault(category, 0L);
  }

  public boolean active() {
    return "ACTIVE".equals(status);
  }
}
