package fr.vigie.hashing;

import java.util.List;
import java.util.Objects;

/**
 * The PDQ hashes of an image's eight rotations and mirror images, with the shared quality.
 *
 * <p>Searching with all eight finds rotated or mirrored copies of a known image. They are
 * derived from one DCT, as the reference does, so they cost little more than one hash; they agree
 * with hashing the transformed image up to a few bits (the blur is not exactly symmetric).
 * Rotations are counter-clockwise.
 */
public record PdqDihedralResult(
    PdqHash original,
    PdqHash rotate90,
    PdqHash rotate180,
    PdqHash rotate270,
    PdqHash flipX,
    PdqHash flipY,
    PdqHash flipPlus1,
    PdqHash flipMinus1,
    int quality) {

  public PdqDihedralResult {
    for (PdqHash h : new PdqHash[] {original, rotate90, rotate180, rotate270, flipX, flipY,
        flipPlus1, flipMinus1}) {
      Objects.requireNonNull(h, "hash");
    }
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be 0..100, was " + quality);
    }
  }

  /**
   * Returns the eight hashes in the reference order: original, rotate90, rotate180, rotate270,
   * flipX (top/bottom), flipY (left/right), flipPlus1 (transpose), flipMinus1 (anti-transpose).
   */
  public List<PdqHash> all() {
    return List.of(original, rotate90, rotate180, rotate270, flipX, flipY, flipPlus1, flipMinus1);
  }

  /** Returns the original hash with the quality. */
  public PdqResult originalResult() {
    return new PdqResult(original, quality);
  }
}
