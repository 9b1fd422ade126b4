package fr.vigie.bittorrent;

import java.net.InetSocketAddress;

/**
 * Where a peer's address came from. A lead is not evidence (listings can be spoofed): only our own
 * connection to the address is.
 */
public sealed interface LeadSource {

  /** The label written in observations: the tracker URL, {@code dht}, {@code pex:<ip>:<port>}… */
  String label();

  /** Listed by a tracker's announce answer. */
  record Tracker(String url) implements LeadSource {
    public String label() {
      return url;
    }
  }

  /** A {@code values} entry of a DHT {@code get_peers} answer, from the node named. */
  record Dht(InetSocketAddress node) implements LeadSource {
    public String label() {
      return "dht";
    }
  }

  /** A BEP 11 {@code added} entry sent by the peer named. */
  record Pex(InetSocketAddress from) implements LeadSource {
    public String label() {
      return "pex:" + Addresses.format(from);
    }
  }

  /** Given by the caller ({@code --peer}). */
  record Explicit() implements LeadSource {
    public String label() {
      return "explicit";
    }
  }

  /** An {@code x.pe} parameter of the magnet link. */
  record Magnet() implements LeadSource {
    public String label() {
      return "magnet";
    }
  }
}
