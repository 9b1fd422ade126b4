package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.p2p.Ed25519Keys;
import fr.vigie.app.p2p.FakeNtpServer;
import fr.vigie.app.p2p.Provenance;
import fr.vigie.app.p2p.Sensors;
import fr.vigie.app.p2p.SignedLines;
import fr.vigie.app.p2p.Watchlist;
import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.bittorrent.fakes.FakePeer;
import fr.vigie.bittorrent.fakes.TorrentBuilder;
import fr.vigie.bittorrent.metainfo.Metainfo;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code vigie p2p sensor --config}: against a real server on loopback, with a SENSOR token, it
 * pulls the watchlist, probes the loopback fake seeder and pushes signed lines that are stored;
 * with the platform unreachable it probes from the last watchlist and keeps the lines in its
 * spool; started again with the platform back, it sends them first and loses none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vigie.jobs.worker-enabled=false")
class P2pSensorIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  static final AuditActor ADMIN = new AuditActor("admin.test", "ADMIN", "192.0.2.10");
  static final byte[] DATA = TorrentBuilder.randomBytes(91, 100_000);
  static final TorrentBuilder BUILDER =
      TorrentBuilder.named("capteur.bin").single(DATA).pieceLength(32 * 1024);

  @LocalServerPort
  int port;

  FakeNtpServer ntp;

  @Autowired
  UserAccounts accounts;

  @Autowired
  Sensors sensors;

  @Autowired
  Watchlist watchlist;

  @Autowired
  JdbcClient jdbc;

  long stored() {
    return jdbc.sql("select count(*) from p2p_observations").query(Long.class).single();
  }

  Path config(Path dir, String platform, int peerPort) throws Exception {
    Path file = dir.resolve("capteur.properties");
    Files.writeString(file, String.join("\n",
        "platform=" + platform,
        "token-file=token.txt",
        "name=capteur-autonome",
        "key=capteur.key",
        "spool=spool",
        "rounds=1",
        "pieces=1",
        "unchoke-wait-seconds=5",
        "loopback-only=true",
        "peers=127.0.0.1:" + peerPort,
        "ntp-server=127.0.0.1:" + ntp.address().getPort()) + "\n");
    return file;
  }

  List<Path> spooled(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("spool"))) {
      return s.filter(f -> f.getFileName().toString().startsWith("round-")).toList();
    }
  }

  @Test
  void pullsProbesPushesAndKeepsWhatThePlatformDidNotTake(@TempDir Path dir) throws Exception {
    ntp = new FakeNtpServer(Duration.ofSeconds(3));
    accounts.createIfAbsent(new NewUser("capteur.autonome", "Capteur", "un-mot-de-passe-long",
        Role.SENSOR, null));
    Files.writeString(dir.resolve("token.txt"),
        accounts.issueToken("capteur.autonome", "test", Duration.ofHours(1)) + "\n");
    KeyPair key = Ed25519Keys.generate();
    Files.writeString(dir.resolve("capteur.key"), Ed25519Keys.pem(key)[0]);
    sensors.register("capteur-autonome", Ed25519Keys.pem(key)[1], ADMIN);
    byte[] torrentBytes = BUILDER.build();
    Metainfo torrent = Metainfo.parse(torrentBytes);
    assertInstanceOf(Watchlist.Addition.Added.class, watchlist.add(
        new Watchlist.What.Torrent(torrentBytes), Provenance.parse("case:D-2026-0123"), ADMIN));
    String platform = "http://127.0.0.1:" + port;
    Path home = dir.resolve("home");

    try (FakePeer seeder = FakePeer.start(InetAddress.getLoopbackAddress(), torrent.wireHash(),
        BUILDER.infoBytes(), DATA, torrent.pieceLength(), FakePeer.Behaviour.seeder())) {
      int peer = seeder.address().getPort();
      CliRun.Result online = CliRun.vigie(home, "p2p", "sensor", "--config",
          config(dir, platform, peer).toString());
      assertEquals(0, online.exitCode(), online.err());
      assertEquals(1L, stored(), online.err());
      assertTrue(spooled(dir).isEmpty(), "sent, so no longer spooled");
      assertEquals("verified", jdbc.sql("select outcome from p2p_observations")
          .query(String.class).single());
      long offset = jdbc.sql("select clock_offset_ms from p2p_observations").query(Long.class)
          .single();
      assertTrue(Math.abs(offset - 3_000) < 200, "checked against the NTP server: " + offset);

      CliRun.Result offline = CliRun.vigie(home, "p2p", "sensor", "--config",
          config(dir, "http://127.0.0.1:1", peer).toString());
      assertEquals(0, offline.exitCode(), offline.err());
      assertTrue(offline.err().contains("using the last one fetched"), offline.err());
      assertTrue(offline.err().contains("kept in the spool"), offline.err());
      assertEquals(1L, stored());
      assertEquals(1, spooled(dir).size());
      assertEquals(0, seeder.payloadBytesFromSensor.get());
    }
    String kept = Files.readString(spooled(dir).getFirst(), StandardCharsets.UTF_8).strip();
    String signed = SignedLines.split(kept).orElseThrow().signedText();

    // Restarted with the platform back: the spooled round goes first, then a new round (the
    // seeder is gone: its connection is refused, which is an observation too).
    CliRun.Result back = CliRun.vigie(home, "p2p", "sensor", "--config",
        config(dir, platform, 1).toString());
    assertEquals(0, back.exitCode(), back.err());
    assertTrue(spooled(dir).isEmpty(), back.err());
    assertEquals(1L, jdbc.sql("select count(*) from p2p_observations where signed_text = ?")
        .param(signed).query(Long.class).single(), "the line kept offline was not lost");
    assertEquals(3L, stored());
    assertFalse(Files.exists(dir.resolve("spool").resolve("refused")), "nothing refused");
    ntp.close();
  }
}
