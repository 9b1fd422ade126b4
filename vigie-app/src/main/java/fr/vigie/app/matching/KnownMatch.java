package fr.vigie.app.matching;

/**
 * A media item recognised by one entry of a hash set.
 *
 * @param category the entry's category on Vigie's scale, 0..3
 * @param algorithm MD5, SHA1, SHA256 or PDQ
 * @param distance Hamming distance in bits for PDQ, 0 for exact hashes
 * @param dihedral for PDQ, the rotation or mirror image of the media item that matched (ROT90,
 *     ROT180, ROT270, FLIPX, FLIPY, FLIPP1, FLIPM1), null for the item as it is
 */
public record KnownMatch(long entryId, long setId, String setName, String setVersion,
    int category, String algorithm, int distance, String dihedral) {}
