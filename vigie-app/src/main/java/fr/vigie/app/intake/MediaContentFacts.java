package fr.vigie.app.intake;

/**
 * What Vigie computed from a media file's bytes, to record on the rows that declared it.
 *
 * @param pdq 64 hex characters, null when the content is not a decodable image
 * @param contentType e.g. image/png, null when unknown
 */
public record MediaContentFacts(long size, String md5, String sha1, String sha256, String pdq,
    int pdqQuality, String contentType, Integer width, Integer height) {}
