package fr.vigie.app.cases;

import java.time.Instant;

/**
 * A piece of evidence attached to a case. Its SHA-256 was computed while it arrived and its file
 * is never rewritten; {@code replacesId} names the exhibit this one is a new version of.
 */
public record Exhibit(long id, long caseId, Long replacesId, String fileName, String mediaType,
    long sizeBytes, String sha256, String storageRef, String description, Instant addedAt,
    String addedBy) {}
