package fr.vigie.app.p2p;

import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.storage.KeyFiles;
import fr.vigie.bittorrent.Leads;
import fr.vigie.bittorrent.PieceResult;
import fr.vigie.bittorrent.ProbeOptions;
import fr.vigie.bittorrent.Target;
import fr.vigie.bittorrent.metainfo.MagnetLink;
import fr.vigie.bittorrent.metainfo.Metainfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * The sensor run inside the server when {@code vigie.p2p.sensor-enabled} is true: every
 * {@code vigie.p2p.interval} it probes each active watch entry (from the .torrent when held, else
 * the magnet, else the bare infohash) and takes the lines in through {@link ObservationIntake},
 * like lines pushed by a sensor on its own host: signed by the server's own key, checked, stored
 * once; the bytes of the pieces downloaded are kept too, encrypted in the media store. The key is made at first start ({@code $VIGIE_HOME/keys/p2p-sensor.key}, 0600, and its
 * {@code .pub}) and registered under {@code vigie.p2p.sensor-name}. A round never overlaps the
 * next; {@code entries-at-once} entries are probed together and {@code connections-at-once}
 * peer connections are held at most, all entries together.
 */
@Service
public class ServerSensor implements SmartLifecycle {

  static final String KEY_FILE = "p2p-sensor.key";

  private static final Logger log = LoggerFactory.getLogger(ServerSensor.class);

  /** What one round of the whole watchlist did. */
  public record Figures(int entries, int lines, int accepted, int refused, long verified,
      long uploadedBytes) {}

  private final P2pSettings settings;
  private final Watchlist watchlist;
  private final Sensors sensors;
  private final ObservationIntake intake;
  private final Clock clock;
  private final Path keysDir;
  private final Semaphore connections;
  private volatile ScheduledExecutorService scheduler;
  private volatile PrivateKey key;

  ServerSensor(P2pSettings settings, Watchlist watchlist, Sensors sensors,
      ObservationIntake intake, Clock clock, @Value("${vigie.home}") String home) {
    this.settings = settings;
    this.watchlist = watchlist;
    this.sensors = sensors;
    this.intake = intake;
    this.clock = clock;
    this.keysDir = Path.of(home).toAbsolutePath().normalize().resolve("keys");
    this.connections = new Semaphore(settings.connectionsAtOnce());
  }

