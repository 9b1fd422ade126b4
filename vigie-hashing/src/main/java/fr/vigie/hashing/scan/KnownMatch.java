package fr.vigie.hashing.scan;

import java.util.Objects;

/**
 * One hit of a scanned file against known content.
 *
 * @param hashSet the name of the hash set that holds the known item
 * @param category the category the hash set gives it (for example "known", "notable")
 * @param by what matched
 * @param distance the PDQ Hamming distance, 0 for exact matches
 */
public record KnownMatch(String hashSet, String category, By by, int distance) {

  /** Which hash matched. */
  public enum By { MD5, SHA1, SHA256, PDQ }

  public KnownMatch {
    Objects.requireNonNull(hashSet, "hashSet");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(by, "by");
    if (distance < 0 || distance > 256 || (by != By.PDQ && distance != 0)) {
      throw new IllegalArgumentException("distance must be 0..256, and 0 unless PDQ; was "
          + distance + " by " + by);
    }
  }
}
