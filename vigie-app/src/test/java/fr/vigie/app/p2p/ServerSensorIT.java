package fr.vigie.app.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.media.MediaStore;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.bittorrent.fakes.FakePeer;
import fr.vigie.bittorrent.fakes.TorrentBuilder;
import fr.vigie.bittorrent.metainfo.Metainfo;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The sensor inside the server: with {@code vigie.p2p.sensor-enabled}, the server makes and
 * registers its own key at start, and its scheduled round probes the active watchlist (a loopback
 * fake seeder of vigie-bittorrent's test-jar, and a port where nobody listens), taking the lines
 * in through the same intake as pushed lines: signed, checked, stored once, filed as IP events;
 * nothing uploaded. The bytes of the pieces downloaded are kept encrypted in the media store,
 * tied to the observation, and listed on its page by their hashes, never in clear.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.jobs.worker-enabled=false", "vigie.p2p.sensor-enabled=true",
        "vigie.p2p.interval=2s", "vigie.p2p.initial-delay=0s", "vigie.p2p.loopback-only=true",
        "vigie.p2p.unchoke-wait=5s", "vigie.p2p.sensor-name=serveur-test"})
@AutoConfigureMockMvc
class ServerSensorIT {

  static final byte[] DATA = TorrentBuilder.randomBytes(61, 150_000);
  static final TorrentBuilder BUILDER =
      TorrentBuilder.named("synthetique-serveur.bin").single(DATA).pieceLength(32 * 1024);
  static final Metainfo TORRENT = Metainfo.parse(BUILDER.build());

