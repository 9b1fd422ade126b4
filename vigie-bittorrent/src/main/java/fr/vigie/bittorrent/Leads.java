package fr.vigie.bittorrent;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Where a probe looks for peers.
 *
 * @param trackers trackers to ask besides the torrent's own (each its own tier)
 * @param targetTrackers also ask the trackers the torrent or magnet names
 * @param dht look the infohash up in the DHT (only if bootstrap nodes are configured)
 * @param peers addresses given by the caller
 */
public record Leads(List<String> trackers, boolean targetTrackers, boolean dht, List<InetSocketAddress> peers) {

  public Leads {
    trackers = List.copyOf(trackers);
    peers = List.copyOf(peers);
  }

  /** The torrent's trackers, the DHT when configured, and the magnet's x.pe peers. */
  public static Leads fromTarget() {
    return new Leads(List.of(), true, true, List.of());
  }

  /** Only these peers: no tracker, no DHT. */
  public static Leads only(List<InetSocketAddress> peers) {
    return new Leads(List.of(), false, false, peers);
  }

  public Leads withTrackers(List<String> urls) {
    return new Leads(urls, targetTrackers, dht, peers);
  }

  public Leads withPeers(List<InetSocketAddress> addresses) {
    return new Leads(trackers, targetTrackers, dht, addresses);
  }
}
