package fr.vigie.app.matching;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The matching settings ({@code vigie.matching.*}).
 *
 * @param pdqMaxDistance the largest Hamming distance (bits out of 256) that counts as a PDQ match;
 *     31 is the PDQ documentation's threshold
 * @param pdqMinQuality PDQ hashes of a lower quality (0-100) are not trusted: such a media item is
 *     matched on its exact hashes only
 * @param refreshInterval how often a lookup checks whether another process (e.g. {@code vigie
 *     hashset import}) changed the sets, and reloads the index if so
 */
@ConfigurationProperties("vigie.matching")
public record MatchingSettings(
    @DefaultValue("31") int pdqMaxDistance,
    @DefaultValue("50") int pdqMinQuality,
    @DefaultValue("30s") Duration refreshInterval) {

  public MatchingSettings {
    if (pdqMaxDistance < 0 || pdqMaxDistance > 256) {
      throw new IllegalArgumentException("vigie.matching.pdq-max-distance must be 0..256, was "
          + pdqMaxDistance);
    }
    if (pdqMinQuality < 0 || pdqMinQuality > 100) {
      throw new IllegalArgumentException("vigie.matching.pdq-min-quality must be 0..100, was "
          + pdqMinQuality);
    }
  }
}
