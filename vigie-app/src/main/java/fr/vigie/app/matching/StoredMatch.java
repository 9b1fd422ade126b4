package fr.vigie.app.matching;

import java.time.Instant;

/**
 * A recorded match of a media item, as the media page shows it.
 *
 * @param active false once the set was retired or the entry no longer matches (history)
 */
public record StoredMatch(String setName, String setVersion, String setAuthority,
    String algorithm, int distance, String dihedral, int category, String series, boolean active,
    Instant matchedAt) {}
