package fr.vigie.bench;

import fr.vigie.bittorrent.Bytes;
import fr.vigie.bittorrent.LeadSource;
import fr.vigie.bittorrent.Observation;
import fr.vigie.bittorrent.ObservationJson;
import fr.vigie.bittorrent.Outcome;
import fr.vigie.bittorrent.PieceResult;
import fr.vigie.bittorrent.metainfo.InfoHash;
import fr.vigie.bittorrent.metainfo.Metainfo.PieceCheck;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole P2P chain under load: several sensors push signed synthetic observation lines to a
 * running Vigie ({@code POST /api/p2p/observations}) at once, while the database is read every
 * 250 ms for the backlog. Driven by {@code vigie-bench/scripts/p2p-push-benchmark.sh}, which
 * starts the server, registers the sensors and issues their tokens.
 *
 * <p>Each line is what a probe would sign ({@link ObservationJson#unsigned} plus the sensor's
 * stamp, then an Ed25519 signature over its UTF-8 bytes): a peer of a documentation range
 * (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) that answered the handshake and served two
 * verified pieces, every line distinct (address, port and instant).
 *
 * <p>The backlog, read from the database: <b>not stored</b> = lines sent (counted before the
 * request leaves; lines refused or failed taken off once answered) minus new rows of
 * {@code p2p_observations}; <b>no IP event</b> = stored rows with a
 * handshake but no {@code ip_event_id}; <b>not attributed</b> = IP events of those rows without an
 * {@code ip_attributions} row (attribution runs as a queued job after each push).
 *
 * <pre>
 * java -cp benchmarks.jar fr.vigie.bench.P2pPushBenchmark BASE_URL DB_PORT DB_PASSWORD INFOHASH
 *     LINES_PER_SENSOR RATE_PER_SENSOR BATCH SENSOR_NAME:KEY_FILE:TOKEN_FILE...
 * </pre>
 *
 * RATE_PER_SENSOR is lines a second (0: as fast as the platform answers); BATCH is lines a
 * request.
 */
public final class P2pPushBenchmark {

  private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");
  private static final Pattern REFUSED = Pattern.compile("\"refused\":(\\d+)");
  private static final String[] RANGES = {"192.0.2.", "198.51.100.", "203.0.113."};

  private record Sensor(String name, PrivateKey key, String token) {}

  /** One request's answer: when it left, how long it took, what the platform said. */
  private record Sample(long sentNanos, long latencyNanos, int lines, int accepted,
      int refused) {}

  private P2pPushBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 8) {
      System.err.println("usage: P2pPushBenchmark BASE_URL DB_PORT DB_PASSWORD INFOHASH"
          + " LINES_PER_SENSOR RATE_PER_SENSOR BATCH NAME:KEY:TOKEN...");
      System.exit(2);
    }
    String base = args[0];
    String jdbc = "jdbc:postgresql://127.0.0.1:" + args[1] + "/vigie";
    String dbPassword = args[2];
    String infohash = args[3];
    int perSensor = Integer.parseInt(args[4]);
    double rate = Double.parseDouble(args[5]);
    int batch = Integer.parseInt(args[6]);
    List<Sensor> sensors = new ArrayList<>();
    for (int i = 7; i < args.length; i++) {
      String[] p = args[i].split(":", 3);
      sensors.add(new Sensor(p[0], privateKey(Path.of(p[1])),
          Files.readString(Path.of(p[2])).strip()));
    }

    // Lines are made and signed before the clock starts: the run measures the platform.
    Instant start = Instant.now().minusSeconds(3600);
    List<List<String>> lines = new ArrayList<>();
    for (int s = 0; s < sensors.size(); s++) {
      lines.add(lines(sensors.get(s), s, perSensor, infohash, start));
    }

    try (Connection db = DriverManager.getConnection(jdbc, "vigie", dbPassword)) {
      long stored0 = count(db, "select count(*) from p2p_observations");
      AtomicLong sent = new AtomicLong();
      AtomicLong unstorable = new AtomicLong();
      ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      long t0 = System.nanoTime();
      List<Thread> pushers = new ArrayList<>();
      for (int s = 0; s < sensors.size(); s++) {
        Sensor sensor = sensors.get(s);
        List<String> mine = lines.get(s);
        pushers.add(Thread.ofPlatform().name("push-" + sensor.name()).start(() ->
            push(http, base, sensor, mine, rate, batch, t0, sent, unstorable, samples)));
      }
      // The backlog, sampled while the pushers run, then until it is empty (at most 5 minutes).
      long maxNotStored = 0;
      long maxNoEvent = 0;
      long maxNotAttributed = 0;
      long pushedAt = 0;
      long drainedAt = 0;
      long total = (long) perSensor * sensors.size();
      while (true) {
        boolean pushing = pushers.stream().anyMatch(Thread::isAlive);
        if (!pushing && pushedAt == 0) {
          pushedAt = System.nanoTime();
        }
        long sentNow = sent.get() - unstorable.get();
        long stored = count(db, "select count(*) from p2p_observations") - stored0;
        long noEvent = count(db, "select count(*) from p2p_observations"
            + " where handshake_at is not null and ip_event_id is null");
        long notAttributed = count(db, "select count(*) from p2p_observations o"
            + " where o.ip_event_id is not null and not exists"
            + " (select 1 from ip_attributions a where a.ip_event_id = o.ip_event_id)");
        maxNotStored = Math.max(maxNotStored, sentNow - stored);
        maxNoEvent = Math.max(maxNoEvent, noEvent);
        maxNotAttributed = Math.max(maxNotAttributed, notAttributed);
        if (!pushing && sentNow - stored <= 0 && noEvent == 0 && notAttributed == 0) {
          drainedAt = System.nanoTime();
          break;
        }
        if (pushedAt != 0 && System.nanoTime() - pushedAt > Duration.ofMinutes(5).toNanos()) {
          System.out.printf("backlog left after 5 min: not stored %d, no IP event %d,"
              + " not attributed %d%n", sentNow - stored, noEvent, notAttributed);
          break;
        }
        Thread.sleep(250);
      }
      report(samples, total, t0, pushedAt, drainedAt, maxNotStored, maxNoEvent,
          maxNotAttributed, count(db, "select count(*) from p2p_observations") - stored0,
          sensors.size(), rate, batch);
    }
  }

  private static void push(HttpClient http, String base, Sensor sensor, List<String> lines,
      double rate, int batch, long t0, AtomicLong sent, AtomicLong unstorable,
      ConcurrentLinkedQueue<Sample> samples) {
    URI uri = URI.create(base + "/api/p2p/observations");
    for (int from = 0; from < lines.size(); from += batch) {
      int to = Math.min(lines.size(), from + batch);
      if (rate > 0) {
        long due = t0 + (long) (from / rate * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          try {
            Thread.sleep(Duration.ofNanos(wait));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
      String body = String.join("\n", lines.subList(from, to)) + "\n";
      HttpRequest request = HttpRequest.newBuilder(uri)
          .header("Authorization", "Bearer " + sensor.token())
          .header("Content-Type", "application/x-ndjson")
          .timeout(Duration.ofSeconds(120))
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
      sent.addAndGet(to - from);
      long s = System.nanoTime();
      try {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        long latency = System.nanoTime() - s;
        if (answer.statusCode() != 200) {
          System.err.println(sensor.name() + ": HTTP " + answer.statusCode() + " "
              + answer.body());
          samples.add(new Sample(s, latency, to - from, 0, to - from));
          unstorable.addAndGet(to - from);
          continue;
        }
        int refused = group(REFUSED, answer.body());
        unstorable.addAndGet(refused);
        samples.add(new Sample(s, latency, to - from, group(ACCEPTED, answer.body()), refused));
      } catch (IOException e) {
        System.err.println(sensor.name() + ": " + e);
        samples.add(new Sample(s, System.nanoTime() - s, to - from, 0, to - from));
        unstorable.addAndGet(to - from);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void report(ConcurrentLinkedQueue<Sample> samples, long total, long t0,
      long pushedAt, long drainedAt, long maxNotStored, long maxNoEvent, long maxNotAttributed,
      long stored, int sensors, double rate, int batch) {
    long accepted = samples.stream().mapToLong(Sample::accepted).sum();
    long refused = samples.stream().mapToLong(Sample::refused).sum();
    double pushSecs = (pushedAt - t0) / 1e9;
    long[] lat = samples.stream().mapToLong(Sample::latencyNanos).sorted().toArray();
    Runtime rt = Runtime.getRuntime();
    System.out.printf("sensors %d, %d lines each, %s, %d line(s) a request%n", sensors,
        total / sensors, rate > 0 ? String.format("paced at %.2f lines/s each", rate)
            : "as fast as answered", batch);
    System.out.printf("accepted %d, refused %d, stored %d of %d sent%n", accepted, refused,
        stored, total);
    System.out.printf("push: %.1f s, %.1f accepted lines/s (%.0f a day)%n", pushSecs,
        accepted / pushSecs, accepted / pushSecs * 86_400);
    System.out.printf("request latency (%d requests): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
        lat.length, pct(lat, 0.50), pct(lat, 0.95), lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6);
    System.out.printf("backlog, max seen (sampled every 250 ms): not stored %d lines,"
        + " no IP event %d, not attributed %d%n", maxNotStored, maxNoEvent, maxNotAttributed);
    if (drainedAt != 0) {
      System.out.printf("backlog empty %.1f s after the last push%n",
          Math.max(0, drainedAt - pushedAt) / 1e9);
    }
    System.out.printf("driver heap in use at the end: %d MB%n",
        (rt.totalMemory() - rt.freeMemory()) >> 20);
    System.out.printf("driver JVM CPU: %.1f s%n",
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory
            .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9);
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  private static int group(Pattern p, String body) {
    Matcher m = p.matcher(body);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The signed lines of one sensor: distinct peers of the documentation ranges. */
  static List<String> lines(Sensor sensor, int sensorIndex, int n, String infohash,
      Instant start) throws Exception {
    Signature signer = Signature.getInstance("Ed25519");
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int k = i * 3 + sensorIndex;
      String ip = RANGES[k % 3] + (1 + (k / 3) % 254);
      int port = 10_000 + (k / 762) % 50_000;
      Instant at = start.plusMillis(k);
      String unsigned = ObservationJson.unsigned(observation(infohash, ip, port, at));
      String text = unsigned.substring(0, unsigned.length() - 1) + ",\"sensor\":\""
          + sensor.name() + "\",\"sensor_version\":\"bench\",\"clock_offset_ms\":0"
          + ",\"time_source\":\"system clock (benchmark)\"}";
      signer.initSign(sensor.key());
      signer.update(text.getBytes(StandardCharsets.UTF_8));
      String signature = Base64.getEncoder().encodeToString(signer.sign());
      out.add(text.substring(0, text.length() - 1) + ",\"signature\":\"" + signature + "\"}");
    }
    return out;
  }

  private static Observation observation(String infohash, String ip, int port, Instant at)
      throws IOException {
    InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(ip), port);
    InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 40000);
    List<PieceResult> pieces = List.of(
        new PieceResult(0, "ab".repeat(20), PieceCheck.MATCHES, at.plusMillis(900),
            new Bytes(new byte[0])),
        new PieceResult(3, "cd".repeat(20), PieceCheck.MATCHES, at.plusMillis(1200),
            new Bytes(new byte[0])));
    return new Observation(InfoHash.fromHex(InfoHash.Version.V1, infohash),
        new LeadSource.Tracker("udp://192.0.2.9:6969/announce"), remote, Optional.of(local),
        "none", false, at.minusMillis(40), Optional.of(at.minusMillis(20)), Optional.of(at),
        Optional.of(at.plusMillis(1300)),
        Optional.of(new Bytes("-TR3000-abcdefghijkl".getBytes(StandardCharsets.US_ASCII))),
        Optional.of("Transmission 3.00"), Optional.of(new Bytes(new byte[8])),
        Optional.of(new Bytes("d1:v17:Transmission 3.00e".getBytes(StandardCharsets.US_ASCII))),
        Optional.of("Transmission 3.00"), Optional.of(new Bytes(new byte[] {(byte) 0xf0})),
        false, 4, 4, false, pieces, 0, 300, 70_000, 0, List.of(), new Outcome.Verified(2));
  }

  /** A PKCS#8 PEM private key, as {@code ./vigie p2p keygen} writes it. */
  private static PrivateKey privateKey(Path pem) throws Exception {
    String b64 = Arrays.stream(Files.readString(pem).split("\n"))
        .filter(l -> !l.startsWith("-----")).map(String::strip)
        .reduce("", String::concat);
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
  }
}
