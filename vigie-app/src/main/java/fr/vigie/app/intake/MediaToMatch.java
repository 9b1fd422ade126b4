package fr.vigie.app.intake;

/**
 * A stored media item's hashes, as matching reads them; any may be null.
 *
 * @param pdq 64 hex characters, or null when the item has no PDQ hash
 */
public record MediaToMatch(long id, String md5, String sha1, String sha256, String pdq,
    int pdqQuality) {}
