package fr.vigie.hashing;

import java.util.Objects;

/**
 * A PDQ hash with its quality, 0 to 100.
 *
 * <p>Quality measures how much gradient the 64x64 downsample holds: a flat or nearly flat image
 * scores low and its hash is mostly noise. Matching ignores hashes under
 * {@link #TRUSTED_QUALITY} by default, as the PDQ documentation recommends.
 */
public record PdqResult(PdqHash hash, int quality) {

  /** The quality below which PDQ hashes are not trusted for matching. */
  public static final int TRUSTED_QUALITY = 50;

  public PdqResult {
    Objects.requireNonNull(hash, "hash");
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("quality must be 0..100, was " + quality);
    }
  }

  /** Returns whether the quality is at least {@link #TRUSTED_QUALITY}. */
  public boolean trusted() {
    return quality >= TRUSTED_QUALITY;
  }
}