  @Override
  public void start() {
    if (!settings.sensorEnabled()) {
      return;
    }
    key = ownKey();
    scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("vigie-p2p-sensor").daemon().factory());
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        Figures f = runOnce();
        log.info("P2P round: {} entries, {} lines ({} stored, {} refused), {} verified, "
            + "{} bytes uploaded", f.entries(), f.lines(), f.accepted(), f.refused(),
            f.verified(), f.uploadedBytes());
      } catch (RuntimeException e) {
        log.warn("P2P round failed: {}", e.toString());
      }
    }, settings.initialDelay().toMillis(), settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    log.info("P2P sensor {} runs every {}", settings.sensorName(), settings.interval());
  }

  @Override
  public void stop() {
    ScheduledExecutorService s = scheduler;
    if (s != null) {
      // The round under way ends first (its lines are taken in), unless it takes too long.
      s.shutdown();
      try {
        if (!s.awaitTermination(30, TimeUnit.SECONDS)) {
          s.shutdownNow();
        }
      } catch (InterruptedException e) {
        s.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    scheduler = null;
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }

  /**
   * The server's sensor key, made at first start, and its registration: a sensor of that name
   * registered with another key is refused (the server would sign lines nobody could check).
   */
  PrivateKey ownKey() {
    Path file = keysDir.resolve(KEY_FILE);
    Path pub = keysDir.resolve(KEY_FILE + ".pub");
    try {
      if (!Files.exists(file)) {
        KeyPair pair = Ed25519Keys.generate();
        String[] pem = Ed25519Keys.pem(pair);
        KeyFiles.writeNew(file, pem[0].getBytes(StandardCharsets.US_ASCII));
        if (!Files.exists(pub)) {
          Files.writeString(pub, pem[1], StandardCharsets.US_ASCII);
        }
      }
      PrivateKey privateKey = Ed25519Keys.privateKey(KeyFiles.readPrivate(file));
      PublicKey publicKey = Ed25519Keys.readPublicKey(pub);
      String probe = "vigie-p2p-sensor-key-check";
      if (!Ed25519Keys.verify(publicKey, probe, Ed25519Keys.sign(privateKey, probe))) {
        throw new IllegalStateException(pub + " is not the public key of " + file);
      }
      String text = Ed25519Keys.publicKeyText(publicKey);
      Optional<Sensor> known = sensors.byName(settings.sensorName());
      if (known.isEmpty()) {
        if (sensors.register(settings.sensorName(), text, actor())
            instanceof Sensors.Registration.Invalid invalid) {
          throw new IllegalStateException("cannot register the server's P2P sensor: "
              + invalid.reason());
        }
      } else if (!known.get().publicKey().equals(text)) {
        throw new IllegalStateException("a sensor named " + settings.sensorName()
            + " is registered with another key than " + pub + ": set vigie.p2p.sensor-name");
      }
      return privateKey;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the P2P sensor key: " + e.getMessage(), e);
    }
  }

  /** One round of the active watchlist, each entry's lines taken in as they come. */
  public Figures runOnce() {
    PrivateKey k = key != null ? key : (key = ownKey());
    List<WatchEntry> entries = watchlist.active();
    ExecutorService pool = Executors.newFixedThreadPool(settings.entriesAtOnce(),
        Thread.ofVirtual().name("vigie-p2p-entry-", 0).factory());
    List<Future<Figures>> results = new ArrayList<>();
    try {
      for (WatchEntry e : entries) {
        results.add(pool.submit(() -> probe(e, k)));
      }
      int lines = 0;
      int accepted = 0;
      int refused = 0;
      long verified = 0;
      long uploaded = 0;
      for (Future<Figures> r : results) {
        Figures f = r.get();
        lines += f.lines();
        accepted += f.accepted();
        refused += f.refused();
        verified += f.verified();
        uploaded += f.uploadedBytes();
      }
      return new Figures(entries.size(), lines, accepted, refused, verified, uploaded);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("P2P round interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("P2P round failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private Figures probe(WatchEntry e, PrivateKey k) throws IOException {
    Target target;
    try {
      Optional<byte[]> torrent = e.hasTorrent() ? watchlist.torrent(e.id()) : Optional.empty();
      target = torrent.isPresent() ? Target.of(Metainfo.parse(torrent.get()))
          : Target.of(MagnetLink.parse(e.magnet().orElse(e.infohash().length() == 40
              ? "magnet:?xt=urn:btih:" + e.infohash()
              : "magnet:?xt=urn:btmh:1220" + e.infohash())));
    } catch (RuntimeException ex) {
      log.warn("P2P entry {} cannot be probed: {}", e.id(), ex.getMessage());
      return new Figures(1, 0, 0, 0, 0, 0);
    }
    TimeSource.Checked time = settings.ntpServer().isBlank()
        ? new TimeSource.Checked(clock, Optional.empty(), "system clock (not checked against NTP)")
        : TimeSource.check(clock, TimeSource.server(settings.ntpServer()), Duration.ofSeconds(3));
    ProbeOptions.Builder options = ProbeOptions.builder(time.clock())
        .piecesPerPeer(settings.pieces()).unchokeWait(settings.unchokeWait())
        .globalConcurrency(connections);
    if (settings.loopbackOnly()) {
      options.mayContact(ProbeOptions::loopback);
    }
    List<InetSocketAddress> peers = new ArrayList<>();
    for (String hp : settings.peers()) {
      MagnetLink.HostPort h = MagnetLink.HostPort.parse(hp);
      peers.add(new InetSocketAddress(InetAddress.getByName(h.host()), h.port()));
    }
    SensorRound.Round round = SensorRound.run(target,
        Leads.fromTarget().withTrackers(settings.trackers()).withPeers(peers), options.build(),
        new SignedLines.SensorStamp(settings.sensorName(), version(),
            time.offsetMs().orElse(null), time.source()), Optional.of(k));
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < round.lines().size(); i++) {
      Map<Integer, byte[]> bytes = new HashMap<>();
      for (PieceResult p : round.observations().get(i).pieces()) {
        if (p.data() != null) {
          bytes.put(p.index(), p.data().value());
        }
      }
      if (intake.accept(round.lines().get(i), bytes, actor()) instanceof IntakeResult.Accepted) {
        accepted++;
      } else {
        refused++;
      }
    }
    return new Figures(1, round.lines().size(), accepted, refused, round.verified(),
        round.uploadedBytes());
  }

  private AuditActor actor() {
    return new AuditActor("p2p-sensor:" + settings.sensorName(), "SYSTEM", "127.0.0.1");
  }

  private static String version() {
    String v = ServerSensor.class.getPackage().getImplementationVersion();
    return "vigie-server " + (v == null ? "dev" : v);
  }
}
