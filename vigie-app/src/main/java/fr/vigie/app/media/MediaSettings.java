package fr.vigie.app.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The media store's and the media page's settings ({@code vigie.media.*}).
 *
 * @param key the AES-256 key, base64 ({@code VIGIE_MEDIA_KEY}); empty: the key file
 *     {@code $VIGIE_HOME/keys/media.key}, created at first use
 * @param revealFor how long a revealed image stays in clear before the page hides it again
 * @param revealTokenTtl how long the single-use link to the clear image is good for
 * @param reasonMinLength the fewest characters a reason for a reveal may have
 * @param maxContentBytes the largest file the store reads back into memory (thumbnails, reveals)
 */
@ConfigurationProperties("vigie.media")
public record MediaSettings(
    @DefaultValue("") String key,
    @DefaultValue("20s") Duration revealFor,
    @DefaultValue("60s") Duration revealTokenTtl,
    @DefaultValue("15") int reasonMinLength,
    @DefaultValue("268435456") long maxContentBytes) {

  public MediaSettings {
    if (revealFor.isNegative() || revealFor.isZero()) {
      throw new IllegalArgumentException("vigie.media.reveal-for must be positive");
    }
    if (reasonMinLength < 1) {
      throw new IllegalArgumentException("vigie.media.reason-min-length must be at least 1");
    }
  }
}
