package fr.vigie.bittorrent;

import fr.vigie.bittorrent.metainfo.Metainfo.PieceCheck;
import java.time.Instant;

/**
 * One piece downloaded from one peer. {@code data} is what the application keeps (encrypted, in
 * the media store); records carry the SHA-1 and the verdict.
 *
 * @param sha1Hex SHA-1 of the bytes received, whatever the torrent says
 * @param check how they compare with the torrent's hashes (v1 SHA-1, v2 merkle when known)
 */
public record PieceResult(int index, String sha1Hex, PieceCheck check, Instant completedAt, Bytes data) {

  public boolean verified() {
    return check == PieceCheck.MATCHES;
  }
}
