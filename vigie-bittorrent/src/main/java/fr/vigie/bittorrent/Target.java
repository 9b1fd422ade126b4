package fr.vigie.bittorrent;

import fr.vigie.bittorrent.metainfo.InfoHash;
import fr.vigie.bittorrent.metainfo.MagnetLink;
import fr.vigie.bittorrent.metainfo.Metainfo;
import java.util.ArrayList;
import java.util.List;

/** The torrent a probe watches: a .torrent we hold, or a magnet whose info we fetch from peers. */
public sealed interface Target {

  /** The hash records name the torrent by (v1 when known). */
  InfoHash infoHash();

  /** The 20 bytes of handshakes, announces and DHT lookups. */
  default byte[] wireHash() {
    return infoHash().wire();
  }

  /** Trackers the torrent itself names, tier by tier. */
  List<List<String>> trackerTiers();

  record Torrent(Metainfo metainfo) implements Target {
    public InfoHash infoHash() {
      return metainfo.primaryHash();
    }

    public List<List<String>> trackerTiers() {
      return metainfo.trackerTiers();
    }
  }

  record Magnet(MagnetLink link) implements Target {
    public InfoHash infoHash() {
      return link.primaryHash();
    }

    /** Each {@code tr} is its own tier, as BEP 9 suggests. */
    public List<List<String>> trackerTiers() {
      List<List<String>> tiers = new ArrayList<>();
      link.trackers().forEach(t -> tiers.add(List.of(t)));
      return tiers;
    }

    /** Whether raw info bytes are this magnet's torrent: every hash the link gives must match. */
    public boolean matches(byte[] rawInfo) {
      return link.v1().map(h -> h.matches(rawInfo)).orElse(true) && link.v2().map(h -> h.matches(rawInfo)).orElse(true);
    }
  }

  static Target of(Metainfo metainfo) {
    return new Torrent(metainfo);
  }

  static Target of(MagnetLink link) {
    return new Magnet(link);
  }
}
