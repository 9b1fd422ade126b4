package fr.vigie.app.p2p;

import fr.vigie.bittorrent.Leads;
import fr.vigie.bittorrent.ProbeOptions;
import fr.vigie.bittorrent.Target;
import fr.vigie.bittorrent.metainfo.MagnetLink;
import fr.vigie.bittorrent.metainfo.Metainfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sensor on its own host: pulls the watchlist from the platform's API, probes each entry,
 * and pushes the signed lines back. Every round's lines are written to the spool (and forced to
 * disk) before anything is sent, and a spool file is removed only once the platform has answered
 * for each of its lines: while the platform is unreachable the lines wait on disk, and a restart
 * sends them first. The last watchlist fetched is kept in the spool too, so a sensor restarted
 * while the platform is down still probes. No Spring; {@code ./vigie p2p sensor} runs it.
 */
public final class SensorLoop {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The sensor's settings, read from a properties file.
   *
   * @param platform the platform's base URL, e.g. {@code https://vigie.example:8443}
   * @param rounds rounds to run before returning (0: forever)
   */
  public record Settings(URI platform, String token, String name, PrivateKey key, Path spool,
      Duration interval, int rounds, int pieces, Duration unchokeWait, boolean loopbackOnly,
      List<String> trackers, List<InetSocketAddress> peers, Optional<InetAddress> localAddress,
      Optional<InetSocketAddress> ntpServer, String version) {

    public Settings {
      trackers = List.copyOf(trackers);
      peers = List.copyOf(peers);
    }

    /**
     * Reads the file (keys: {@code platform}, {@code token-file}, {@code name}, {@code key},
     * {@code spool}, {@code interval-seconds}, {@code rounds}, {@code pieces},
     * {@code unchoke-wait-seconds}, {@code loopback-only}, {@code trackers}, {@code peers},
     * {@code local-address}, {@code ntp-server}); relative paths are against the file's folder.
     *
     * @throws IllegalArgumentException naming the bad or missing key
     */
    public static Settings read(Path file, String version) throws IOException {
      Properties p = new Properties();
      try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      }
      Path dir = file.toAbsolutePath().getParent();
      String tokenFile = required(p, "token-file");
      String token = Files.readString(dir.resolve(tokenFile), StandardCharsets.UTF_8).strip();
      List<InetSocketAddress> peers = new ArrayList<>();
      for (String hp : list(p.getProperty("peers"))) {
        MagnetLink.HostPort h = MagnetLink.HostPort.parse(hp);
        peers.add(new InetSocketAddress(InetAddress.getByName(h.host()), h.port()));
      }
      String local = p.getProperty("local-address");
      String ntp = p.getProperty("ntp-server");
      return new Settings(URI.create(required(p, "platform").replaceAll("/+$", "")), token,
          required(p, "name"), Ed25519Keys.readPrivateKey(dir.resolve(required(p, "key"))),
          dir.resolve(required(p, "spool")),
          Duration.ofSeconds(number(p, "interval-seconds", 900)),
          (int) number(p, "rounds", 0), (int) number(p, "pieces", 0),
          Duration.ofSeconds(number(p, "unchoke-wait-seconds", 30)),
          Boolean.parseBoolean(p.getProperty("loopback-only", "false").strip()),
          list(p.getProperty("trackers")), peers,
          local == null || local.isBlank() ? Optional.empty()
              : Optional.of(InetAddress.getByName(local.strip())),
          ntp == null || ntp.isBlank() ? Optional.empty()
              : Optional.of(TimeSource.server(ntp)), version);
    }

