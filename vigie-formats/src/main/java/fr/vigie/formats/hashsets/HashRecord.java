package fr.vigie.formats.hashsets;

/**
 * One entry read from a hash set: either its hashes, or why it was skipped or rejected. Reading
 * goes on after a skipped or rejected entry.
 */
public sealed interface HashRecord {

  /** Where the entry is: the 1-based index of a VICS Media, or the 1-based line of a CSV file. */
  long position();

  /**
   * An entry with at least one hash. Hashes are lower-case hex of the right length, or null when
   * the source gave none.
   *
   * @param category the source's own category label as written (e.g. "1", "A"), null when the
   *     entry is uncategorised; mapped onto Vigie's scale by a {@link CategoryScheme}
   * @param series the source's series or product name, null when absent
   */
  record Entry(long position, String md5, String sha1, String sha256, String pdq,
      String category, String series) implements HashRecord {

    public Entry {
      Hex.require("md5", md5, 32);
      Hex.require("sha1", sha1, 40);
      Hex.require("sha256", sha256, 64);
      Hex.require("pdq", pdq, 64);
      if (md5 == null && sha1 == null && sha256 == null && pdq == null) {
        throw new IllegalArgumentException("an entry needs at least one hash (position "
            + position + ")");
      }
    }
  }

  /** An entry left out on purpose, e.g. the hash of an empty file; a warning, not an error. */
  record Skipped(long position, String reason) implements HashRecord {}

  /** An entry that cannot be used, with the reason (naming the field). */
  record Rejected(long position, String reason) implements HashRecord {}
}
