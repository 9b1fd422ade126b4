package fr.vigie.bittorrent;

import fr.vigie.bittorrent.dht.DhtOptions;
import fr.vigie.bittorrent.tracker.TrackerOptions;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;

/**
 * How one probe runs. Every wait has a bound; concurrency is bounded per swarm and, through a
 * {@link Semaphore} the application shares between probes, in total.
 *
 * @param clock the time source of every instant recorded (the application's NTP-checked clock)
 * @param connectTimeout TCP connect
 * @param handshakeTimeout the peer's handshake after ours
 * @param bitfieldWait after the handshake, how long we wait for the extension handshake and the
 *     bitfield (a peer holding nothing may send neither)
 * @param linger after the bitfield, how long we keep listening when no piece is wanted: the
 *     {@code have}s of a lazy bitfield and a first PEX message come then
 * @param messageTimeout an answer we asked for (a metadata piece, a block) once unchoked
 * @param unchokeWait how long we stay interested and choked before giving up (at least 30 s in
 *     production: clients unchoke in rounds of 10 s)
 * @param peerDeadline the whole exchange with one peer
 * @param piecesPerPeer pieces to download from each peer alone (0: observe only)
 * @param pipeline block requests outstanding at once
 * @param fetchMetadata fetch the info dictionary by ut_metadata for a magnet
 * @param metadataFromEachPeer ask every peer for the info dictionary, even when another gave it
 *     (evidence that this peer has it too)
 * @param maxMetadataSize bytes of info dictionary accepted
 * @param maxPeers peers contacted per probe
 * @param swarmConcurrency peers contacted at once by this probe
 * @param globalConcurrency shared by all probes of the sensor
 * @param localAddress address our connections leave from (empty: the system's choice)
 * @param announcePort the port announced to trackers (we accept no connection on it)
 * @param numWant peers asked of each tracker
 * @param followPex contact peers learnt by PEX during the probe (they are recorded as leads anyway)
 * @param encryption when to use MSE/PE (plaintext first, MSE when a peer hangs up on it, by default)
 * @param mayContact addresses we may connect to: the networks the sensor is configured for (loopback in tests)
 */
