package fr.vigie.app.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A report ready to be stored, its values already normalised (the intake parsers produce these).
 *
 * @param sourceCode the {@code sources.code} it came from
 * @param contentSha256 hash of the raw record, which tells a re-import from a new version
 */
public record ReportDraft(
    String sourceCode,
    String externalId,
    String contentSha256,
    String incidentType,
    Instant incidentAt,
    Instant receivedAt,
    String platform,
    String country,
    List<Identifier> identifiers,
    List<IpEvent> ipEvents,
    List<MediaFile> media) {

  public ReportDraft {
    Objects.requireNonNull(sourceCode, "sourceCode");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(contentSha256, "contentSha256");
    Objects.requireNonNull(incidentType, "incidentType");
    Objects.requireNonNull(receivedAt, "receivedAt");
    identifiers = List.copyOf(identifiers);
    ipEvents = List.copyOf(ipEvents);
    media = List.copyOf(media);
  }

  /** An identifier as reported and as normalised (kind is a {@code reported_identifiers.kind}). */
  public record Identifier(String kind, String platform, String original, String normalized,
      String canonicalKey) {}

  /** An address seen at an instant; port may be null when the source did not give one. */
  public record IpEvent(String ipOriginal, String ip, int ipVersion, Integer port,
      Instant occurredAt, String originalOffset, String eventName) {}

  /** A file named in the report, with the hashes the source gave. */
  public record MediaFile(String fileName, long sizeBytes, String md5, String sha1,
      String sha256) {}
}
