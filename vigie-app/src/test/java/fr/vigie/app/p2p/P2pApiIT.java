package fr.vigie.app.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.support.TestDatabases;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The sensor's API with a real SENSOR bearer token: the active watchlist (with the .torrent or
 * magnet to probe from), and JSON Lines of signed observations answered line by line; other
 * roles' tokens and no token are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.jobs.worker-enabled=false")
@AutoConfigureMockMvc
class P2pApiIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  static final ObjectMapper JSON = new ObjectMapper();
  static final AuditActor ADMIN = new AuditActor("admin.test", "ADMIN", "192.0.2.10");

  @Autowired
  MockMvc mvc;

  @Autowired
  UserAccounts accounts;

  @Autowired
  Sensors sensors;

  @Autowired
  Watchlist watchlist;

  @Autowired
  JdbcClient jdbc;

  String sensorToken;
  String analystToken;
  KeyPair key;
  String sensorName;

  @BeforeEach
  void accounts() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    accounts.createIfAbsent(new NewUser("capteur." + suffix, "Capteur", "un-mot-de-passe-long",
        Role.SENSOR, null));
    accounts.createIfAbsent(new NewUser("analyste." + suffix, "Analyste",
        "un-mot-de-passe-long", Role.ANALYST, null));
    sensorToken = accounts.issueToken("capteur." + suffix, "test", Duration.ofHours(1));
    analystToken = accounts.issueToken("analyste." + suffix, "test", Duration.ofHours(1));
    key = Ed25519Keys.generate();
    sensorName = "capteur-api-" + suffix;
    sensors.register(sensorName, Ed25519Keys.pem(key)[1], ADMIN);
  }

  @Test
  void theSensorReadsTheActiveWatchlist() throws Exception {
    String magnet = "magnet:?xt=urn:btih:" + "12".repeat(20) + "&dn=synthetique";
    assertInstanceOf(Watchlist.Addition.Added.class, watchlist.add(
        new Watchlist.What.Magnet(magnet), Provenance.parse("hashset:VICS-TEST-1"), ADMIN));
    String body = mvc.perform(get("/api/p2p/watchlist")
            .header("Authorization", "Bearer " + sensorToken))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    JsonNode entry = null;
    for (JsonNode e : JSON.readTree(body).get("entries")) {
      if (e.get("infohash").asText().equals("12".repeat(20))) {
        entry = e;
      }
    }
    assertTrue(entry != null, body);
    assertEquals(magnet, entry.get("magnet").asText());
    assertEquals("synthetique", entry.get("display_name").asText());
    assertTrue(entry.get("torrent").isNull());

    mvc.perform(get("/api/p2p/watchlist").header("Authorization", "Bearer " + analystToken))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/p2p/watchlist")).andExpect(status().isUnauthorized());
  }

  @Test
  void eachPushedLineIsAnsweredAcceptedOrRefusedWithItsReason() throws Exception {
    String infohash = "34".repeat(20);
    watchlist.add(new Watchlist.What.Infohash(infohash), Provenance.parse("report:TIP-0001"),
        ADMIN);
    Instant at = Instant.parse("2026-12-01T21:15:30.456Z");
    String good = SignedLines.sign(SignedLines.signedText(
        Observations.verified(infohash, "203.0.113.20", 51413, at),
        new SignedLines.SensorStamp(sensorName, "test", 0L, "ntp")), key.getPrivate());
    String forged = good.replace("203.0.113.20", "203.0.113.21");
    String body = good + "\n" + forged + "\n\n" + good + "\n";
    String answer = mvc.perform(post("/api/p2p/observations")
            .header("Authorization", "Bearer " + sensorToken)
            .contentType("application/x-ndjson").content(body))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    JsonNode a = JSON.readTree(answer);
    assertEquals(2, a.get("accepted").asInt(), answer);
    assertEquals(1, a.get("refused").asInt(), answer);
    JsonNode lines = a.get("lines");
    assertEquals(3, lines.size());
    assertEquals(1, lines.get(0).get("line").asInt());
    assertEquals("accepted", lines.get(0).get("status").asText());
    assertTrue(lines.get(0).get("ip_event_id").isNumber(), answer);
    assertEquals(2, lines.get(1).get("line").asInt());
    assertEquals("refused", lines.get(1).get("status").asText());
    assertEquals("BAD_SIGNATURE", lines.get(1).get("why").asText());
    assertTrue(lines.get(1).get("reason").asText().contains("signature"), answer);
    assertEquals(4, lines.get(2).get("line").asInt());
    assertTrue(lines.get(2).get("duplicate").asBoolean(), answer);
    assertEquals(lines.get(0).get("observation_id").asLong(),
        lines.get(2).get("observation_id").asLong());
    assertEquals(0L, jdbc.sql("select count(*) from p2p_observations where remote_ip = "
        + "'203.0.113.21'").query(Long.class).single());

    mvc.perform(post("/api/p2p/observations").header("Authorization", "Bearer " + analystToken)
        .contentType("application/x-ndjson").content(good)).andExpect(status().isForbidden());
    mvc.perform(post("/api/p2p/observations").header("Authorization", "Bearer " + sensorToken)
        .contentType("application/x-ndjson").content("{}\n".repeat(10_001)))
        .andExpect(status().isPayloadTooLarge());
  }

  @Test
  void aTorrentEntryIsServedWithItsBytes() throws Exception {
    byte[] torrent = fr.vigie.bittorrent.fakes.TorrentBuilder.named("api.bin")
        .single(fr.vigie.bittorrent.fakes.TorrentBuilder.randomBytes(7, 40_000))
        .pieceLength(16 * 1024).build();
    Watchlist.Addition.Added added = assertInstanceOf(Watchlist.Addition.Added.class,
        watchlist.add(new Watchlist.What.Torrent(torrent), Provenance.parse("case:D-1"), ADMIN));
    String body = mvc.perform(get("/api/p2p/watchlist")
            .header("Authorization", "Bearer " + sensorToken))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    for (JsonNode e : JSON.readTree(body).get("entries")) {
      if (e.get("id").asLong() == added.entry().id()) {
        assertEquals(Base64.getEncoder().encodeToString(torrent), e.get("torrent").asText());
        return;
      }
    }
    throw new AssertionError("entry not served: " + body);
  }
}
