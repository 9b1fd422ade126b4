package fr.vigie.bittorrent.metainfo;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One file of a torrent.
 *
 * @param path path elements below the torrent's name (a single-file torrent has its name alone)
 * @param length bytes
 * @param padding a BEP 47 pad file (attr {@code p}), not content: never matched against hash sets
 * @param piecesRootHex BEP 52 merkle root of the file's 16 KiB blocks, hex; empty for v1 or for an
 *     empty file
 */
public record TorrentFile(List<String> path, long length, boolean padding, Optional<String> piecesRootHex) {

  public TorrentFile {
    path = List.copyOf(path);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("a file needs a path");
    }
    if (length < 0) {
      throw new IllegalArgumentException("negative file length " + length);
    }
  }

  public String joinedPath() {
    return String.join("/", path);
  }

  public Optional<byte[]> piecesRoot() {
    return piecesRootHex.map(HexFormat.of()::parseHex);
  }
}
