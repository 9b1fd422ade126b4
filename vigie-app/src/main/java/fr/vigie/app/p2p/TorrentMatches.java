package fr.vigie.app.p2p;

import fr.vigie.app.matching.KnownContent;
import fr.vigie.app.matching.KnownMatch;
import fr.vigie.app.matching.MediaHashes;
import fr.vigie.bittorrent.metainfo.Metainfo;
import fr.vigie.bittorrent.metainfo.TorrentFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What the active hash sets say about a watched torrent's files, from the .torrent alone. A
 * BEP 52 file of one 16 KiB block or less has its content's SHA-256 as its {@code pieces root}
 * (the merkle tree of one leaf is that leaf), so it is matched against the sets' SHA-256
 * entries. Larger files' roots are merkle roots no hash set holds, and v1 torrents carry no
 * per-file hash; hash sets hold no names or sizes to compare either: those need a file
 * downloaded whole (not built yet, docs/p2p.md).
 */
@Service
public class TorrentMatches {

  /** The size of a BEP 52 merkle leaf. */
  static final int BLOCK = 16 * 1024;

  /** A file of the torrent that a notable hash set knows. */
  public record FileMatch(String path, long length, String sha256, List<KnownMatch> matches) {

    public FileMatch {
      matches = List.copyOf(matches);
    }
  }

  private final Watchlist watchlist;
  private final KnownContent known;

  TorrentMatches(Watchlist watchlist, KnownContent known) {
    this.watchlist = watchlist;
    this.known = known;
  }

  /** The entry's files known to a notable set (empty without a .torrent). */
  public List<FileMatch> of(long entryId) {
    Optional<byte[]> torrent = watchlist.torrent(entryId);
    if (torrent.isEmpty()) {
      return List.of();
    }
    Metainfo m;
    try {
      m = Metainfo.parse(torrent.get());
    } catch (RuntimeException e) {
      return List.of();
    }
    return of(m);
  }

  /** The torrent's files known to a notable set. */
  public List<FileMatch> of(Metainfo m) {
    List<FileMatch> out = new ArrayList<>();
    for (TorrentFile f : m.files()) {
      if (f.padding() || f.length() <= 0 || f.length() > BLOCK || f.piecesRootHex().isEmpty()) {
        continue;
      }
      String sha256 = f.piecesRootHex().get();
      List<KnownMatch> notable = known.match(MediaHashes.exact(null, null, sha256)).notable();
      if (!notable.isEmpty()) {
        out.add(new FileMatch(f.joinedPath(), f.length(), sha256, notable));
      }
    }
    return out;
  }
}