public record ProbeOptions(
    Clock clock,
    Duration connectTimeout,
    Duration handshakeTimeout,
    Duration bitfieldWait,
    Duration linger,
    Duration messageTimeout,
    Duration unchokeWait,
    Duration peerDeadline,
    int piecesPerPeer,
    int pipeline,
    boolean fetchMetadata,
    boolean metadataFromEachPeer,
    int maxMetadataSize,
    int maxPeers,
    int swarmConcurrency,
    Semaphore globalConcurrency,
    Optional<InetAddress> localAddress,
    int announcePort,
    int numWant,
    boolean followPex,
    Encryption encryption,
    Predicate<InetAddress> mayContact,
    TrackerOptions trackers,
    DhtOptions dht) {

  public ProbeOptions {
    if (linger.isNegative()) {
      throw new IllegalArgumentException("negative linger " + linger);
    }
    for (Duration d : new Duration[] {connectTimeout, handshakeTimeout, bitfieldWait, messageTimeout, unchokeWait, peerDeadline}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("every wait must be positive: " + d);
      }
    }
    if (piecesPerPeer < 0 || pipeline < 1 || pipeline > 256 || maxMetadataSize < 1 || maxPeers < 1 || swarmConcurrency < 1) {
      throw new IllegalArgumentException("bad probe bounds");
    }
  }

  /**
   * Production defaults: 30 s unchoke wait, 4 pieces a peer, 16 peers at once, 200 a probe, 256 in
   * total, any unicast address.
   */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  public Builder toBuilder() {
    Builder b = new Builder(clock);
    b.connectTimeout = connectTimeout;
    b.handshakeTimeout = handshakeTimeout;
    b.bitfieldWait = bitfieldWait;
    b.linger = linger;
    b.messageTimeout = messageTimeout;
    b.unchokeWait = unchokeWait;
    b.peerDeadline = peerDeadline;
    b.piecesPerPeer = piecesPerPeer;
    b.pipeline = pipeline;
    b.fetchMetadata = fetchMetadata;
    b.metadataFromEachPeer = metadataFromEachPeer;
    b.maxMetadataSize = maxMetadataSize;
    b.maxPeers = maxPeers;
    b.swarmConcurrency = swarmConcurrency;
    b.globalConcurrency = globalConcurrency;
    b.localAddress = localAddress;
    b.announcePort = announcePort;
    b.numWant = numWant;
    b.followPex = followPex;
    b.encryption = encryption;
    b.mayContact = mayContact;
    b.trackers = trackers;
    b.dht = dht;
    return b;
  }

  /** Unicast addresses only: never a wildcard, multicast or broadcast address, whatever a lead says. */
  public static boolean unicast(InetAddress a) {
    return !a.isAnyLocalAddress() && !a.isMulticastAddress() && !a.getHostAddress().equals("255.255.255.255");
  }

  /** Loopback only: what tests and interop runs allow. */
  public static boolean loopback(InetAddress a) {
    return a.isLoopbackAddress();
  }

  /** Mutable builder; {@link #build()} checks the bounds. */
  public static final class Builder {
    private final Clock clock;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Duration bitfieldWait = Duration.ofSeconds(5);
    private Duration linger = Duration.ofMillis(300);
    private Duration messageTimeout = Duration.ofSeconds(20);
    private Duration unchokeWait = Duration.ofSeconds(30);
    private Duration peerDeadline = Duration.ofMinutes(3);
    private int piecesPerPeer = 4;
    private int pipeline = 16;
    private boolean fetchMetadata = true;
    private boolean metadataFromEachPeer;
    private int maxMetadataSize = 8 << 20;
    private int maxPeers = 200;
    private int swarmConcurrency = 16;
    private Semaphore globalConcurrency = new Semaphore(256);
    private Optional<InetAddress> localAddress = Optional.empty();
    private int announcePort = 6881;
    private int numWant = 200;
    private boolean followPex;
    private Encryption encryption = Encryption.FALLBACK;
    private Predicate<InetAddress> mayContact = ProbeOptions::unicast;
    private TrackerOptions trackers;
    private DhtOptions dht;

    private Builder(Clock clock) {
      this.clock = clock;
      this.trackers = TrackerOptions.defaults(clock);
      this.dht = DhtOptions.defaults(clock);
    }

    public Builder connectTimeout(Duration d) { connectTimeout = d; return this; }
    public Builder handshakeTimeout(Duration d) { handshakeTimeout = d; return this; }
    public Builder bitfieldWait(Duration d) { bitfieldWait = d; return this; }
    public Builder linger(Duration d) { linger = d; return this; }
    public Builder messageTimeout(Duration d) { messageTimeout = d; return this; }
    public Builder unchokeWait(Duration d) { unchokeWait = d; return this; }
    public Builder peerDeadline(Duration d) { peerDeadline = d; return this; }
    public Builder piecesPerPeer(int n) { piecesPerPeer = n; return this; }
    public Builder pipeline(int n) { pipeline = n; return this; }
    public Builder fetchMetadata(boolean b) { fetchMetadata = b; return this; }
    public Builder metadataFromEachPeer(boolean b) { metadataFromEachPeer = b; return this; }
    public Builder maxMetadataSize(int n) { maxMetadataSize = n; return this; }
    public Builder maxPeers(int n) { maxPeers = n; return this; }
    public Builder swarmConcurrency(int n) { swarmConcurrency = n; return this; }
    public Builder globalConcurrency(Semaphore s) { globalConcurrency = s; return this; }
    public Builder localAddress(InetAddress a) { localAddress = Optional.of(a); return this; }
    public Builder announcePort(int p) { announcePort = p; return this; }
    public Builder numWant(int n) { numWant = n; return this; }
    public Builder followPex(boolean b) { followPex = b; return this; }
    public Builder encryption(Encryption e) { encryption = e; return this; }
    public Builder mayContact(Predicate<InetAddress> p) { mayContact = p; return this; }
    public Builder trackers(TrackerOptions t) { trackers = t; return this; }
    public Builder dht(DhtOptions d) { dht = d; return this; }

    public ProbeOptions build() {
      return new ProbeOptions(clock, connectTimeout, handshakeTimeout, bitfieldWait, linger, messageTimeout, unchokeWait, peerDeadline,
          piecesPerPeer, pipeline, fetchMetadata, metadataFromEachPeer, maxMetadataSize, maxPeers, swarmConcurrency,
          globalConcurrency, localAddress, announcePort, numWant, followPex, encryption, mayContact, trackers, dht);
    }
  }
}
