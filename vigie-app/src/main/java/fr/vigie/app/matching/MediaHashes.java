package fr.vigie.app.matching;

import fr.vigie.hashing.PdqDihedralResult;
import fr.vigie.hashing.PdqHash;

/**
 * The hashes of one media item to match; any may be null (hex is compared whatever its case).
 *
 * @param pdqQuality the PDQ quality 0-100; below {@code vigie.matching.pdq-min-quality} the PDQ
 *     hash is not used
 * @param dihedral the eight rotations and mirror images, to find rotated or mirrored copies;
 *     null to search the PDQ hash as it is
 */
public record MediaHashes(String md5, String sha1, String sha256, PdqHash pdq, int pdqQuality,
    PdqDihedralResult dihedral) {

  /** Exact hashes only. */
  public static MediaHashes exact(String md5, String sha1, String sha256) {
    return new MediaHashes(md5, sha1, sha256, null, 0, null);
  }
}
