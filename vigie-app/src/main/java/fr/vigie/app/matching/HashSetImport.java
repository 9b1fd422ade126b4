package fr.vigie.app.matching;

import java.util.Objects;

/**
 * A hash set read from a file, ready to register: the set, the category scheme its labels were
 * read with (null for KNOWN_GOOD sets), and how many entries were rejected or skipped.
 */
public record HashSetImport(HashSetDraft draft, String categoryScheme, long rejected,
    long skipped) {

  public HashSetImport {
    Objects.requireNonNull(draft, "draft");
    if (rejected < 0 || skipped < 0) {
      throw new IllegalArgumentException("counts must be >= 0, were " + rejected + ", " + skipped);
    }
  }
}