    private static String required(Properties p, String key) {
      String v = p.getProperty(key);
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException("the sensor's configuration has no " + key);
      }
      return v.strip();
    }

    private static long number(Properties p, String key, long otherwise) {
      String v = p.getProperty(key);
      try {
        return v == null || v.isBlank() ? otherwise : Long.parseLong(v.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " is not a number: " + v);
      }
    }

    private static List<String> list(String v) {
      return v == null ? List.of() : Stream.of(v.split(",")).map(String::strip)
          .filter(s -> !s.isEmpty()).toList();
    }
  }

  /** What one push of the spool did. */
  public record Push(int filesSent, int accepted, int refused, boolean platformReached) {}

  private final Settings settings;
  private final HttpClient http;
  private final PrintWriter log;
  private final Clock clock;

  public SensorLoop(Settings settings, PrintWriter log, Clock clock) {
    this.settings = settings;
    this.log = log;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Runs the configured number of rounds (forever for 0). */
  public void run() throws IOException, InterruptedException {
    Files.createDirectories(settings.spool());
    for (int round = 1; settings.rounds() == 0 || round <= settings.rounds(); round++) {
      push();
      for (WatchedTorrent w : watchlist()) {
        probe(w);
      }
      push();
      if (settings.rounds() == 0 || round < settings.rounds()) {
        Thread.sleep(settings.interval().toMillis());
      }
    }
  }

  /** An entry as the API serves it. */
  record WatchedTorrent(String infohash, Optional<String> magnet, Optional<byte[]> torrent) {}

  /** The active watchlist from the platform, or the last one fetched when it is unreachable. */
  List<WatchedTorrent> watchlist() throws IOException, InterruptedException {
    Path cache = settings.spool().resolve("watchlist.json");
    String body = null;
    try {
      HttpResponse<String> r = http.send(request("/api/p2p/watchlist").GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() == 200) {
        body = r.body();
        writeDurably(cache, body);
      } else {
        log.println("watchlist: the platform answered " + r.statusCode());
      }
    } catch (IOException e) {
      log.println("watchlist: platform unreachable (" + e.getClass().getSimpleName() + ")");
    }
    if (body == null) {
      if (!Files.exists(cache)) {
        log.println("watchlist: none fetched yet, nothing to probe");
        return List.of();
      }
      body = Files.readString(cache, StandardCharsets.UTF_8);
      log.println("watchlist: using the last one fetched");
    }
    List<WatchedTorrent> out = new ArrayList<>();
    try {
      for (JsonNode e : JSON.readTree(body).path("entries")) {
        String torrent = e.path("torrent").isString() ? e.path("torrent").asString() : null;
        String magnet = e.path("magnet").isString() ? e.path("magnet").asString() : null;
        out.add(new WatchedTorrent(e.path("infohash").asString(), Optional.ofNullable(magnet),
            Optional.ofNullable(torrent).map(t -> Base64.getDecoder().decode(t))));
      }
    } catch (JacksonException | IllegalArgumentException e) {
      log.println("watchlist: unreadable (" + e.getMessage() + ")");
    }
    return out;
  }

  /** Probes one entry and spools its lines. */
  void probe(WatchedTorrent w) throws IOException {
    Target target;
    try {
      target = w.torrent().isPresent() ? Target.of(Metainfo.parse(w.torrent().get()))
          : Target.of(MagnetLink.parse(w.magnet().orElse(
              w.infohash().length() == 40 ? "magnet:?xt=urn:btih:" + w.infohash()
                  : "magnet:?xt=urn:btmh:1220" + w.infohash())));
    } catch (RuntimeException e) {
      log.println(w.infohash() + ": cannot be probed (" + e.getMessage() + ")");
      return;
    }
    TimeSource.Checked time = settings.ntpServer()
        .map(server -> TimeSource.check(clock, server, Duration.ofSeconds(3)))
        .orElseGet(() -> new TimeSource.Checked(clock, Optional.empty(),
            "system clock (not checked against NTP)"));
    ProbeOptions.Builder options = ProbeOptions.builder(time.clock())
        .piecesPerPeer(settings.pieces()).unchokeWait(settings.unchokeWait());
    settings.localAddress().ifPresent(options::localAddress);
    if (settings.loopbackOnly()) {
      options.mayContact(ProbeOptions::loopback);
    }
    SensorRound.Round round = SensorRound.run(target,
        Leads.fromTarget().withTrackers(settings.trackers()).withPeers(settings.peers()),
        options.build(), new SignedLines.SensorStamp(settings.name(), settings.version(),
            time.offsetMs().orElse(null), time.source()), Optional.of(settings.key()));
    log.println(w.infohash() + ": " + round.leads() + " leads, " + round.contacted()
        + " contacted, " + round.verified() + " verified");
    if (!round.lines().isEmpty()) {
      String name = "round-" + clock.millis() + "-" + w.infohash() + ".jsonl";
      writeDurably(settings.spool().resolve(name), String.join("\n", round.lines()) + "\n");
    }
  }

  /**
   * Sends every spooled round, oldest first; a file is removed once the platform answered for
   * all its lines (refused lines are kept apart in {@code refused/}, with the reasons). Stops at
   * the first failure: the rest waits for the next push.
   */
  public Push push() throws IOException, InterruptedException {
    List<Path> files;
    try (Stream<Path> s = Files.list(settings.spool())) {
      files = s.filter(f -> f.getFileName().toString().startsWith("round-")
          && f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    }
    int sent = 0;
    int accepted = 0;
    int refused = 0;
    for (Path f : files) {
      String body = Files.readString(f, StandardCharsets.UTF_8);
      HttpResponse<String> r;
      try {
        r = http.send(request("/api/p2p/observations")
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        log.println("push: platform unreachable, " + (files.size() - sent)
            + " file(s) kept in the spool");
        return new Push(sent, accepted, refused, false);
      }
      if (r.statusCode() != 200) {
        log.println("push: the platform answered " + r.statusCode() + ", " + f.getFileName()
            + " kept in the spool");
        return new Push(sent, accepted, refused, true);
      }
      JsonNode answer = JSON.readTree(r.body());
      List<String> lines = body.lines().toList();
      StringBuilder refusedLines = new StringBuilder();
      for (JsonNode a : answer.path("lines")) {
        if ("refused".equals(a.path("status").asString())) {
          int n = a.path("line").asInt();
          refusedLines.append("# ").append(a.path("reason").asString()).append('\n')
              .append(n >= 1 && n <= lines.size() ? lines.get(n - 1) : "").append('\n');
        }
      }
      accepted += answer.path("accepted").asInt();
      refused += answer.path("refused").asInt();
      if (!refusedLines.isEmpty()) {
        Path dir = Files.createDirectories(settings.spool().resolve("refused"));
        writeDurably(dir.resolve(f.getFileName()), refusedLines.toString());
      }
      Files.delete(f);
      sent++;
    }
    if (sent > 0) {
      log.println("push: " + sent + " file(s), " + accepted + " line(s) accepted, " + refused
          + " refused");
    }
    return new Push(sent, accepted, refused, true);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(settings.platform() + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + settings.token());
  }

  /** Writes a temporary file, forces it to disk, then moves it in place atomically. */
  static void writeDurably(Path target, String text) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      c.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      c.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

}
