package fr.vigie.app.intake;

import java.time.Instant;

/**
 * One media item of a report, as the media page shows it.
 *
 * @param contentRef the SHA-256 of the stored content, null when Vigie holds no content
 * @param hashMismatch which declared hash disagrees with the content, null when none does
 */
public record MediaItem(long id, Long reportId, String reportExternalId, String fileName,
    Long sizeBytes, String md5, String sha1, String sha256, String pdq, Integer pdqQuality,
    String contentRef, String contentType, Integer width, Integer height, MediaStatus status,
    Instant matchedAt, String hashMismatch) {

  public boolean hasContent() {
    return contentRef != null;
  }
}
