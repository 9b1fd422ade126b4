package fr.vigie.app.p2p;

import java.util.Optional;

/**
 * A piece downloaded from one peer whose bytes are kept, encrypted in the media store under
 * their SHA-256 (never shown in clear).
 *
 * @param sha1 the piece's SHA-1, as the signed line gives it and as the bytes hash
 * @param contentSha256 the name of the bytes in the media store
 * @param size the bytes' length
 * @param mediaId the media item of the same content, when the media records hold one
 */
public record KeptPiece(int index, String sha1, String contentSha256, int size,
    Optional<Long> mediaId) {}
