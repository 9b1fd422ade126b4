package fr.vigie.app.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.attribution.AnswerImportSummary;
import fr.vigie.app.attribution.Attribution;
import fr.vigie.app.attribution.DraftOutcome;
import fr.vigie.app.attribution.RequisitionRequest;
import fr.vigie.app.attribution.Requisitions;
import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.linking.Linking;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.GeoIpTestData;
import fr.vigie.app.support.TestDatabases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
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
 * An observation flows like a report's IP event: attribution (Orange, by the test GeoIP data),
 * a requisition listing the peer's address, port and instant, the operator's answer naming a
 * subscriber, linking into a suspect; the suspect's page then shows the observation with its
 * verdict (linked to the record for those who may read the sensor's pages, not for others).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.jobs.worker-enabled=false")
@AutoConfigureMockMvc
class P2pToSuspectIT {

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
  Requisitions requisitions;

  @Autowired
  Linking linking;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MockMvc mvc;

  long unitId(String code) {
    return jdbc.sql("select id from units where code = ?").param(code).query(Long.class).single();
  }

  static UsernamePasswordAuthenticationToken as(Role role, Long unit) {
    return UsernamePasswordAuthenticationToken.authenticated(
        new Caller(0, "flux." + role.name().toLowerCase(), role, unit), null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  @Test
  void fromObservationToSuspect() throws Exception {
    KeyPair key = Ed25519Keys.generate();
    sensors.register("capteur-flux", Ed25519Keys.pem(key)[1], ACTOR);
    String infohash = "5a".repeat(20);
    watchlist.add(new Watchlist.What.Infohash(infohash), Provenance.parse("case:D-2026-0500"),
        ACTOR);
    IntakeResult.Accepted accepted = assertInstanceOf(IntakeResult.Accepted.class, intake.accept(
        SignedLines.sign(SignedLines.signedText(
            Observations.verified(infohash, "198.51.100.10", 40000, HANDSHAKE),
            new SignedLines.SensorStamp("capteur-flux", "0.1", 2L, "ntp")), key.getPrivate()),
        ACTOR));
    long job = jdbc.sql("select r.import_job_id from ip_events e join reports r on r.id = "
        + "e.report_id where e.id = ?").param(accepted.ipEventId().orElseThrow())
        .query(Long.class).single();
    attribution.attributeImport(job);

    Access lyon = new Access(new Caller(1, "enqueteur.lyon", Role.INVESTIGATOR,
        unitId("OFMIN-LYON")), "192.0.2.99");
    DraftOutcome.Drafted drafted = assertInstanceOf(DraftOutcome.Drafted.class,
        requisitions.draft(new RequisitionRequest("ORANGE", "PRELIMINARY", "PV 2026/500",
            "Capitaine Exemple"), lyon));
    assertEquals(1, drafted.items());
    String csv = requisitions.csv(lyon, drafted.id()).orElseThrow();
    assertTrue(csv.contains("198.51.100.10,40000,2026-11-20T08:00:00.123Z"), csv);
    assertTrue(requisitions.markSent(lyon, drafted.id()));
    String ref = requisitions.find(lyon, drafted.id()).orElseThrow().reference();
    String answer = "requisition,ip,port,utc_time,identity,address,postal_code,city,"
        + "contract_type\n" + ref + ",198.51.100.10,40000," + HANDSHAKE
        + ",DUPONT Jean,\"12 rue Exemple\",69003,Lyon,fixe\n";
    AnswerImportSummary summary = requisitions.importAnswer(new ByteArrayInputStream(
        answer.getBytes(StandardCharsets.UTF_8)), "answer.csv", "CLI", "test", null, null, null);
    assertEquals(1, summary.accepted(), summary.rejects().toString());
    long answerId = jdbc.sql("select max(id) from requisition_answers").query(Long.class)
        .single();
    linking.linkAnswer(answerId);

    long suspect = jdbc.sql("select suspect_id from suspect_identifiers where kind = "
        + "'SUBSCRIBER'").query(Long.class).single();
    String page = mvc.perform(get("/suspects/" + suspect).param("lang", "fr")
            .with(authentication(as(Role.ANALYST, null))))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(page.contains("Observations du capteur pair-à-pair"), page);
    String section = page.substring(page.indexOf("id=\"p2p-observations\""));
    section = section.substring(0, section.indexOf("</section>"));
    assertTrue(section.contains("198.51.100.10 : 40000"), section);
    assertTrue(section.contains("2026-11-20 09:00:00.123 +01:00"), section);
    assertTrue(section.contains("pièces vérifiées") && section.contains("2 vérifiée(s) sur 2"),
        section);
    assertTrue(section.contains("/p2p/observations/" + accepted.observationId()), section);

    // The funnel, nationally and for the entry: one peer all the way, identified in the Rhône.
    String list = mvc.perform(get("/p2p").param("lang", "fr")
            .with(authentication(as(Role.ANALYST, null))))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(list.contains("1 pair(s) contacté(s) → 1 connecté(s) → 1 vérifié(s) → 1 "
        + "attribué(s) à un opérateur français → 1 identifié(s)"), list);
    String departements = list.substring(list.indexOf("id=\"departements\""));
    assertTrue(departements.matches("(?s).*<td>69</td>\\s*<td class=\"num\">1</td>.*"),
        departements);
    long entry = jdbc.sql("select id from p2p_watch_entries where infohash = ?").param(infohash)
        .query(Long.class).single();
    String entryPage = mvc.perform(get("/p2p/veille/" + entry).param("lang", "en")
            .with(authentication(as(Role.ANALYST, null))))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(entryPage.contains("1 attributed to a French operator → 1 identified"),
        entryPage);

    Long unit = jdbc.sql("select unit_id from suspects where id = ?").param(suspect)
        .query(Long.class).single();
    assertEquals(unitId("OFMIN-LYON"), unit, "the subscriber lives in the Rhône");
    {
      String investigator = mvc.perform(get("/suspects/" + suspect).param("lang", "en")
              .with(authentication(as(Role.INVESTIGATOR, unit))))
          .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
      assertTrue(investigator.contains("Observations of the peer-to-peer sensor"),
          investigator);
      assertFalse(investigator.contains("/p2p/observations/"),
          "an investigator may not open the sensor's pages: no link");
    }
  }
}
