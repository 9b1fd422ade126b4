package fr.vigie.bittorrent.tracker;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** What one tracker answered to one announce. */
public sealed interface AnnounceResult {

  String url();

  Instant at();

  /** The tracker answered with peers (maybe none). */
  record Peers(String url, Instant at, List<InetSocketAddress> peers, int intervalSeconds, OptionalInt seeders,
      OptionalInt leechers, Optional<String> warning) implements AnnounceResult {
    public Peers {
      peers = List.copyOf(peers);
    }
  }

  /** The tracker answered with a {@code failure reason} (HTTP) or an error action (UDP). */
  record Refused(String url, Instant at, String reason) implements AnnounceResult {}

  /** No usable answer: network error, timeout, bad encoding, unsupported scheme. */
  record Failed(String url, Instant at, String error) implements AnnounceResult {}
}
