package fr.vigie.bittorrent.dht;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Bounds on DHT traffic.
 *
 * @param bootstrap nodes to start from; none by default: the DHT is used only when configured
 * @param bind local address of the UDP socket (empty: the wildcard address)
 * @param queryTimeout wait for one answer
 * @param alpha queries in flight at once in one lookup
 * @param k closest nodes a lookup converges on
 * @param maxQueriesPerLookup queries one lookup may send
 * @param maxQueriesPerSecond queries the client may send, all lookups together
 * @param lookupTimeout a lookup's whole time
 */
public record DhtOptions(Clock clock, List<InetSocketAddress> bootstrap, Optional<InetAddress> bind, Duration queryTimeout,
    int alpha, int k, int maxQueriesPerLookup, int maxQueriesPerSecond, Duration lookupTimeout) {

  public DhtOptions {
    bootstrap = List.copyOf(bootstrap);
    if (alpha < 1 || k < 1 || maxQueriesPerLookup < 1 || maxQueriesPerSecond < 1) {
      throw new IllegalArgumentException("DHT bounds must be positive");
    }
  }

  public static DhtOptions defaults(Clock clock) {
    return new DhtOptions(clock, List.of(), Optional.empty(), Duration.ofSeconds(3), 3, 8, 100, 50, Duration.ofSeconds(30));
  }

  public DhtOptions withBootstrap(List<InetSocketAddress> nodes) {
    return new DhtOptions(clock, nodes, bind, queryTimeout, alpha, k, maxQueriesPerLookup, maxQueriesPerSecond, lookupTimeout);
  }

  public DhtOptions withBind(InetAddress address) {
    return new DhtOptions(clock, bootstrap, Optional.of(address), queryTimeout, alpha, k, maxQueriesPerLookup, maxQueriesPerSecond, lookupTimeout);
  }

  public DhtOptions withLimits(Duration queryTimeout, int maxQueriesPerLookup, int maxQueriesPerSecond, Duration lookupTimeout) {
    return new DhtOptions(clock, bootstrap, bind, queryTimeout, alpha, k, maxQueriesPerLookup, maxQueriesPerSecond, lookupTimeout);
  }
}
