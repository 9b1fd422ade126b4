package fr.vigie.app.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.attribution.Attribution;
import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.support.GeoIpTestData;
import fr.vigie.app.support.TestDatabases;
import java.security.KeyPair;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The intake of signed observations on PostgreSQL: a valid line is stored with its pieces and
 * becomes an IP event (source P2P, port, the handshake's instant to the millisecond) that
 * attribution takes up; a line whose signature does not check, from an unknown sensor or about an
 * unwatched torrent is refused with its reason and kept nowhere; the same line twice is one row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vigie.jobs.worker-enabled=false")
class ObservationIntakeIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
    GeoIpTestData.register(registry);
  }

  static final AuditActor ACTOR = new AuditActor("capteur.test", "SENSOR", "192.0.2.50");
  static final Instant HANDSHAKE = Instant.parse("2026-11-20T08:00:00.123Z");

  @Autowired
  ObservationIntake intake;

  @Autowired
  Sensors sensors;

  @Autowired
  Watchlist watchlist;

  @Autowired
  Attribution attribution;

  @Autowired
  JdbcClient jdbc;

  KeyPair key;
  String sensor;
  String infohash;

  @BeforeEach
  void sensorAndEntry() {
    key = Ed25519Keys.generate();
    sensor = "capteur-" + UUID.randomUUID().toString().substring(0, 8);
    assertInstanceOf(Sensors.Registration.Registered.class,
        sensors.register(sensor, Ed25519Keys.pem(key)[1], ACTOR));
    infohash = UUID.randomUUID().toString().replace("-", "") + "01234567";
    assertInstanceOf(Watchlist.Addition.Added.class, watchlist.add(
        new Watchlist.What.Infohash(infohash), Provenance.parse("case:OFMIN-2026-0042"), ACTOR));
  }

  String line(fr.vigie.bittorrent.Observation o, KeyPair by, String sensorName) {
    String text = SignedLines.signedText(o, new SignedLines.SensorStamp(sensorName, "0.1-test",
        3L, "ntp:192.0.2.123"));
    return SignedLines.sign(text, by.getPrivate());
  }

  long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  @Test
  void aValidLineIsStoredAndBecomesAnIpEventThatAttributionTakesUp() {
    String line = line(Observations.verified(infohash, "198.51.100.10", 40000, HANDSHAKE), key,
        sensor);
    IntakeResult result = intake.accept(line, ACTOR);
    IntakeResult.Accepted accepted = assertInstanceOf(IntakeResult.Accepted.class, result);
    assertFalse(accepted.duplicate());
    assertTrue(accepted.ipEventId().isPresent());

    StoredObservation stored = intake.observation(accepted.observationId()).orElseThrow();
    assertEquals("198.51.100.10", stored.remoteIp());
    assertEquals(40000, stored.remotePort());
    assertEquals(HANDSHAKE, stored.handshakeAt().orElseThrow());
    assertEquals("verified", stored.outcome());
    assertEquals(0, stored.uploadedBytes());
    assertEquals(3L, stored.clockOffsetMs().orElseThrow());
    assertEquals(List.of(new StoredObservation.Piece(0, "ab".repeat(20), true),
        new StoredObservation.Piece(3, "cd".repeat(20), true)), stored.pieces());
    assertTrue(stored.signatureValid());
    assertTrue(line.startsWith(stored.signedText().substring(0, stored.signedText().length() - 1)));

    long eventId = accepted.ipEventId().get();
    Map<String, Object> event = jdbc.sql("""
        select e.ip, e.port, e.occurred_at, e.owner, s.code, s.kind, r.raw_format,
               r.import_job_id
        from ip_events e join reports r on r.id = e.report_id join sources s on s.id = r.source_id
        where e.id = ?
        """).param(eventId).query().singleRow();
    assertEquals("198.51.100.10", event.get("ip"));
    assertEquals(40000, ((Number) event.get("port")).intValue());
    assertEquals(HANDSHAKE, ((OffsetDateTime) jdbc.sql(
        "select occurred_at from ip_events where id = ?").param(eventId)
        .query(OffsetDateTime.class).single()).toInstant(), "to the millisecond, UTC");
    assertEquals("P2P", event.get("code"));
    assertEquals("P2P_SENSOR", event.get("kind"));
    assertEquals("SENSOR", event.get("raw_format"));
    assertEquals("peer2peerIncident[1]", event.get("owner"));
    long job = ((Number) event.get("import_job_id")).longValue();
    assertEquals(1L, count("select count(*) from jobs where kind = ? and payload like ?",
        Attribution.IMPORT_KIND.name(), "%" + job + "%"), "attribution queued for the run");

    var run = attribution.attributeImport(job);
    assertEquals(1, run.attributed());
    assertEquals("FRANCE", jdbc.sql("select outcome from ip_attributions where ip_event_id = ?")
        .param(eventId).query(String.class).single());
    assertEquals(1L, count("select count(*) from audit_log where object_type = 'p2p_observation'"
        + " and object_id = ? and outcome = 'SUCCESS'", String.valueOf(accepted.observationId())));
  }

  @Test
  void aLineWithoutHandshakeIsStoredButMakesNoIpEvent() {
    long events = count("select count(*) from ip_events");
    IntakeResult.Accepted accepted = assertInstanceOf(IntakeResult.Accepted.class, intake.accept(
        line(Observations.refused(infohash, "203.0.113.7", 6881, HANDSHAKE), key, sensor),
        ACTOR));
    assertTrue(accepted.ipEventId().isEmpty());
    assertEquals(events, count("select count(*) from ip_events"));
  }

  @Test
  void aBadSignatureIsRefusedAndKeptNowhere() {
    long observations = count("select count(*) from p2p_observations");
    long events = count("select count(*) from ip_events");
    String good = line(Observations.verified(infohash, "198.51.100.11", 40001, HANDSHAKE), key,
        sensor);
    String altered = good.replace("\"remote_port\":40001", "\"remote_port\":40002");
    IntakeResult.Refused r1 = assertInstanceOf(IntakeResult.Refused.class,
        intake.accept(altered, ACTOR));
    assertEquals(IntakeResult.Why.BAD_SIGNATURE, r1.why());
    assertTrue(r1.reason().contains("signature does not match"), r1.reason());

    String otherKey = line(Observations.verified(infohash, "198.51.100.11", 40001, HANDSHAKE),
        Ed25519Keys.generate(), sensor);
    assertEquals(IntakeResult.Why.BAD_SIGNATURE, assertInstanceOf(IntakeResult.Refused.class,
        intake.accept(otherKey, ACTOR)).why());

    String unknownSensor = line(Observations.verified(infohash, "198.51.100.11", 40001,
        HANDSHAKE), key, "capteur-inconnu");
    IntakeResult.Refused r3 = assertInstanceOf(IntakeResult.Refused.class,
        intake.accept(unknownSensor, ACTOR));
    assertEquals(IntakeResult.Why.UNKNOWN_SENSOR, r3.why());
    assertTrue(r3.reason().contains("capteur-inconnu"), r3.reason());

    String unwatched = line(Observations.verified("ff".repeat(20), "198.51.100.11", 40001,
        HANDSHAKE), key, sensor);
    IntakeResult.Refused r4 = assertInstanceOf(IntakeResult.Refused.class,
        intake.accept(unwatched, ACTOR));
    assertEquals(IntakeResult.Why.UNKNOWN_INFOHASH, r4.why());
    assertTrue(r4.reason().contains("ff".repeat(20)), r4.reason());

    IntakeResult.Refused r5 = assertInstanceOf(IntakeResult.Refused.class,
        intake.accept(good.replaceFirst(",\"signature\":\"[^\"]*\"", ""), ACTOR));
    assertEquals(IntakeResult.Why.UNSIGNED, r5.why());

    assertEquals(observations, count("select count(*) from p2p_observations"));
    assertEquals(events, count("select count(*) from ip_events"));
    assertTrue(count("select count(*) from audit_log where object_type = 'p2p_observation' and "
        + "outcome = 'FAILURE' and detail like ?", "%BAD_SIGNATURE%") >= 2);
  }

  @Test
  void theSameLinePushedTwiceIsStoredOnce() {
    String line = line(Observations.verified(infohash, "198.51.100.12", 40003, HANDSHAKE), key,
        sensor);
    IntakeResult.Accepted first = assertInstanceOf(IntakeResult.Accepted.class,
        intake.accept(line, ACTOR));
    List<IntakeResult> again = intake.acceptAll(List.of(line, "", line + "\r"), ACTOR);
    assertEquals(2, again.size());
    for (IntakeResult r : again) {
      IntakeResult.Accepted a = assertInstanceOf(IntakeResult.Accepted.class, r);
      assertTrue(a.duplicate());
      assertEquals(first.observationId(), a.observationId());
      assertEquals(first.ipEventId(), a.ipEventId());
    }
    assertEquals(1L, count("select count(*) from p2p_observations o join p2p_watch_entries e "
        + "on e.id = o.watch_entry_id where e.infohash = ?", infohash));
    assertEquals(1L, count("select count(*) from ip_events where ip = '198.51.100.12'"));
    assertEquals(2L, count("select count(*) from p2p_observation_pieces where observation_id = ?",
        first.observationId()));
  }
}
