package fr.vigie.bittorrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.bittorrent.fakes.TorrentBuilder;
import fr.vigie.bittorrent.metainfo.MagnetLink;
import fr.vigie.bittorrent.metainfo.Metainfo;
import fr.vigie.bittorrent.tracker.AnnounceRequest;
import fr.vigie.bittorrent.tracker.AnnounceResult;
import fr.vigie.bittorrent.tracker.TrackerOptions;
import fr.vigie.bittorrent.tracker.Trackers;
import fr.vigie.bittorrent.wire.PeerIds;
import fr.vigie.testing.Strictness;
import java.io.IOException;
import java.io.Writer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sensor against real software on loopback: Debian's opentracker and npm's bittorrent-tracker
 * (HTTP and UDP each), with Debian's transmission-daemon (on 127.0.0.2) and two aria2c (127.0.0.3
 * and .4, see below) seeding a file of generated random bytes, DHT, LPD, PEX, UPnP and NAT-PMP off. The sensor finds
 * each seeder through each tracker, handshakes, reads its bitfield, fetches the info dictionary by
 * ut_metadata from a magnet, downloads and verifies pieces from each peer alone; nothing uploaded.
 */
@Timeout(value = 240)
class BittorrentInteropIT {

  private static final int PIECES_PER_PEER = 3;
  private static final InetAddress TRANSMISSION_IP = ip("127.0.0.2");
  private static final InetAddress ARIA2_IP = ip("127.0.0.3");
  private static final InetAddress ARIA2B_IP = ip("127.0.0.4");
  private static final InetAddress TRANSMISSION_CRYPTO_IP = ip("127.0.0.5");
  private static final InetAddress ARIA2_CRYPTO_IP = ip("127.0.0.6");

  private static Path dir;
  private static final List<RealProcess> processes = new ArrayList<>();
  private static Metainfo torrent;
  private static byte[] torrentBytes;
  private static Map<String, String> trackers; // name -> URL
  private static InetSocketAddress transmission;
  private static InetSocketAddress aria2;
  private static InetSocketAddress aria2b;
  private static InetSocketAddress transmissionCrypto;
  private static InetSocketAddress aria2Crypto;
  /** Which seeders each tracker must lead to. */
  private static Map<String, List<InetSocketAddress>> expected;
  private static final List<Observation> all = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void startTrackersAndSeeders() throws Exception {
    Strictness.require(onPath("opentracker"), "opentracker missing: apt-get install -y opentracker");
    Strictness.require(onPath("transmission-daemon"), "transmission-daemon missing: apt-get install -y transmission-daemon");
    Strictness.require(onPath("aria2c"), "aria2c missing: apt-get install -y aria2");
    Strictness.require(onPath("node"), "node missing: apt-get install -y nodejs npm");
    Path node = Path.of("src/test/node").toAbsolutePath();
    Strictness.require(Files.isDirectory(node.resolve("node_modules/bittorrent-tracker")),
        "bittorrent-tracker missing: npm ci --ignore-scripts --prefix vigie-bittorrent/src/test/node");

    dir = Files.createTempDirectory("vigie-bt-interop");
    byte[] content = TorrentBuilder.randomBytes(2026, 2 * 1024 * 1024 + 12_345);

    int ot = freePort();
    int btHttp = freePort();
    int btUdp = freePort();
    trackers = new LinkedHashMap<>();
    trackers.put("opentracker-http", "http://127.0.0.1:" + ot + "/announce");
    trackers.put("opentracker-udp", "udp://127.0.0.1:" + ot + "/announce");
    trackers.put("bittorrent-tracker-http", "http://127.0.0.1:" + btHttp + "/announce");
    trackers.put("bittorrent-tracker-udp", "udp://127.0.0.1:" + btUdp);
    TorrentBuilder builder = TorrentBuilder.named("interop-sample.bin").single(content).pieceLength(32 * 1024);
    trackers.values().forEach(builder::tier);
    torrentBytes = builder.build();
    torrent = Metainfo.parse(torrentBytes);
    Files.write(dir.resolve("interop-sample.torrent"), torrentBytes);

    // Debian builds opentracker in whitelist mode: only listed infohashes may be announced
    Path otDir = Files.createDirectories(dir.resolve("opentracker"));
    Files.writeString(otDir.resolve("whitelist.txt"), torrent.primaryHash().hex() + "\n");
    processes.add(RealProcess.start("opentracker", otDir, dir,
        List.of("opentracker", "-i", "127.0.0.1", "-p", "" + ot, "-P", "" + ot, "-d", otDir.toString(), "-w", "whitelist.txt")));
    RealProcess bt = RealProcess.start("bittorrent-tracker", node, dir, List.of("node", "tracker.mjs", "" + btHttp, "" + btUdp));
    processes.add(bt);
    bt.awaitOutput("listening", Duration.ofSeconds(20));

    transmission = startTransmission("transmission-daemon", TRANSMISSION_IP, 0, content);
    // the same torrent from peers that refuse plaintext: reached by MSE only
    transmissionCrypto = startTransmission("transmission-daemon-encryption-required", TRANSMISSION_CRYPTO_IP, 2, content);

    // aria2 follows BEP 12 to the letter: it announces to the first tier that answers, and no
    // other. So one aria2 seeds a torrent file listing opentracker first (127.0.0.3), another the
    // same info dictionary (same infohash) listing bittorrent-tracker first (127.0.0.4).
    aria2 = startAria2("aria2c-opentracker-first", ARIA2_IP, torrentBytes, content, false);
    TorrentBuilder reordered = TorrentBuilder.named("interop-sample.bin").single(content).pieceLength(32 * 1024);
    reordered.tier(trackers.get("bittorrent-tracker-http")).tier(trackers.get("bittorrent-tracker-udp"))
        .tier(trackers.get("opentracker-http")).tier(trackers.get("opentracker-udp"));
    aria2b = startAria2("aria2c-bittorrent-tracker-first", ARIA2B_IP, reordered.build(), content, false);
    aria2Crypto = startAria2("aria2c-crypto-required", ARIA2_CRYPTO_IP, torrentBytes, content, true);
    expected = new LinkedHashMap<>();
    expected.put("opentracker-http", List.of(transmission, aria2));
    expected.put("opentracker-udp", List.of(transmission, aria2));
    expected.put("bittorrent-tracker-http", List.of(transmission, aria2b));
    expected.put("bittorrent-tracker-udp", List.of(transmission, aria2b));
    // the encryption-requiring seeders announce too (aria2 to its first tier only)
    expected.put("opentracker-http", List.of(transmission, aria2, transmissionCrypto, aria2Crypto));

    awaitListed();
    probeEverythingAtOnce();
  }

