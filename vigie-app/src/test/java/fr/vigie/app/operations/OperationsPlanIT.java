package fr.vigie.app.operations;

import static fr.vigie.app.storage.Timestamps.utc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fr.vigie.app.security.Access;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Planning an operation: created in the browser (and refused with its reasons when the form is
 * wrong), ready cases proposed by tier, département, unit and age of the evidence, by unit with
 * each unit's load; added as targets unless the evidence is too old or no subscriber was
 * identified (each refusal said and recorded); the case then says it is in that operation; a
 * unit sees only its own targets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.operations.max-evidence-age=200d")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsPlanIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MockMvc mvc;

  @Autowired
  Operations operations;

  String lyon;
  String rennes;
  long lyonCase;
  long lyonCaseP2;
  long rennesCase;
  long oldCase;
  long unidentifiedCase;
  long openCase;

  @BeforeAll
  void plant() {
    lyon = unitOf("69");
    rennes = unitOf("35");
    Instant now = Instant.now();
    jdbc.sql("insert into sources (code, name, kind) values ('T-OPS', 'Tests', 'MANUAL')")
        .update();
    lyonCase = ready(lyon, "69", "P1", now.minus(Duration.ofDays(10)), true, "READY_FOR_ACTION");
    lyonCaseP2 = ready(lyon, "69", "P2", now.minus(Duration.ofDays(30)), true,
        "READY_FOR_ACTION");
    rennesCase = ready(rennes, "35", "P1", now.minus(Duration.ofDays(5)), true,
        "READY_FOR_ACTION");
    oldCase = ready(lyon, "69", "P1", now.minus(Duration.ofDays(400)), true, "READY_FOR_ACTION");
    unidentifiedCase = ready(rennes, "35", "P3", now.minus(Duration.ofDays(3)), false,
        "READY_FOR_ACTION");
    openCase = ready(lyon, "69", "P1", now.minus(Duration.ofDays(3)), true, "OPEN");
  }

  private String unitOf(String departement) {
    return jdbc.sql("select u.code from departements d join units u on u.id = d.unit_id "
        + "where d.code = ?").param(departement).query(String.class).single();
  }

  /** A case of that unit with one suspect, seen in one report received then. */
  private long ready(String unit, String departement, String tier, Instant received,
      boolean identified, String status) {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    long report = jdbc.sql("""
        insert into reports (source_id, external_id, content_sha256, incident_type, received_at,
                             raw_format)
        values ((select id from sources where code = 'T-OPS'), ?, ?, 'Child Pornography', ?,
                'DEMO') returning id
        """).params("OPS-" + tag, "0".repeat(56) + tag, utc(received)).query(Long.class)
        .single();
    String email = "ops." + tag + "@example.org";
    jdbc.sql("""
        insert into reported_identifiers (report_id, kind, original_value, normalized_value,
                                          canonical_key)
        values (?, 'EMAIL', ?, ?, ?)
        """).params(report, email, email, email).update();
    long event = jdbc.sql("""
        insert into ip_events (report_id, ip_original, ip, ip_version, port, occurred_at)
        values (?, '198.51.100.9', '198.51.100.9', 4, 40000, ?) returning id
        """).params(report, utc(received.minusSeconds(3600))).query(Long.class).single();
    long suspect = jdbc.sql("""
        insert into suspects (reference, display_name, unit_id, departement_code, status)
        values (?, ?, (select id from units where code = ?), ?, 'ACTIVE') returning id
        """).params("S-OPS-" + tag, "Personne Fictive " + tag, unit, departement)
        .query(Long.class).single();
    jdbc.sql("""
        insert into suspect_identifiers (suspect_id, kind, canonical_key, first_seen_at)
        values (?, 'EMAIL', ?, ?)
        """).params(suspect, email, utc(received)).update();
    jdbc.sql("""
        insert into risk_assessments (suspect_id, weights_version, score, computed_tier, factors,
                                      assessed_at, due_at, current_version, effective_tier,
                                      effective_due_at)
        values (?, 'w', 50, ?, '{}', ?, ?, true, ?, ?)
        """).params(suspect, tier, utc(received), utc(received), tier, utc(received)).update();
    if (identified) {
      long requisition = jdbc.sql("""
          insert into requisitions (reference, operator_id, legal_basis, requesting_officer,
                                    status, created_by, sent_at)
          values (?, (select id from operators where code = 'ORANGE'), 'Art. 77-1-1 CPP',
                  'OPJ Test', 'ANSWERED', 'analyste.test', ?) returning id
          """).params("REQ-OPS-" + tag, utc(received)).query(Long.class).single();
      long item = jdbc.sql("""
          insert into requisition_items (requisition_id, ip_event_id, ip, port, occurred_at)
          values (?, ?, '198.51.100.9', 40000, ?) returning id
          """).params(requisition, event, utc(received.minusSeconds(3600))).query(Long.class)
          .single();
      long answer = jdbc.sql("""
          insert into requisition_answers (requisition_id, received_at, file_name, imported_by)
          values (?, ?, 'reponse.csv', 'analyste.test') returning id
          """).params(requisition, utc(received.plusSeconds(7200))).query(Long.class).single();
      jdbc.sql("""
          insert into subscribers (answer_id, requisition_item_id, outcome, full_name,
                                   departement_code)
          values (?, ?, 'IDENTIFIED', ?, ?)
          """).params(answer, item, "Abonné Fictif " + tag, departement).update();
    }
    long id = jdbc.sql("""
        insert into cases (reference, title, unit_id, status, opened_at, opened_by)
        values (?, ?, (select id from units where code = ?), ?, ?, 'analyste.test') returning id
        """).params("D-OPS-" + tag, "Dossier " + tag, unit, status, utc(received))
        .query(Long.class).single();
    jdbc.sql("insert into case_suspects (case_id, suspect_id) values (?, ?)")
        .params(id, suspect).update();
    return id;
  }

  private long unitId(String code) {
    return jdbc.sql("select id from units where code = ?").param(code).query(Long.class).single();
  }

  private static UsernamePasswordAuthenticationToken as(Role role, Long unit) {
    return UsernamePasswordAuthenticationToken.authenticated(
        new Caller(0, "plan." + role.name().toLowerCase(), role, unit), null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  private String page(String url, UsernamePasswordAuthenticationToken who) throws Exception {
    MvcResult r = mvc.perform(get(url).with(authentication(who))).andReturn();
    assertEquals(200, r.getResponse().getStatus(), url);
    return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  private long create(String reference) throws Exception {
    MvcResult r = mvc.perform(post("/operations").with(csrf())
        .with(authentication(as(Role.SUPERVISOR, null)))
        .param("reference", reference).param("title", "Opération de test")
        .param("day", "2027-01-12").param("hour", "06:00").param("unit", lyon)).andReturn();
    assertEquals(302, r.getResponse().getStatus(), r.getResponse().getContentAsString());
    String location = r.getResponse().getRedirectedUrl();
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }

  private String reference(long caseId) {
    return jdbc.sql("select reference from cases where id = ?").param(caseId)
        .query(String.class).single();
  }

  @Test
  void anOperationIsCreatedInTheBrowserOrRefusedWithItsReasons() throws Exception {
    long id = create("OP-CREATE-1");
    assertEquals("06:00:00", jdbc.sql("select h_hour::text from operations where id = ?")
        .param(id).query(String.class).single());
    assertEquals(1L, jdbc.sql("""
        select count(*) from audit_log where action = 'CREATE' and object_type = 'operation'
        and object_id = ? and outcome = 'SUCCESS'""").param(Long.toString(id)).query(Long.class)
        .single());
    String refused = mvc.perform(post("/operations").with(csrf())
        .with(authentication(as(Role.SUPERVISOR, null))).param("reference", "OP-CREATE-1")
        .param("title", "").param("day", "demain").param("hour", "").param("unit", "NOPE"))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    for (String words : List.of("Une opération porte déjà cette référence",
        "L’intitulé est requis", "Le jour est requis", "L’heure H est requise",
        "Choisissez l’unité pilote")) {
      assertTrue(refused.contains(words), words + " in " + refused);
    }
    assertEquals(403, mvc.perform(post("/operations").with(csrf())
        .with(authentication(as(Role.INVESTIGATOR, unitId(lyon))))
        .param("reference", "OP-X").param("title", "x").param("day", "2027-01-12")
        .param("hour", "06:00").param("unit", lyon)).andReturn().getResponse().getStatus());
  }

  @Test
  void readyCasesAreProposedByUnitWithTheFiltersAndAddedUnlessRefusedWithTheReason()
      throws Exception {
    long id = create("OP-PLAN-1");
    var supervisor = as(Role.SUPERVISOR, null);
    String all = page("/operations/" + id, supervisor);
    for (long c : List.of(lyonCase, lyonCaseP2, rennesCase, oldCase, unidentifiedCase)) {
      assertTrue(all.contains("value=\"" + c + "\""), "ready case proposed: " + c);
    }
    assertFalse(all.contains("value=\"" + openCase + "\""), "an open case is not ready");
    assertTrue(all.contains("id=\"unit-" + lyon + "\""), all);
    assertTrue(all.contains("id=\"unit-" + rennes + "\""), all);
    // Filters: tier, département, unit, age of the evidence.
    String p1InLyon = page("/operations/" + id + "?tier=P1&unite=" + lyon, supervisor);
    assertTrue(p1InLyon.contains("value=\"" + lyonCase + "\""));
    assertFalse(p1InLyon.contains("value=\"" + lyonCaseP2 + "\""), "P2 filtered out");
    assertFalse(p1InLyon.contains("value=\"" + rennesCase + "\""), "Rennes filtered out");
    String in35 = page("/operations/" + id + "?departement=35", supervisor);
    assertTrue(in35.contains("value=\"" + rennesCase + "\""));
    assertFalse(in35.contains("value=\"" + lyonCase + "\""));
    String recent = page("/operations/" + id + "?age=20", supervisor);
    assertTrue(recent.contains("value=\"" + lyonCase + "\""));
    assertFalse(recent.contains("value=\"" + lyonCaseP2 + "\""), "30 days old, over 20");
    assertFalse(recent.contains("value=\"" + oldCase + "\""));

    String added = mvc.perform(post("/operations/" + id + "/cibles").with(csrf())
            .with(authentication(supervisor))
            .param("dossier", Long.toString(lyonCase), Long.toString(rennesCase),
                Long.toString(oldCase), Long.toString(unidentifiedCase),
                Long.toString(openCase)))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertTrue(added.contains("la preuve la plus récente date de plus de 200 jours"), added);
    assertTrue(added.contains("aucun abonné identifié"), added);
    assertTrue(added.contains("le dossier n’est pas « prêt pour action »"), added);
    assertEquals(2L, jdbc.sql("select count(*) from targets where operation_id = ?").param(id)
        .query(Long.class).single());
    assertEquals("IN_OPERATION", jdbc.sql("select status from cases where id = ?")
        .param(lyonCase).query(String.class).single());
    assertEquals("READY_FOR_ACTION", jdbc.sql("select status from cases where id = ?")
        .param(oldCase).query(String.class).single());
    assertEquals(Instant.parse("2027-01-12T05:00:00Z"), jdbc.sql(
        "select planned_at from targets where case_id = ?").param(lyonCase)
        .query(java.sql.Timestamp.class).single().toInstant(), "day and hour H in Paris");
    assertEquals(3L, jdbc.sql("""
        select count(*) from audit_log where object_type = 'target' and outcome = 'FAILURE'
        and detail like 'operation OP-PLAN-1: refused%'""").query(Long.class).single());
    // The loads: one target already in each unit.
    String after = page("/operations/" + id, supervisor);
    assertTrue(after.contains("1 objectif(s) déjà"), after);
    assertFalse(after.contains("value=\"" + lyonCase + "\""), "a target is no longer proposed");

    // The case says it is in that operation.
    String casePage = page("/dossiers/" + lyonCase, supervisor);
    assertTrue(casePage.contains("OP-PLAN-1 — Opération de test (2027-01-12)"), casePage);
    assertTrue(casePage.contains("en opération") || casePage.contains("En opération"));

    // A unit sees only its own targets.
    var lyonInvestigator = as(Role.INVESTIGATOR, unitId(lyon));
    String lyonView = page("/operations/" + id, lyonInvestigator);
    assertTrue(lyonView.contains(jdbc.sql("""
        select s.reference from targets t join suspects s on s.id = t.suspect_id
        where t.case_id = ?""").param(lyonCase).query(String.class).single()));
    assertFalse(lyonView.contains(jdbc.sql("""
        select s.reference from targets t join suspects s on s.id = t.suspect_id
        where t.case_id = ?""").param(rennesCase).query(String.class).single()),
        "Rennes' target not shown to Lyon");
    assertFalse(lyonView.contains("id=\"candidates\""), "an investigator does not plan");
    assertFalse(lyonView.contains(reference(rennesCase)));
  }

  @Test
  void theServiceRefusesEachReasonOnItsOwn() {
    Access supervisor = new Access(new Caller(0, "plan.service", Role.SUPERVISOR, null),
        "192.0.2.20");
    OperationCreation created = operations.create(supervisor,
        new OperationForm("OP-SERVICE-1", "Service", "2027-02-01", "07:30", rennes));
    long id = ((OperationCreation.Created) created).id();
    long fresh = ready(lyon, "69", "P2", Instant.now().minus(Duration.ofDays(1)), true,
        "READY_FOR_ACTION");
    List<TargetAddition> results = operations.addTargets(supervisor, id,
        List.of(fresh, 999_999_999L));
    assertInstanceOf(TargetAddition.Added.class, results.get(0));
    assertEquals("operations.refused.noCase",
        ((TargetAddition.Refused) results.get(1)).reason());
    List<UnitLoad> loads = operations.candidatesByUnit(supervisor, id, CandidateFilter.ANY);
    UnitLoad lyonLoad = loads.stream().filter(l -> l.unitCode().equals(lyon)).findFirst()
        .orElseThrow();
    assertEquals(1, lyonLoad.targets());
  }

  private String text(byte[] pdf) throws Exception {
    org.openpdf.text.pdf.PdfReader reader = new org.openpdf.text.pdf.PdfReader(pdf);
    org.openpdf.text.pdf.parser.PdfTextExtractor extractor =
        new org.openpdf.text.pdf.parser.PdfTextExtractor(reader);
    StringBuilder all = new StringBuilder();
    for (int p = 1; p <= reader.getNumberOfPages(); p++) {
      all.append(extractor.getTextFromPage(p)).append('\n');
    }
    return all.toString();
  }

  private String suspectOf(long caseId) {
    return jdbc.sql("""
        select s.reference from case_suspects cs join suspects s on s.id = cs.suspect_id
        where cs.case_id = ?""").param(caseId).query(String.class).single();
  }

  @Test
  void eachUnitGetsItsOwnDeterministicBriefingPackWithChildrenFirst() throws Exception {
    long lyonTarget = ready(lyon, "69", "P1", Instant.now().minus(Duration.ofDays(2)), true,
        "READY_FOR_ACTION");
    long rennesTarget = ready(rennes, "35", "P1", Instant.now().minus(Duration.ofDays(2)), true,
        "READY_FOR_ACTION");
    long suspect = jdbc.sql("select suspect_id from case_suspects where case_id = ?")
        .param(lyonTarget).query(Long.class).single();
    jdbc.sql("""
        insert into suspect_risk_facts (suspect_id, children_in_household, updated_by, updated_at)
        values (?, true, 'analyste.test', current_timestamp)""").param(suspect).update();
    jdbc.sql("""
        insert into risk_assessment_factors (assessment_id, factor, points, evidence)
        select id, 'volume', 12, '40 fichiers' from risk_assessments where suspect_id = ?
        """).param(suspect).update();
    Access supervisor = new Access(new Caller(0, "plan.brief", Role.SUPERVISOR, null),
        "192.0.2.21");
    long id = ((OperationCreation.Created) operations.create(supervisor,
        new OperationForm("OP-BRIEF-1", "Briefing", "2027-03-02", "06:00", lyon))).id();
    operations.addTargets(supervisor, id, List.of(lyonTarget, rennesTarget));

    var asSupervisor = as(Role.SUPERVISOR, null);
    MvcResult first = mvc.perform(get("/operations/" + id + "/dossier-objectifs.pdf")
        .param("unite", lyon).with(authentication(asSupervisor))).andReturn();
    assertEquals(200, first.getResponse().getStatus());
    byte[] one = first.getResponse().getContentAsByteArray();
    Thread.sleep(1100); // a second later: the writing time must not change the bytes
    byte[] two = mvc.perform(get("/operations/" + id + "/dossier-objectifs.pdf")
        .param("unite", lyon).with(authentication(asSupervisor))).andReturn().getResponse()
        .getContentAsByteArray();
    assertTrue(java.util.Arrays.equals(one, two), "same data, same bytes");
    String text = text(one);
    assertTrue(text.contains(suspectOf(lyonTarget)), text);
    assertFalse(text.contains(suspectOf(rennesTarget)), "only the unit's own targets");
    int children = text.indexOf("ENFANTS AU FOYER");
    int volume = text.indexOf("Volume (12 pts)");
    assertTrue(children > 0 && volume > children, "children in the household first: " + text);
    assertTrue(text.contains("Art. 77-1-1 CPP"), "the legal basis");
    assertTrue(text.contains("Abonné Fictif"), "the identity");
    String manifest = first.getResponse().getHeader("X-Manifest-SHA256");
    assertTrue(text.contains(manifest), "the manifest hash is in the pack");
    assertEquals(2L, jdbc.sql("""
        select count(*) from audit_log where action = 'EXPORT'
        and object_type = 'operation-briefing' and detail like ?""")
        .param("%manifest SHA-256 " + manifest).query(Long.class).single());

    // An investigator of Rennes asking for Lyon's pack gets Rennes' own.
    byte[] rennesPack = mvc.perform(get("/operations/" + id + "/dossier-objectifs.pdf")
        .param("unite", lyon).with(authentication(as(Role.INVESTIGATOR, unitId(rennes)))))
        .andReturn().getResponse().getContentAsByteArray();
    String rennesText = text(rennesPack);
    assertTrue(rennesText.contains(suspectOf(rennesTarget)), rennesText);
    assertFalse(rennesText.contains(suspectOf(lyonTarget)), "never another unit's target");
  }
}
