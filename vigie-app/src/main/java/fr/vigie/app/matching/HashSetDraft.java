package fr.vigie.app.matching;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A hash set to register, with its provenance and its entries.
 *
 * @param format a {@code hash_sets.format} code
 * @param kind NOTABLE (flags material) or KNOWN_GOOD (only excludes)
 */
public record HashSetDraft(String name, String version, String format, String kind,
    String authority, LocalDate publishedOn, String legalBasis, List<Entry> entries) {

  public HashSetDraft {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(authority, "authority");
    entries = List.copyOf(entries);
  }

  /**
   * One known hash.
   *
   * @param algorithm MD5, SHA1, SHA256 or PDQ
   * @param category Vigie's severity scale, 0 (not relevant) to 3 (most severe)
   */
  public record Entry(String algorithm, String value, int category, String originalCategory,
      String series) {}
}