  /** Probe results by name: one per tracker, the magnet, the encryption-requiring seeders. */
  private static final Map<String, ProbeResult> results = new LinkedHashMap<>();

  /**
   * Every probe of the run at once, each from its own local address: Transmission unchokes at its
   * 10 s rechoke, so probes one after another would wait for it each time.
   */
  private static void probeEverythingAtOnce() throws Exception {
    MagnetLink magnet = MagnetLink.parse("magnet:?xt=urn:btih:" + torrent.primaryHash().hex() + "&dn=interop-sample.bin"
        + "&x.pe=" + Addresses.format(transmission) + "&x.pe=" + Addresses.format(aria2) + "&x.pe=" + Addresses.format(aria2b));
    Map<String, java.util.concurrent.Callable<ProbeResult>> probes = new LinkedHashMap<>();
    int i = 10;
    for (var e : trackers.entrySet()) {
      ProbeOptions o = options("127.0.0." + i++).build();
      probes.put(e.getKey(), () -> new SwarmProbe(o).probe(Target.of(torrent), Leads.only(List.of()).withTrackers(List.of(e.getValue()))));
    }
    ProbeOptions magnetOptions = options("127.0.0.20").metadataFromEachPeer(true).build();
    probes.put("magnet", () -> new SwarmProbe(magnetOptions).probe(Target.of(magnet), Leads.fromTarget()));
    ProbeOptions cryptoOptions = options("127.0.0.21").build();
    probes.put("encryption-required",
        () -> new SwarmProbe(cryptoOptions).probe(Target.of(torrent), Leads.only(List.of(transmissionCrypto, aria2Crypto))));
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, Future<ProbeResult>> futures = new LinkedHashMap<>();
      probes.forEach((name, probe) -> futures.put(name, pool.submit(probe)));
      for (var e : futures.entrySet()) {
        ProbeResult r = e.getValue().get();
        results.put(e.getKey(), r);
        all.addAll(r.observations());
        r.observations().forEach(o -> System.out.println("interop: " + e.getKey() + ": " + ObservationJson.line(o, java.util.Optional.empty())));
      }
    }
  }

  /** {@code encryption}: 0 prefers plaintext, 2 requires encryption (Transmission's settings). */
  private static InetSocketAddress startTransmission(String name, InetAddress address, int encryption, byte[] content) throws IOException {
    int port = freePort();
    Path config = Files.createDirectories(dir.resolve(name + "/config"));
    Path data = Files.createDirectories(dir.resolve(name + "/data"));
    Path watch = Files.createDirectories(dir.resolve(name + "/watch"));
    Files.write(data.resolve("interop-sample.bin"), content);
    Files.writeString(config.resolve("settings.json"), """
        {
          "dht-enabled": false, "lpd-enabled": false, "pex-enabled": false, "port-forwarding-enabled": false,
          "utp-enabled": false, "encryption": %d, "blocklist-enabled": false,
          "bind-address-ipv4": "%s", "bind-address-ipv6": "::1",
          "peer-port": %d, "peer-port-random-on-start": false,
          "rpc-enabled": true, "rpc-bind-address": "127.0.0.1", "rpc-port": %d, "rpc-authentication-required": false,
          "rpc-whitelist-enabled": true, "rpc-whitelist": "127.0.0.1", "rpc-host-whitelist-enabled": false,
          "download-dir": "%s", "incomplete-dir-enabled": false,
          "watch-dir-enabled": true, "watch-dir": "%s", "start-added-torrents": true,
          "ratio-limit-enabled": false, "idle-seeding-limit-enabled": false, "message-level": 2
        }
        """.formatted(encryption, address.getHostAddress(), port, freePort(), data, watch));
    processes.add(RealProcess.start(name, dir, dir, List.of("transmission-daemon", "-f", "-g", config.toString(), "--log-info")));
    Files.write(watch.resolve("interop-sample.torrent"), torrentBytes);
    return new InetSocketAddress(address, port);
  }

  private static InetSocketAddress startAria2(String name, InetAddress address, byte[] torrentFile, byte[] content, boolean requireCrypto)
      throws IOException {
    int port = freePort();
    Path data = Files.createDirectories(dir.resolve(name));
    Files.write(data.resolve("interop-sample.bin"), content);
    Path file = data.resolve("interop-sample.torrent");
    Files.write(file, torrentFile);
    processes.add(RealProcess.start(name, data, dir, List.of("aria2c",
        "--dir=" + data, "--check-integrity=true", "--seed-ratio=0.0", "--interface=" + address.getHostAddress(), "--disable-ipv6=true",
        "--listen-port=" + port, "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false",
        "--enable-peer-exchange=false", "--bt-require-crypto=" + requireCrypto, "--bt-min-crypto-level=" + (requireCrypto ? "arc4" : "plain"),
        "--console-log-level=notice", "--summary-interval=0", "--no-conf=true", "--follow-torrent=false", file.toString())));
    return new InetSocketAddress(address, port);
  }

  /** Until every tracker lists both seeders, asking as the sensor does (bounded). */
  private static void awaitListed() throws InterruptedException {
    Trackers client = new Trackers(trackerOptions());
    AnnounceRequest request = new AnnounceRequest(torrent.wireHash(), PeerIds.generate(), closedPort(), torrent.totalSize(),
        AnnounceRequest.Event.NONE, 50, 7);
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    Map<String, Set<InetSocketAddress>> listed = new LinkedHashMap<>();
    while (System.nanoTime() < end) {
      listed.clear();
      for (var e : trackers.entrySet()) {
        AnnounceResult r = client.announce(e.getValue(), request);
        listed.put(e.getKey(), r instanceof AnnounceResult.Peers p ? Set.copyOf(p.peers()) : Set.of());
      }
      if (expected.entrySet().stream().allMatch(e -> listed.get(e.getKey()).containsAll(e.getValue()))) {
        System.out.println("interop: every tracker lists both seeders: " + listed);
        return;
      }
      processes.forEach(p -> {
        if (!p.alive()) {
          throw new IllegalStateException("a program ended early: " + p.output());
        }
      });
      Thread.sleep(1000);
    }
    throw new IllegalStateException("trackers never listed the seeders " + expected + ": " + listed
        + processes.stream().map(p -> "\n--- " + p.output()).collect(Collectors.joining()));
  }

  @AfterAll
  static void stopEverything() throws IOException {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    if (dir != null) {
      Path out = Path.of("target/interop");
      Files.createDirectories(out);
      try (Writer w = Files.newBufferedWriter(out.resolve("observations.jsonl"), StandardCharsets.UTF_8)) {
        ObservationJson.write(w, all);
      }
      for (String log : List.of("opentracker", "bittorrent-tracker", "transmission-daemon", "aria2c-opentracker-first",
          "aria2c-bittorrent-tracker-first", "transmission-daemon-encryption-required", "aria2c-crypto-required")) {
        Path p = dir.resolve(log + ".log");
        if (Files.exists(p)) {
          Files.copy(p, out.resolve(log + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      assertEquals(0, all.stream().mapToLong(Observation::uploadedBytes).sum(), "zero bytes of payload uploaded in the whole run");
    }
  }

  private static ProbeOptions.Builder options(String localIp) {
    return ProbeOptions.builder(Clock.systemUTC())
        .connectTimeout(Duration.ofSeconds(5)).handshakeTimeout(Duration.ofSeconds(10)).bitfieldWait(Duration.ofSeconds(5))
        .messageTimeout(Duration.ofSeconds(20)).unchokeWait(Duration.ofSeconds(30)).peerDeadline(Duration.ofSeconds(90))
        .piecesPerPeer(PIECES_PER_PEER).mayContact(ProbeOptions::loopback).announcePort(closedPort())
        // Transmission treats several peers from one IP as one: each probe leaves from its own address
        .localAddress(ip(localIp)).trackers(trackerOptions());
  }

  private static TrackerOptions trackerOptions() {
    return new TrackerOptions(Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofSeconds(1), 3, 1 << 20, 4);
  }

  @Test
  void eachTrackerLeadsToEverySeederThatAnnouncedThereAndEachServesVerifiedPiecesAlone() {
    for (String name : trackers.keySet()) {
      var e = Map.entry(name, results.get(name));
      ProbeResult r = e.getValue();
      String url = trackers.get(e.getKey());
      for (InetSocketAddress seeder : expected.get(e.getKey())) {
        Observation o = r.observations().stream().filter(x -> x.remote().equals(seeder)).findFirst()
            .orElseThrow(() -> new AssertionError(e.getKey() + " did not lead to " + seeder + ": " + r));
        assertEquals(new LeadSource.Tracker(url), o.lead());
        assertInstanceOf(Outcome.Verified.class, o.outcome(), e.getKey() + " " + seeder + ": " + o.outcome());
        assertEquals(PIECES_PER_PEER, o.pieces().size());
        assertTrue(o.pieces().stream().allMatch(PieceResult::verified));
        assertEquals(torrent.pieceCount(), o.piecesTotal());
        assertEquals(torrent.pieceCount(), o.piecesHeld(), "a seeder's bitfield");
        assertTrue(o.handshakeAt().isPresent() && o.extensionHandshake().isPresent());
        assertEquals(0, o.uploadedBytes());
      }
      Observation tr = r.observations().stream().filter(x -> x.remote().equals(transmission)).findFirst().orElseThrow();
      Observation ar = r.observations().stream().filter(x -> x.remote().getAddress().getHostAddress().startsWith("127.0.0.")
          && (x.remote().equals(aria2) || x.remote().equals(aria2b))).findFirst().orElseThrow();
      assertTrue(tr.client().orElseThrow().startsWith("Transmission 3."), tr.client().toString());
      assertTrue(ar.client().orElseThrow().startsWith("aria2 1."), ar.client().toString());
    }
  }

  @Test
  void aMagnetGetsItsInfoDictionaryFromEachSeederByUtMetadata() {
    ProbeResult r = results.get("magnet");
    assertEquals(3, r.observations().size(), r.toString());
    assertEquals(torrent.primaryHash(), r.metainfo().orElseThrow().primaryHash());
    for (Observation o : r.observations()) {
      assertInstanceOf(LeadSource.Magnet.class, o.lead());
      assertTrue(o.metadataVerified(), "info dictionary from " + o.remote() + " hashed to the infohash");
      assertInstanceOf(Outcome.Verified.class, o.outcome(), o.remote() + ": " + o.outcome());
      assertEquals(0, o.uploadedBytes());
    }
  }

  @Test
  void seedersThatRequireEncryptionAreReachedByMseAndServeVerifiedPieces() {
    ProbeResult r = results.get("encryption-required");
    assertEquals(2, r.observations().size(), r.toString());
    for (Observation o : r.observations()) {
      assertInstanceOf(Outcome.Verified.class, o.outcome(), o.remote() + ": " + o.outcome());
      assertTrue(o.plaintextRefused(), o.remote() + " hung up on plaintext first");
      assertEquals("mse_rc4", o.encryption());
      assertEquals(0, o.uploadedBytes());
    }
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  /** A port free for both TCP and UDP on loopback. */
  private static int freePort() throws IOException {
    while (true) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          DatagramSocket d = new DatagramSocket(s.getLocalPort(), InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (java.net.BindException e) {
        // that port is taken for UDP: another
      }
    }
  }

  private static int closedPortValue;

  /** A port nobody listens on: what we announce, so that seeders cannot connect back to us. */
  private static synchronized int closedPort() {
    if (closedPortValue == 0) {
      try {
        closedPortValue = freePort();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return closedPortValue;
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
