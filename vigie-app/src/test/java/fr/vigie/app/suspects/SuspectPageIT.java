package fr.vigie.app.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import fr.vigie.app.linking.Linking;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The suspect is the hub: its page lists the reports naming its identifiers, their IP events
 * (attribution's outcome, the requisition covering each), their files (match status, a link to
 * the blurred page, never an image), its identifiers and its operation targets, each a link —
 * and nothing of another unit, nor of a report naming the identifier for someone else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.jobs.worker-enabled=false")
@AutoConfigureMockMvc
class SuspectPageIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  static final OffsetDateTime T = Instant.parse("2026-03-01T10:00:00Z").atOffset(ZoneOffset.UTC);

  @Autowired
  Linking linking;

  @Autowired
  Suspects suspects;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MockMvc mvc;

  long source;
  long operator;
  long job;
  int serial;

  // The seeded suspect's world.
  long suspect;
  long reportA;
  long reportB;
  long otherPlatform;
  long asVictim;
  long eventA;
  long eventB;
  long eventElsewhere;
  long requisitionLyon;
  long requisitionRennes;
  long matched;
  long unknown;
  long targetLyon;
  long targetRennes;

  @BeforeEach
  void seed() {
    for (String table : List.of("links", "suspect_decisions", "link_decisions",
        "subscriber_link_keys", "risk_assessments", "case_events", "case_suspects", "targets",
        "operations", "cases", "suspect_identifiers", "suspects", "subscribers",
        "requisition_answers", "requisition_items", "requisitions", "ip_attributions",
        "ip_events", "reported_identifiers", "report_persons", "victim_hints", "matches",
        "hash_entries", "hash_sets", "media", "reports", "import_rejects", "import_jobs",
        "operator_cgnat_ranges", "operator_asns", "operators", "sources")) {
      jdbc.sql("delete from " + table).update();
    }
    source = insert("insert into sources (code, name, kind) values ('T', 'Source test', 'MANUAL')");
    operator = insert("insert into operators (code, name) values ('OP', 'Opérateur test')");
    job = insert("""
        insert into import_jobs (kind, origin, input_name, status, requested_by)
        values ('REPORTS', 'CLI', 'test', 'DONE', 'test')""");
    reportA = report("REPORTED", "Léa", "Bernard", "69003", "EMAIL::lea@example.org",
        "SCREEN_NAME:Chat App:zed69");
    reportB = report("REPORTED", null, null, null, "SCREEN_NAME:Chat App:zed69",
        "PHONE::+33639980001");
    // The same screen name on another platform is someone else; the e-mail as a victim's too.
    otherPlatform = report("REPORTED", null, null, null, "SCREEN_NAME:Autre Réseau:zed69");
    asVictim = report("VICTIM", null, null, null, "EMAIL::lea@example.org");
    linking.linkImport(job);
    suspect = linking.suspectOf("EMAIL|lea@example.org").orElseThrow();

    eventA = event(reportA, "192.0.2.10", 443);
    attributed(eventA, reportA, "FRANCE");
    eventB = event(reportB, "198.51.100.7", null);
    eventElsewhere = event(otherPlatform, "203.0.113.99", null);
    requisitionLyon = requisition("RQ-LYON-1", "OFMIN-LYON", eventA);
    requisitionRennes = requisition("RQ-RENNES-1", "OFMIN-RENNES", eventB);

    long set = insert("""
        insert into hash_sets (name, version, format, kind, authority, status, imported_by)
        values ('Jeu test', '1', 'DEMO', 'NOTABLE', 'Test', 'ACTIVE', 'test')""");
    long entry = insert("""
        insert into hash_entries (set_id, algorithm, hash_value, category)
        values (?, 'SHA256', ?, 1)""", set, "a".repeat(64));
    matched = media(reportA, "vacances.jpg", "MATCHED");
    insert("""
        insert into matches (media_id, entry_id, set_id, algorithm, category, matched_at)
        values (?, ?, ?, 'SHA256', 1, ?)""", matched, entry, set, T);
    unknown = media(reportB, "photo_2.jpg", "UNKNOWN_MATERIAL");
    media(otherPlatform, "ailleurs.jpg", "UNKNOWN_MATERIAL");

    targetLyon = target("OP-LYON", "Opération Lyon", "OFMIN-LYON");
    targetRennes = target("OP-RENNES", "Opération Rennes", "OFMIN-RENNES");
  }

  @Test
  void listsTheSuspectsReportsEventsFilesIdentifiersAndTargetEachALink() throws Exception {
    String page = page(suspect, as(Role.INVESTIGATOR, "OFMIN-LYON"), 200);
    // Reports: the two naming its identifiers for the reported person, by their reference.
    assertTrue(page.contains("href=\"/signalements/" + reportA + "\""), page);
    assertTrue(page.contains("href=\"/signalements/" + reportB + "\""), page);
    assertTrue(page.contains(">R1</a>") && page.contains(">R2</a>"), page);
    assertFalse(page.contains("/signalements/" + otherPlatform + "\""),
        "the same screen name on another platform is not this suspect");
    assertFalse(page.contains("/signalements/" + asVictim + "\""),
        "a report naming the e-mail for a victim is not the suspect's");
    // IP events with attribution's outcome in words and the requisition covering them.
    assertTrue(page.contains("id=\"event-" + eventA + "\""), page);
    assertTrue(page.contains("id=\"event-" + eventB + "\""), page);
    assertFalse(page.contains("id=\"event-" + eventElsewhere + "\""));
    assertTrue(page.contains("192.0.2.10") && page.contains(" : 443"), page);
    assertTrue(page.contains("France : réquisition à l’opérateur"), page);
    assertTrue(page.contains("pas encore attribué"), page);
    assertTrue(page.contains("href=\"/requisitions/" + requisitionLyon + "\"")
        && page.contains("RQ-LYON-1"), page);
    // Files: each a link to its (blurred) page, with its status in words; no image here.
    assertTrue(page.contains("href=\"/media/" + matched + "\"")
        && page.contains("href=\"/media/" + unknown + "\""), page);
    assertTrue(page.contains("connu (jeu d’empreintes)") && page.contains("contenu inconnu"),
        page);
    assertFalse(page.contains("ailleurs.jpg"));
    assertFalse(page.matches("(?s).*<img[^>]*/media/.*") || page.contains("/vignette"),
        "never an image of a file on the suspect page");
    // Identifiers, kinds in words, each with the reports naming it.
    assertTrue(page.contains("pseudonyme") && page.contains("chat app:zed69"), page);
    assertTrue(page.contains("signalé dans 2 signalement(s)"), page);
    // The operation target, a link.
    assertTrue(page.contains("href=\"/operations/cibles/" + targetLyon + "\"")
        && page.contains("OP-LYON — Opération Lyon"), page);
    // The graph: identifiers by their value, reports by their reference, rules in words, and a
    // legend for every line kind.
    String graph = page.substring(page.indexOf("id=\"graph\""), page.indexOf("</figure>"));
    assertTrue(graph.contains(">chat app:zed69</text>") && graph.contains(">R1</text>"), graph);
    assertFalse(graph.contains(">#"), "no internal number in the graph");
    assertTrue(graph.contains("<line") && graph.contains("R1 nomme lea@example.org"), graph);
    assertTrue(graph.contains("Même compte de plateforme") || graph.contains("Même e-mail"),
        graph);
    assertFalse(graph.contains("SAME_"), graph);
    for (String kind : List.of("evidence", "link confirmed", "link proposed", "link rejected")) {
      assertTrue(graph.contains("data-line=\"" + kind + "\""), kind);
    }
    assertTrue(graph.contains("rapprochement proposé, en attente d’un analyste"), graph);
    // No raw code shown to a person.
    for (String code : List.of(">FRANCE<", ">MATCHED<", ">UNKNOWN_MATERIAL<", ">EMAIL<",
        ">SCREEN_NAME<", ">ACTIVE<", ">PLANNED<", ">REQUESTED<", ">PENDING<")) {
      assertFalse(page.contains(code), code);
    }
  }

  @Test
  void anotherUnitsRequisitionsAndTargetsAreNotShown() throws Exception {
    String lyon = page(suspect, as(Role.INVESTIGATOR, "OFMIN-LYON"), 200);
    assertFalse(lyon.contains("RQ-RENNES-1") || lyon.contains("/requisitions/" + requisitionRennes),
        lyon);
    assertFalse(lyon.contains("/operations/cibles/" + targetRennes) || lyon.contains("OP-RENNES"),
        lyon);
    assertTrue(row(lyon, "event-" + eventB).contains("aucune dans votre périmètre"), lyon);
    // A national role sees both; an investigator of another unit does not see the suspect.
    String national = page(suspect, as(Role.ANALYST, null), 200);
    assertTrue(row(national, "event-" + eventB).contains("RQ-RENNES-1"), national);
    assertTrue(national.contains("/operations/cibles/" + targetRennes), national);
    page(suspect, as(Role.INVESTIGATOR, "OFMIN-RENNES"), 404);
  }

  @Test
  void aSuspectRegisteredDirectlyReachesItsReportsThroughItsBareKeys() throws Exception {
    // As the demo registers them: the screen name without its platform, no link written.
    long direct = suspects.register(new SuspectDraft("S-TEST-00001", "Zoé TEST", "OFMIN-LYON",
        "69", T.toInstant(), List.of(new SuspectIdentifier("SCREEN_NAME", "zed69", T.toInstant()))));
    String page = page(direct, as(Role.INVESTIGATOR, "OFMIN-LYON"), 200);
    assertTrue(page.contains("href=\"/signalements/" + reportB + "\""), page);
    assertTrue(page.contains("id=\"event-" + eventB + "\"")
        && page.contains("href=\"/media/" + unknown + "\""), page);
    assertFalse(page.contains("/signalements/" + asVictim + "\""));
    assertFalse(page.contains("id=\"no-reports\""));
  }

  @Test
  void aSupersededReportVersionAndItsEventsAndFilesAreNotListed() throws Exception {
    jdbc.sql("update reports set status = 'SUPERSEDED' where id = ?").param(reportB).update();
    String page = page(suspect, as(Role.INVESTIGATOR, "OFMIN-LYON"), 200);
    String reports = page.substring(page.indexOf("id=\"suspect-reports\""));
    reports = reports.substring(0, reports.indexOf("</table>"));
    assertTrue(reports.contains("href=\"/signalements/" + reportA + "\""), reports);
    assertFalse(reports.contains("href=\"/signalements/" + reportB + "\""), reports);
    // The links citing it still name it by its reference.
    assertTrue(page.contains("signalement R2"), page);
    assertFalse(page.contains("id=\"event-" + eventB + "\"")
        || page.contains("href=\"/media/" + unknown + "\""), page);
  }

  /** The table row with that id. */
  static String row(String page, String id) {
    int at = page.indexOf("id=\"" + id + "\"");
    assertTrue(at >= 0, id);
    return page.substring(at, page.indexOf("</tr>", at));
  }

  String page(long id, UsernamePasswordAuthenticationToken who, int status) throws Exception {
    var response = mvc.perform(MockMvcRequestBuilders.get("/suspects/" + id)
        .with(authentication(who))).andReturn().getResponse();
    assertEquals(status, response.getStatus());
    return response.getContentAsString();
  }

  long report(String role, String first, String last, String postal, String... identifiers) {
    long report = insert("""
        insert into reports (source_id, external_id, content_sha256, incident_type,
          received_at, raw_format, import_job_id)
        values (?, ?, 'x', 'Test', ?, 'DEMO', ?)""", source, "R" + ++serial,
        T.plusDays(serial), job);
    long person = insert("""
        insert into report_persons (report_id, role, first_name, last_name, postal_code)
        values (?, ?, ?, ?, ?)""", report, role, first, last, postal);
    for (String id : identifiers) {
      String[] p = id.split(":", 3);
      insert("""
          insert into reported_identifiers (report_id, person_id, kind, platform,
            original_value, normalized_value, canonical_key) values (?, ?, ?, ?, ?, ?, ?)""",
          report, person, p[0], p[1].isEmpty() ? null : p[1], p[2], p[2], p[2]);
    }
    return report;
  }

  long event(long report, String ip, Integer port) {
    return insert("""
        insert into ip_events (report_id, ip_original, ip, ip_version, port, occurred_at)
        values (?, ?, ?, 4, ?, ?)""", report, ip, ip, port, T);
  }

  void attributed(long event, long report, String outcome) {
    jdbc.sql("""
        insert into ip_attributions (ip_event_id, report_id, report_ref, ip, outcome, reason,
          operator_id, attributed_at) values (?, ?, 'R', '192.0.2.10', ?, 'test', ?, ?)""")
        .params(event, report, outcome, operator, T).update();
    jdbc.sql("update ip_events set status = 'REQUESTED' where id = ?").param(event).update();
  }

  long requisition(String reference, String unit, long event) {
    long requisition = insert("""
        insert into requisitions (reference, operator_id, unit_id, legal_basis,
          requesting_officer, status, created_by)
        values (?, ?, (select id from units where code = ?), 'art. 60-1 CPP', 'OPJ Test',
          'SENT', 'test')""", reference, operator, unit);
    insert("""
        insert into requisition_items (requisition_id, ip_event_id, ip, occurred_at)
        values (?, ?, '192.0.2.10', ?)""", requisition, event, T);
    return requisition;
  }

  long media(long report, String name, String status) {
    return insert("""
        insert into media (report_id, file_name, size_bytes, sha256, status)
        values (?, ?, 1000, ?, ?)""", report, name, "a".repeat(64), status);
  }

  long target(String code, String name, String unit) {
    long operation = insert("""
        insert into operations (code, name, planned_for, status, created_by)
        values (?, ?, ?, 'PLANNING', 'test')""", code, name, LocalDate.of(2026, 12, 8));
    return insert("""
        insert into targets (operation_id, suspect_id, unit_id, status)
        values (?, ?, (select id from units where code = ?), 'PLANNED')""", operation, suspect,
        unit);
  }

  long insert(String sql, Object... params) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql(sql).params(params).update(keys, "id");
    return keys.getKey().longValue();
  }

  UsernamePasswordAuthenticationToken as(Role role, String unitCode) {
    Long unit = unitCode == null ? null : jdbc.sql("select id from units where code = ?")
        .param(unitCode).query(Long.class).single();
    Caller caller = new Caller(0, "t." + role.name().toLowerCase(Locale.ROOT), role, unit);
    return UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }
}
