package fr.vigie.app.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The sensor's pages, in French and English: the watchlist with provenance and its figures, an
 * entry's swarm by day and its observations, one observation with its pieces and its signature
 * checked again (and shown broken once the stored record is altered); reads audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.jobs.worker-enabled=false")
@AutoConfigureMockMvc
class P2pPagesIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  static final AuditActor ACTOR = new AuditActor("analyste.p2p", "ANALYST", "192.0.2.10");

  @Autowired
  MockMvc mvc;

  @Autowired
  Sensors sensors;

  @Autowired
  Watchlist watchlist;

  @Autowired
  ObservationIntake intake;

  @Autowired
  JdbcClient jdbc;

  WatchEntry entry;
  long verifiedId;
  long refusedId;
  String sensor;

  @BeforeEach
  void data() {
    KeyPair key = Ed25519Keys.generate();
    sensor = "capteur-pages-" + UUID.randomUUID().toString().substring(0, 6);
    sensors.register(sensor, Ed25519Keys.pem(key)[1], ACTOR);
    String infohash = UUID.randomUUID().toString().replace("-", "") + "abcdef01";
    entry = ((Watchlist.Addition.Added) watchlist.add(new Watchlist.What.Magnet(
        "magnet:?xt=urn:btih:" + infohash + "&dn=archive-synthetique"),
        Provenance.parse("case:D-2026-0099"), ACTOR)).entry();
    SignedLines.SensorStamp stamp = new SignedLines.SensorStamp(sensor, "0.1", 4L,
        "ntp:192.0.2.123");
    Instant day1 = Instant.parse("2026-11-30T23:30:00.250Z"); // 00:30 in Paris, Dec 1st
    Instant day2 = Instant.parse("2026-12-01T10:00:00.999Z");
    verifiedId = accepted(SignedLines.sign(SignedLines.signedText(
        Observations.verified(infohash, "203.0.113.30", 51413, day1), stamp), key.getPrivate()));
    accepted(SignedLines.sign(SignedLines.signedText(
        Observations.verified(infohash, "203.0.113.30", 51413, day2), stamp), key.getPrivate()));
    refusedId = accepted(SignedLines.sign(SignedLines.signedText(
        Observations.refused(infohash, "198.51.100.40", 6881, day2), stamp), key.getPrivate()));
  }

  long accepted(String line) {
    return assertInstanceOf(IntakeResult.Accepted.class, intake.accept(line, ACTOR))
        .observationId();
  }

  static UsernamePasswordAuthenticationToken as(Role role) {
    return UsernamePasswordAuthenticationToken.authenticated(
        new Caller(0, "pages." + role.name().toLowerCase(), role, null), null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  String page(String url, String lang) throws Exception {
    return mvc.perform(get(url).param("lang", lang).with(authentication(as(Role.ANALYST))))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
  }

  @Test
  void theWatchlistShowsProvenanceAndFiguresInBothLanguages() throws Exception {
    String fr = page("/p2p", "fr");
    assertTrue(fr.contains("archive-synthetique"), fr);
    assertTrue(fr.contains("Dossier") && fr.contains("D-2026-0099"), fr);
    assertFalse(fr.contains(">CASE<"), "no raw code shown");
    String row = fr.substring(fr.indexOf("archive-synthetique"));
    row = row.substring(0, row.indexOf("</tr>"));
    // two distinct peers contacted, one connected, one verified
    assertTrue(row.matches("(?s).*<td class=\"num\">2</td>\\s*<td class=\"num\">1</td>\\s*"
        + "<td class=\"num\">1</td>.*"), row);
    assertFalse(fr.contains("pas encore construite"), "the placeholder is gone");
    String en = page("/p2p", "en");
    assertTrue(en.contains("Case") && en.contains("Peers contacted"), en);
    mvc.perform(get("/p2p").with(authentication(as(Role.INVESTIGATOR))))
        .andExpect(status().isForbidden());
  }

  @Test
  void anEntryShowsItsSwarmByDayAndItsObservations() throws Exception {
    String fr = page("/p2p/veille/" + entry.id(), "fr");
    assertTrue(fr.contains("2026-11-30") && fr.contains("2026-12-01"), "days in UTC: " + fr);
    assertTrue(fr.contains("2026-12-01 00:30:00.250 +01:00"), "Paris time with ms: " + fr);
    assertTrue(fr.contains("203.0.113.30 : 51413") && fr.contains("198.51.100.40 : 6881"), fr);
    assertTrue(fr.contains("pièces vérifiées") && fr.contains("refusé"), fr);
    assertTrue(fr.contains("/p2p/observations/" + verifiedId), fr);
    assertTrue(page("/p2p/veille/" + entry.id(), "en").contains("The swarm day by day"));
    assertTrue(jdbc.sql("select count(*) from audit_log where object_type = "
        + "'p2p_watch_entry' and object_id = ? and action = 'READ'")
        .param(String.valueOf(entry.id())).query(Long.class).single() >= 1, "read audited");
    mvc.perform(get("/p2p/veille/999999").with(authentication(as(Role.ANALYST))))
        .andExpect(status().isNotFound());
  }

  @Test
  void anObservationShowsItsRecordPiecesAndSignatureCheck() throws Exception {
    String fr = page("/p2p/observations/" + verifiedId, "fr");
    assertTrue(fr.contains("Signature vérifiée"), fr);
    assertTrue(fr.contains("ab".repeat(20)) && fr.contains("conforme au torrent"), fr);
    assertTrue(fr.contains("2026-12-01 00:30:00.250 +01:00"), fr);
    assertTrue(fr.contains("écart de 4 ms avec ntp:192.0.2.123"), fr);
    assertTrue(fr.contains("Transmission 3.00"), fr);
    assertTrue(fr.contains("Pièces non conservées ici : la ligne poussée par le capteur distant "
        + sensor + " donne l’empreinte SHA-1 de chaque pièce, pas ses octets."), fr);
    assertFalse(fr.contains("id=\"kept\""), "no piece kept for a pushed line");
    String en = page("/p2p/observations/" + refusedId, "en");
    assertTrue(en.contains("No piece asked of this peer.") && en.contains("Signature checked"),
        en);
    assertTrue(en.contains("No piece downloaded: nothing to keep."), en);

    jdbc.sql("update p2p_observations set signed_text = replace(signed_text, '203.0.113.30', "
        + "'203.0.113.31') where id = ?").param(verifiedId).update();
    String altered = page("/p2p/observations/" + verifiedId, "fr");
    assertTrue(altered.contains("ne correspond PAS"), altered);
    assertEquals(true, jdbc.sql("select count(*) > 0 from audit_log where object_type = "
        + "'p2p_observation' and object_id = ? and action = 'READ'")
        .param(String.valueOf(verifiedId)).query(Boolean.class).single());
  }
}