  static Path home;
  static FakePeer seeder;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) throws Exception {
    home = TestDatabases.useEmbeddedHome(registry);
    seeder = FakePeer.start(InetAddress.getLoopbackAddress(), TORRENT.wireHash(),
        BUILDER.infoBytes(), DATA, TORRENT.pieceLength(), FakePeer.Behaviour.seeder());
    registry.add("vigie.p2p.peers", () -> "127.0.0.1:" + seeder.address().getPort()
        + ",127.0.0.1:1");
  }

  @AfterAll
  static void stopSeeder() throws Exception {
    seeder.close();
  }

  @Autowired
  Watchlist watchlist;

  @Autowired
  Sensors sensors;

  @Autowired
  ServerSensor sensor;

  @Autowired
  ObservationIntake intake;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MediaStore media;

  @Autowired
  MockMvc mvc;

  @Test
  void theScheduledRoundProbesTheWatchlistAndStoresSignedLinesOnce() throws Exception {
    Watchlist.Addition added = watchlist.add(new Watchlist.What.Torrent(BUILDER.build()),
        Provenance.parse("case:D-2026-0077"), AuditActor.commandLine("cli:test"));
    long entry = assertInstanceOf(Watchlist.Addition.Added.class, added).entry().id();

    Path key = home.resolve("keys").resolve(ServerSensor.KEY_FILE);
    assertTrue(Files.exists(key), "the key is made at start");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    Sensor registered = sensors.byName("serveur-test").orElseThrow();
    assertEquals(Ed25519Keys.publicKeyText(
        Ed25519Keys.readPublicKey(home.resolve("keys").resolve(ServerSensor.KEY_FILE + ".pub"))),
        registered.publicKey());

    long deadline = System.currentTimeMillis() + 60_000;
    while (count(entry) < 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    sensor.stop();
    assertFalse(sensor.isRunning());
    long scheduled = count(entry);
    assertTrue(scheduled >= 2 && scheduled % 2 == 0,
        "one line per peer and round, the seeder's and the closed port's: " + scheduled);
    List<StoredObservation> stored = intake.ofEntry(entry, 10);
    StoredObservation verified = stored.stream().filter(o -> o.outcome().equals("verified"))
        .findFirst().orElseThrow(() -> new AssertionError(stored.toString()));
    assertEquals("serveur-test", verified.sensor());
    assertTrue(intake.signatureChecksNow(verified));
    assertEquals(2, verified.pieces().stream().filter(StoredObservation.Piece::verified).count());
    assertTrue(verified.ipEventId().isPresent(), "filed as an IP event");
    assertEquals(0L, verified.uploadedBytes());
    assertEquals(0, seeder.piecesFromSensor.get());
    assertEquals(0, seeder.payloadBytesFromSensor.get());
    assertEquals("P2P", jdbc.sql("select s.code from ip_events e join reports r "
        + "on r.id = e.report_id join sources s on s.id = r.source_id where e.id = ?")
        .param(verified.ipEventId().get()).query(String.class).single());

    // The bytes of the two pieces are kept, encrypted in the media store, tied to the row.
    List<KeptPiece> kept = intake.keptPieces(verified.id());
    assertEquals(2, kept.size(), kept.toString());
    for (KeptPiece k : kept) {
      byte[] clear = Arrays.copyOfRange(DATA, k.index() * TORRENT.pieceLength(),
          Math.min(DATA.length, (k.index() + 1) * TORRENT.pieceLength()));
      assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(clear)),
          k.contentSha256());
      assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(clear)),
          k.sha1());
      assertEquals(clear.length, k.size());
      assertArrayEquals(clear, media.read(k.contentSha256()));
      try (Stream<Path> files = Files.walk(media.root())) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          byte[] onDisk = Files.readAllBytes(f);
          assertFalse(Collections.indexOfSubList(bytes(onDisk), bytes(
              Arrays.copyOf(clear, 64))) >= 0, "never in clear on disk: " + f);
        }
      }
    }
    String page = mvc.perform(get("/p2p/observations/" + verified.id()).param("lang", "fr")
        .with(authentication(P2pPagesIT.as(Role.ANALYST)))).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertTrue(page.contains("Pièces conservées") && page.contains("id=\"kept\""), page);
    for (KeptPiece k : kept) {
      assertTrue(page.contains(k.sha1()) && page.contains(k.contentSha256()), page);
    }
    assertTrue(page.contains("aucun média connu de même contenu"), page);
    assertFalse(page.contains(HexFormat.of().formatHex(Arrays.copyOf(DATA, 32))),
        "never shown in clear");
    // Once a media item of the same content is known, the page links to its media page.
    long report = jdbc.sql("select report_id from ip_events where id = ?")
        .param(verified.ipEventId().get()).query(Long.class).single();
    String first = kept.getFirst().contentSha256();
    jdbc.sql("insert into media (report_id, sha256, digest_key) values (?, ?, ?)")
        .params(report, first, Long.parseUnsignedLong(first, 0, 16, 16)).update();
    long mediaId = jdbc.sql("select id from media where sha256 = ?").param(first)
        .query(Long.class).single();
    assertEquals(java.util.Optional.of(mediaId), intake.keptPieces(verified.id()).getFirst()
        .mediaId());
    String linked = mvc.perform(get("/p2p/observations/" + verified.id()).param("lang", "fr")
        .with(authentication(P2pPagesIT.as(Role.ANALYST)))).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertTrue(linked.contains("href=\"/media/" + mediaId + "\"")
        && linked.contains("média n° " + mediaId), linked);
    String en = mvc.perform(get("/p2p/observations/" + verified.id()).param("lang", "en")
        .with(authentication(P2pPagesIT.as(Role.ANALYST)))).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertTrue(en.contains("Pieces kept") && en.contains("encrypted in the media store"), en);

    ServerSensor.Figures again = sensor.runOnce();
    assertEquals(2, again.lines());
    assertEquals(0L, again.uploadedBytes());
    assertEquals(2, again.accepted());
    assertEquals(scheduled + 2, count(entry), "a new round is new lines, each stored once");
    assertEquals(1L, jdbc.sql("select count(*) from audit_log where object_type = 'p2p_sensor'"
        + " and action = 'CREATE' and actor = 'p2p-sensor:serveur-test'").query(Long.class)
        .single());

    assertTrue(watchlist.setActive(entry, false, AuditActor.commandLine("cli:test")));
    assertEquals(0, sensor.runOnce().entries(), "an inactive entry is not probed");
  }

  private static List<Byte> bytes(byte[] b) {
    List<Byte> out = new java.util.ArrayList<>(b.length);
    for (byte x : b) {
      out.add(x);
    }
    return out;
  }

  private long count(long entry) {
    return jdbc.sql("select count(*) from p2p_observations where watch_entry_id = ?")
        .param(entry).query(Long.class).single();
  }
}
