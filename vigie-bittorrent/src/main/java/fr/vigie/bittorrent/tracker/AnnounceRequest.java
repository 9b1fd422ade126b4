package fr.vigie.bittorrent.tracker;

/**
 * One announce as a leecher that holds nothing. There are deliberately no {@code uploaded} or
 * {@code downloaded} fields: both are always sent as 0, and {@code event=completed} cannot be
 * expressed, so the sensor can never present itself as a seed.
 *
 * @param infoHash the 20 wire bytes (v1, or v2 truncated)
 * @param peerId our 20-byte peer id for this swarm
 * @param port the port we say we listen on (we accept no connection; trackers require one)
 * @param left bytes we still need: the torrent's size, or {@link #UNKNOWN_LEFT} for a magnet
 * @param numWant peers asked for
 * @param key a random value identifying us across IP changes (BEP 7's key)
 */
public record AnnounceRequest(byte[] infoHash, byte[] peerId, int port, long left, Event event, int numWant, int key) {

  /** {@code left} for a magnet whose size is not known yet: any non-zero value says "not a seed". */
  public static final long UNKNOWN_LEFT = 16L * 1024 * 1024;

  /** BEP 3 events we may send; {@code completed} is left out on purpose. */
  public enum Event {
    STARTED("started", 2),
    STOPPED("stopped", 3),
    NONE("", 0);

    private final String http;
    private final int udp;

    Event(String http, int udp) {
      this.http = http;
      this.udp = udp;
    }

    public String http() {
      return http;
    }

    public int udp() {
      return udp;
    }
  }

  public AnnounceRequest {
    if (infoHash.length != 20 || peerId.length != 20) {
      throw new IllegalArgumentException("infohash and peer id are 20 bytes each");
    }
    if (left <= 0) {
      throw new IllegalArgumentException("left must be positive: a sensor never announces as a seed, got " + left);
    }
    if (port < 1 || port > 65535 || numWant < 0) {
      throw new IllegalArgumentException("bad port " + port + " or numwant " + numWant);
    }
    infoHash = infoHash.clone();
    peerId = peerId.clone();
  }

  @Override
  public byte[] infoHash() {
    return infoHash.clone();
  }

  @Override
  public byte[] peerId() {
    return peerId.clone();
  }

  public AnnounceRequest withEvent(Event e) {
    return new AnnounceRequest(infoHash, peerId, port, left, e, numWant, key);
  }
}
