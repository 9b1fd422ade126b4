package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.p2p.IntakeResult;
import fr.vigie.app.p2p.FakeNtpServer;
import fr.vigie.app.p2p.ObservationIntake;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.bittorrent.fakes.FakePeer;
import fr.vigie.bittorrent.fakes.TorrentBuilder;
import fr.vigie.bittorrent.metainfo.Metainfo;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code vigie p2p}: a sensor's key made and registered, a torrent watched with its provenance
 * and listed, one probe round against a loopback fake seeder (vigie-bittorrent's test-jar) whose
 * lines are signed, verified, and taken in by the platform; an altered line named by
 * {@code verify}; nothing ever uploaded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vigie.jobs.worker-enabled=false")
class P2pCommandIT {

  static Path home;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useEmbeddedHome(registry);
  }

  @Autowired
  ObservationIntake intake;

  @Autowired
  JdbcClient jdbc;

  static final byte[] DATA = TorrentBuilder.randomBytes(52, 150_000);
  static final TorrentBuilder BUILDER =
      TorrentBuilder.named("synthetique.bin").single(DATA).pieceLength(32 * 1024);

  @Test
  void keysWatchlistProbeVerifyAndIntake(@TempDir Path work) throws Exception {
    Path key = work.resolve("capteur.key");
    CliRun.Result keygen = CliRun.vigie(home, "p2p", "keygen", "--out", key.toString());
    assertEquals(0, keygen.exitCode(), keygen.err());
    Path pub = work.resolve("capteur.key.pub");
    assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----"));
    assertEquals(1, CliRun.vigie(home, "p2p", "keygen", "--out", key.toString()).exitCode(),
        "a key is never overwritten");

    CliRun.Result reg = CliRun.vigie(home, "p2p", "register-sensor", "--name", "capteur-cli",
        "--public-key", pub.toString());
    assertEquals(0, reg.exitCode(), reg.err());
    assertTrue(reg.out().contains("registered sensor capteur-cli"), reg.out());
    CliRun.Result again = CliRun.vigie(home, "p2p", "register-sensor", "--name", "capteur-cli",
        "--public-key", pub.toString());
    assertEquals(1, again.exitCode());
    assertTrue(again.err().contains("exists already"), again.err());

    byte[] torrentBytes = BUILDER.build();
    Metainfo torrent = Metainfo.parse(torrentBytes);
    Path torrentFile = work.resolve("synthetique.torrent");
    Files.write(torrentFile, torrentBytes);
    String infohash = torrent.primaryHash().hex();
    CliRun.Result add = CliRun.vigie(home, "p2p", "watch", "add", "--torrent",
        torrentFile.toString(), "--provenance", "case:D-2026-0042");
    assertEquals(0, add.exitCode(), add.err());
    assertTrue(add.out().contains("watching " + infohash), add.out());
    CliRun.Result twice = CliRun.vigie(home, "p2p", "watch", "add", "--infohash",
        infohash.toUpperCase(), "--provenance", "partner:liste-test");
    assertEquals(1, twice.exitCode());
    assertTrue(twice.err().contains("already watched"), twice.err());
    assertEquals(2, CliRun.vigie(home, "p2p", "watch", "add", "--infohash", "ab".repeat(20),
        "--provenance", "rumeur:x").exitCode(), "an unknown provenance kind is a usage error");
    assertEquals(2, CliRun.vigie(home, "p2p", "watch", "add", "--infohash", "ab".repeat(20),
        "--magnet", "magnet:?xt=urn:btih:" + "ab".repeat(20), "--provenance", "case:X")
        .exitCode(), "one of --infohash, --torrent, --magnet");
    CliRun.Result list = CliRun.vigie(home, "p2p", "watch", "list");
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains(infohash) && list.out().contains("case:D-2026-0042")
        && list.out().contains("synthetique.bin"), list.out());
    assertEquals(1L, jdbc.sql("select count(*) from audit_log where object_type = "
        + "'p2p_watch_entry' and action = 'CREATE' and actor like 'cli:%'").query(Long.class)
        .single());

    long entryId = jdbc.sql("select id from p2p_watch_entries where infohash = ?")
        .param(infohash).query(Long.class).single();
    CliRun.Result off = CliRun.vigie(home, "p2p", "watch", "deactivate", String.valueOf(entryId));
    assertEquals(0, off.exitCode(), off.err());
    assertTrue(CliRun.vigie(home, "p2p", "watch", "list").out().contains("inactive"));
    assertEquals(1, CliRun.vigie(home, "p2p", "watch", "deactivate", String.valueOf(entryId))
        .exitCode(), "already inactive");
    assertEquals(0, CliRun.vigie(home, "p2p", "watch", "activate", String.valueOf(entryId))
        .exitCode());
    assertEquals(1, CliRun.vigie(home, "p2p", "watch", "activate", "999999").exitCode());
    assertEquals(2L, jdbc.sql("select count(*) from audit_log where object_type = "
        + "'p2p_watch_entry' and action = 'UPDATE'").query(Long.class).single());

    Path out = work.resolve("round.jsonl");
    try (FakePeer seeder = FakePeer.start(InetAddress.getLoopbackAddress(), torrent.wireHash(),
        BUILDER.infoBytes(), DATA, torrent.pieceLength(), FakePeer.Behaviour.seeder());
        FakeNtpServer ntp = new FakeNtpServer(Duration.ofSeconds(7))) {
      CliRun.Result probe = CliRun.vigie(home, "p2p", "probe", "--ntp",
          "127.0.0.1:" + ntp.address().getPort(), "--torrent",
          torrentFile.toString(), "--peer", "127.0.0.1:" + seeder.address().getPort(),
          "--peer", "127.0.0.1:1", "--pieces", "2", "--unchoke-wait", "5", "--loopback-only",
          "--key", key.toString(), "--sensor", "capteur-cli", "--out", out.toString());
      assertEquals(0, probe.exitCode(), probe.err());
      assertTrue(probe.out().contains("2 peers contacted, 1 verified, 0 bytes uploaded"),
          probe.out());
      assertEquals(0, seeder.piecesFromSensor.get());
      assertEquals(0, seeder.payloadBytesFromSensor.get());
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(2, lines.size(), String.join("\n", lines));
    String seen = lines.stream().filter(l -> l.contains("\"outcome\":\"verified\"")).findFirst()
        .orElseThrow();
    for (String field : List.of("infohash", "lead_source", "remote_ip", "remote_port",
        "local_port", "connected_at", "handshake_at", "peer_id", "client", "pieces_held",
        "pieces_total", "pieces", "uploaded_bytes", "signature", "sensor", "sensor_version")) {
      assertTrue(seen.contains("\"" + field + "\":"), field + " in " + seen);
    }
    assertTrue(seen.contains("\"infohash\":\"" + infohash + "\""), seen);
    assertTrue(seen.contains("\"uploaded_bytes\":0"), seen);
    assertTrue(seen.matches(".*\"handshake_at\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\".*"),
        seen);
    assertTrue(seen.matches(".*\"pieces\":\\[\\{\"index\":\\d+,\"sha1\":\"[0-9a-f]{40}\","
        + "\"verified\":true.*\\},\\{\"index\":\\d+,\"sha1\":\"[0-9a-f]{40}\",\"verified\":true.*"),
        seen);
    assertFalse(seen.contains("\"signature\":null"), seen);
    java.util.regex.Matcher offset = java.util.regex.Pattern
        .compile("\"clock_offset_ms\":(\\d+),\"time_source\":\"ntp:127.0.0.1:\\d+\"")
        .matcher(seen);
    assertTrue(offset.find(), seen);
    assertTrue(Math.abs(Long.parseLong(offset.group(1)) - 7_000) < 200, seen);
    java.util.regex.Matcher handshake = java.util.regex.Pattern
        .compile("\"handshake_at\":\"([^\"]+)\"").matcher(seen);
    assertTrue(handshake.find());
    long ahead = java.time.Duration.between(java.time.Instant.now(),
        java.time.Instant.parse(handshake.group(1))).toMillis();
    assertTrue(ahead > 2_000 && ahead < 7_500, "instants on the corrected clock: " + ahead);

    CliRun.Result verify = CliRun.vigie(home, "p2p", "verify", "--in", out.toString(),
        "--public-key", pub.toString());
    assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    assertTrue(verify.out().contains("2 line(s) verified, 0 bad"), verify.out());

    Path altered = work.resolve("altered.jsonl");
    Files.writeString(altered, lines.get(0) + "\n" + lines.get(1).replace("\"pieces_total\":",
        "\"pieces_total\":1") + "\n" + lines.get(0).replaceFirst(",\"signature\":\"[^\"]*\"", "")
        + "\n");
    CliRun.Result bad = CliRun.vigie(home, "p2p", "verify", "--in", altered.toString(),
        "--public-key", pub.toString());
    assertEquals(1, bad.exitCode(), bad.out());
    assertTrue(bad.out().contains("line 2: bad signature"), bad.out());
    assertTrue(bad.out().contains("line 3: no signature"), bad.out());
    assertFalse(bad.out().contains("line 1:"), bad.out());

    AuditActor actor = new AuditActor("capteur.p2p", "SENSOR", "127.0.0.1");
    IntakeResult.Accepted accepted = assertInstanceOf(IntakeResult.Accepted.class,
        intake.accept(seen, actor));
    assertTrue(accepted.ipEventId().isPresent(), "the seeder answered the handshake");
    assertEquals(2L, jdbc.sql("select count(*) from p2p_observation_pieces where observation_id"
        + " = ? and verified").param(accepted.observationId()).query(Long.class).single());
  }
}
