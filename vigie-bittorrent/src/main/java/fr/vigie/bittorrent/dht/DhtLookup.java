package fr.vigie.bittorrent.dht;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * What one iterative get_peers found.
 *
 * @param peers each peer address with the node that gave it (first node wins)
 * @param closest the k closest nodes that answered, nearest first
 * @param tokens the token each answering node gave (we never use them: no announce_peer)
 * @param queries queries sent; {@code answers} and {@code timeouts} split them
 */
public record DhtLookup(Map<InetSocketAddress, DhtNode> peers, List<DhtNode> closest, Map<InetSocketAddress, byte[]> tokens,
    int queries, int answers, int errors, int timeouts) {

  public DhtLookup {
    peers = Map.copyOf(peers);
    closest = List.copyOf(closest);
    tokens = Map.copyOf(tokens);
  }
}
