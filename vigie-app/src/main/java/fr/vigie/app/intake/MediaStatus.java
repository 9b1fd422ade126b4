package fr.vigie.app.intake;

/** Where a media item stands after matching. */
public enum MediaStatus {
  /** Not matched yet. */
  PENDING,
  /** Recognised by at least one notable hash set. */
  MATCHED,
  /** Hashed, and in no hash set: possibly new material, a priority signal for victim identification. */
  UNKNOWN_MATERIAL,
  /** Only in a known-good set (NSRL): an ordinary file, not material. */
  KNOWN_GOOD,
  /** No hash to match. */
  NO_CONTENT
}
