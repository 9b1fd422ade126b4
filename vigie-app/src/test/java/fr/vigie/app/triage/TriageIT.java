package fr.vigie.app.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.intake.ReportDraft;
import fr.vigie.app.intake.Reports;
import fr.vigie.app.matching.MediaMatching;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.app.suspects.SuspectDraft;
import fr.vigie.app.suspects.SuspectIdentifier;
import fr.vigie.app.suspects.Suspects;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * Triage on the demo data set: every suspect scored with the weights' version, planted profiles
 * in the expected tier, overrides audited and effective, re-scoring on a new version, and the
 * queues scoped per unit, filtered and keyset-paged.
 */
// The background worker is off so that the test alone decides when matching and scoring run.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=" + TriageIT.REPORTS,
        "vigie.jobs.worker-enabled=false"})
@AutoConfigureMockMvc
class TriageIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  static final int REPORTS = 150;

  @Autowired
  Triage triage;

  @Autowired
  TriageRescoring rescoring;

  @Autowired
  MediaMatching matching;

  @Autowired
  Reports reports;

  @Autowired
  Suspects suspects;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MockMvc mvc;

  @BeforeEach
  void scored() {
    if (jdbc.sql("select count(*) from media where status = 'PENDING'").query(Long.class)
        .single() > 0) {
      matching.matchAll();
    }
    if (jdbc.sql("""
        select count(*) from suspects s where not exists (select 1 from risk_assessments a
          where a.suspect_id = s.id and a.current_version)
        """).query(Long.class).single() > 0) {
      rescoring.rescoreAll();
    }
  }

  long unitId(String code) {
    return jdbc.sql("select id from units where code = ?").param(code).query(Long.class).single();
  }

  Caller caller(Role role, String unit) {
    return new Caller(0, "triage." + role.name().toLowerCase(Locale.ROOT)
        + (unit == null ? "" : "." + unit.toLowerCase(Locale.ROOT)), role,
        unit == null ? null : unitId(unit));
  }

  Access access(Role role, String unit) {
    return new Access(caller(role, unit), "127.0.0.1");
  }

  UsernamePasswordAuthenticationToken as(Role role, String unit) {
    return UsernamePasswordAuthenticationToken.authenticated(caller(role, unit), null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  /** A new report and a Lyon suspect made of its reported e-mail; returns the suspect's id. */
  long plant(String incidentType, String eventName, List<String> sha256s) {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String email = "planted." + tag + "@example.org";
    Instant at = Instant.parse("2026-06-01T10:00:00Z");
    List<ReportDraft.MediaFile> media = new ArrayList<>();
    for (int i = 0; i < sha256s.size(); i++) {
      media.add(new ReportDraft.MediaFile("plante_" + tag + "_" + i + ".jpg", 1000, null, null,
          sha256s.get(i)));
    }
    reports.storeAll(List.of(new ReportDraft("DEMO-NCMEC", "PLANT-" + tag, "c" + tag,
        incidentType, at, at.plusSeconds(3600), "Réseau Démo", "FR",
        List.of(new ReportDraft.Identifier("EMAIL", null, email, email, email)),
        List.of(new ReportDraft.IpEvent("192.0.2.77", "192.0.2.77", 4, 40000, at, "+00:00",
            eventName)),
        media)), "DEMO");
    return suspects.register(new SuspectDraft("S-P-" + tag, "Planté " + tag, "OFMIN-LYON", "69",
        at, List.of(new SuspectIdentifier("EMAIL", email, at))));
  }

  static String unknownHash() {
    return UUID.randomUUID().toString().replace("-", "")
        + UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void everySuspectHasOneCurrentAssessmentWithTheWeightsVersionAndEveryFactor() {
    long active = jdbc.sql("select count(*) from suspects where status <> 'MERGED'")
        .query(Long.class).single();
    assertTrue(active > 10, "demo suspects: " + active);
    assertEquals(0, jdbc.sql("""
        select count(*) from suspects s where (select count(*) from risk_assessments a
          where a.suspect_id = s.id and a.current_version) <> 1
        """).query(Long.class).single(), "exactly one current assessment each");
    assertEquals(0, jdbc.sql("""
        select count(*) from risk_assessments where current_version
          and (weights_version <> '2026.1' or factors not like '{"weightsVersion":"2026.1"%')
        """).query(Long.class).single());
    assertEquals(0, jdbc.sql("""
        select count(*) from risk_assessments a where a.current_version
          and (select count(*) from risk_assessment_factors f where f.assessment_id = a.id) <> ?
        """).param(Factor.values().length).query(Long.class).single());
    // The demo's reports hold unknown material: the factor is seen, not only computed.
    assertTrue(jdbc.sql("""
        select count(*) from risk_assessment_factors f join risk_assessments a
          on a.id = f.assessment_id
        where a.current_version and f.factor = 'unknown_material' and f.points > 0
        """).query(Long.class).single() > 0);
  }

  @Test
  void theDemoEntersFactsForSomeSuspectsAndTheyCountInTheirAssessment() {
    List<Long> withFacts = jdbc.sql("select suspect_id from suspect_risk_facts "
        + "where updated_by = 'demo'").query(Long.class).list();
    assertFalse(withFacts.isEmpty());
    for (long id : withFacts) {
      RiskAssessment a = triage.currentOf(id).orElseThrow();
      assertTrue(points(a, Factor.ACCESS_TO_CHILDREN) > 0 || points(a, Factor.PRIOR_RECORD) > 0,
          "suspect " + id);
    }
  }

  @Test
  void unknownMaterialAndAJobWithChildrenComesOutP1() {
    long id = plant("Child Pornography (possession, manufacture, and distribution)", "Login",
        List.of(unknownHash(), unknownHash()));
    matching.matchAll();
    RiskAssessment before = triage.assess(id);
    assertEquals(Tier.P2, before.computedTier(), "unknown material alone");
    assertTrue(before.contributions().stream().anyMatch(c ->
        c.factor() == Factor.UNKNOWN_MATERIAL && c.present() && c.evidence().contains("PLANT-")));

    var outcome = triage.recordFacts(access(Role.INVESTIGATOR, "OFMIN-LYON"), id,
        new RiskFacts(true, false, false, false, false, false, false, null, "employeur", null,
            null));
    RiskAssessment after = assertInstanceOf(Triage.Outcome.Done.class, outcome).assessment();
    assertEquals(Tier.P1, after.computedTier());
    assertEquals(Tier.P1, after.effectiveTier());
    assertEquals(after.assessedAt().plus(Duration.ofHours(48)), after.dueAt());
    assertTrue(after.contributions().stream().anyMatch(c ->
        c.factor() == Factor.ACCESS_TO_CHILDREN && c.evidence().contains("profession")));
    assertEquals(1, jdbc.sql("""
        select count(*) from audit_log where object_type = 'suspect-risk-facts'
          and object_id = ? and detail like '%works_with_children=true%'
        """).param(Long.toString(id)).query(Long.class).single(), "the facts are on the record");
    assertEquals(1, jdbc.sql("""
        select count(*) from risk_assessments where suspect_id = ? and not current_version
        """).param(id).query(Long.class).single(), "the previous assessment stays");
  }

  @Test
  void contactDistributionAndSeverityAreSeenInTheReports() {
    String known = jdbc.sql("""
        select min(hash_value) from hash_entries where algorithm = 'SHA256' and category = 3
        """).query(String.class).single();
    long id = plant("Online Enticement of Children for Sexual Acts", "Upload", List.of(known));
    matching.matchAll();
    RiskAssessment a = triage.assess(id);
    Weights w = triage.weights();
    assertEquals(w.contactWithMinors(), points(a, Factor.CONTACT_WITH_MINORS));
    assertEquals(w.distribution(), points(a, Factor.DISTRIBUTION));
    assertEquals(w.severityByCategory()[3], points(a, Factor.SEVERITY));
    assertEquals(0, points(a, Factor.UNKNOWN_MATERIAL));
    assertEquals(Tier.P1, a.computedTier());
  }

  static double points(RiskAssessment a, Factor f) {
    return a.contributions().stream().filter(c -> c.factor() == f).findFirst().orElseThrow()
        .points();
  }

  long lyonSuspect() {
    return jdbc.sql("select min(id) from suspects where unit_id = ?")
        .param(unitId("OFMIN-LYON")).query(Long.class).single();
  }

  @Test
  void anOverrideNeedsAReasonIsAuditedUsedByTheQueueAndSurvivesARescore() {
    long id = lyonSuspect();
    RiskAssessment a = triage.currentOf(id).orElseThrow();
    Tier other = a.computedTier() == Tier.P3 ? Tier.P1 : Tier.P3;
    Access lyon = access(Role.INVESTIGATOR, "OFMIN-LYON");

    assertEquals(new Triage.Outcome.Refused("triage.override.reasonRequired"),
        triage.override(lyon, id, other, "parce que"));
    assertInstanceOf(Triage.Outcome.NotFound.class,
        triage.override(access(Role.INVESTIGATOR, "OFMIN-RENNES"), id, other,
            "pas mon unité, ne doit pas passer"));
    assertNull(triage.currentOf(id).orElseThrow().overrideTier());

    String reason = "Audition du " + UUID.randomUUID() + " : contact confirmé";
    var done = assertInstanceOf(Triage.Outcome.Done.class,
        triage.override(lyon, id, other, reason)).assessment();
    assertEquals(other, done.effectiveTier());
    assertEquals(a.computedTier(), done.computedTier(), "the computed tier stays visible");
    assertEquals(reason, done.overrideReason());
    assertEquals(1, jdbc.sql("""
        select count(*) from audit_log where action = 'UPDATE' and object_type = 'risk-assessment'
          and reason = ? and actor = 'triage.investigator.ofmin-lyon'
        """).param(reason).query(Long.class).single());
    QueuePage page = triage.queue(lyon, new QueueFilter(other, null, null, null, null, null,
        null), 500);
    assertTrue(page.rows().stream().anyMatch(r -> r.suspectId() == id && r.overridden()));

    RiskAssessment rescored = triage.assess(id);
    assertEquals(other, rescored.effectiveTier(), "a re-score keeps the analyst's decision");
    assertEquals(reason, rescored.overrideReason());

    var withdrawn = assertInstanceOf(Triage.Outcome.Done.class,
        triage.override(lyon, id, null, "Retrait : éléments non confirmés")).assessment();
    assertNull(withdrawn.overrideTier());
    assertEquals(withdrawn.computedTier(), withdrawn.effectiveTier());
    assertEquals(2, jdbc.sql("select count(*) from risk_overrides where suspect_id = ?")
        .param(id).query(Long.class).single());
  }

  @Test
  void aNewWeightsVersionRescoresEveryoneAndKeepsTheOldAssessments() {
    int changed = jdbc.sql("update risk_assessments set weights_version = '2025.9' "
        + "where current_version").update();
    assertTrue(changed > 0);
    rescoring.run((org.springframework.boot.ApplicationArguments) null);
    assertEquals("READY", jdbc.sql("select status from jobs where dedupe_key = ?")
        .param("triage-rescore:all").query(String.class).single(), "queued at start");
    rescoring.rescoreAll();
    assertEquals(0, jdbc.sql("select count(*) from risk_assessments where current_version "
        + "and weights_version <> '2026.1'").query(Long.class).single());
    assertEquals(changed, jdbc.sql("select count(*) from risk_assessments "
        + "where weights_version = '2025.9' and not current_version").query(Long.class).single());
  }

  @Autowired
  org.springframework.context.ApplicationEventPublisher events;

  @Test
  void anImportMatchedWhileItsRescoreRunsRescoresItAgainAfter() {
    events.publishEvent(new fr.vigie.app.intake.ReportsImported(515151, 1));
    fr.vigie.app.jobs.Job running = null;
    for (var job : queue.claim(List.of("triage-rescore"), "node-a", 100)) {
      if (job.dedupeKey().equals("triage-rescore:import:515151")) {
        running = job;
      } else {
        queue.complete(job); // others' jobs: out of the way, as other tests expect
      }
    }
    // Another node finishes matching the run while this one scores it.
    events.publishEvent(new fr.vigie.app.matching.ImportMatched(515151, 3));
    queue.complete(running);
    assertEquals(List.of("READY"), jdbc.sql("select status from jobs where dedupe_key = ?")
        .param("triage-rescore:import:515151").query(String.class).list(),
        "scored again with the match results");
  }

  @Test
  void twoSetsOfSuspectsAreTwoJobsEvenWhenTheirTextsHashAlike() {
    // "15020,15100" and "30901,30931" have the same length and the same String.hashCode.
    jdbc.sql("delete from jobs where kind = 'triage-rescore'").update();
    rescoring.requestRescore(List.of(15020L, 15100L));
    rescoring.requestRescore(List.of(30901L, 30931L));
    assertEquals(2, jdbc.sql("select count(*) from jobs where kind = 'triage-rescore'")
        .query(Long.class).single(), "neither set is dropped");
  }

  @Autowired
  fr.vigie.app.jobs.JobQueue queue;

  @Test
  void newEvidenceQueuesARescoreAndTheJobRescoresTheSuspectsNamed() throws Exception {
    jdbc.sql("update jobs set status = 'DONE' where dedupe_key = 'triage-rescore:all'").update();
    events.publishEvent(new fr.vigie.app.intake.ReportsImported(424242, 1));
    events.publishEvent(new fr.vigie.app.matching.MediaRematched(1));
    assertEquals(List.of("READY"), jdbc.sql("select status from jobs where dedupe_key = ?")
        .param("triage-rescore:import:424242").query(String.class).list());
    assertEquals(List.of("READY"), jdbc.sql("select status from jobs "
        + "where dedupe_key = 'triage-rescore:all'").query(String.class).list(),
        "matching results changed: everyone is re-scored");
    // The import's scoring ran before its matching finished: the matching queues it again.
    jdbc.sql("update jobs set status = 'DONE' where dedupe_key = 'triage-rescore:import:424242'")
        .update();
    events.publishEvent(new fr.vigie.app.matching.ImportMatched(424242, 3));
    assertEquals(List.of("READY"), jdbc.sql("select status from jobs where dedupe_key = ?")
        .param("triage-rescore:import:424242").query(String.class).list(),
        "scored again once its media are matched");
    long id = lyonSuspect();
    long before = jdbc.sql("select count(*) from risk_assessments where suspect_id = ?")
        .param(id).query(Long.class).single();
    rescoring.run(new RescoreJob.Suspects(List.of(id)));
    rescoring.run(new RescoreJob.ImportRun(424242));
    assertEquals(before + 1, jdbc.sql("select count(*) from risk_assessments where suspect_id = ?")
        .param(id).query(Long.class).single(), "one new assessment, the old one kept");
  }

  @Test
  void anInvestigatorsQueueHoldsOnlyTheirUnitsSuspects() {
    QueuePage lyon = triage.queue(access(Role.INVESTIGATOR, "OFMIN-LYON"), QueueFilter.all(),
        1000);
    long lyonCount = jdbc.sql("""
        select count(*) from risk_assessments a join suspects s on s.id = a.suspect_id
        where a.current_version and s.unit_id = ?
        """).param(unitId("OFMIN-LYON")).query(Long.class).single();
    assertTrue(lyonCount > 0);
    assertEquals(lyonCount, lyon.total());
    assertEquals(lyonCount, lyon.rows().size());
    assertTrue(lyon.rows().stream().allMatch(r -> "OFMIN-LYON".equals(r.unitCode())));
    QueuePage rennes = triage.queue(access(Role.INVESTIGATOR, "OFMIN-RENNES"),
        QueueFilter.all(), 1000);
    Set<Long> lyonIds = new HashSet<>(lyon.rows().stream().map(QueueRow::suspectId).toList());
    assertTrue(rennes.rows().stream().noneMatch(r -> lyonIds.contains(r.suspectId())));
    assertTrue(rennes.rows().stream().allMatch(r -> "OFMIN-RENNES".equals(r.unitCode())));
    QueuePage national = triage.queue(access(Role.ANALYST, "OFMIN"), QueueFilter.all(), 1000);
    assertEquals(jdbc.sql("select count(*) from risk_assessments where current_version")
        .query(Long.class).single(), national.total());
    assertTrue(national.total() > lyon.total() + rennes.total());
  }

  @Test
  void filtersKeepOnlyWhatTheyName() {
    Access national = access(Role.ANALYST, "OFMIN");
    for (Tier t : Tier.values()) {
      QueuePage p = triage.queue(national, new QueueFilter(t, null, null, null, null, null,
          null), 1000);
      assertTrue(p.rows().stream().allMatch(r -> r.effectiveTier() == t));
      assertEquals(jdbc.sql("select count(*) from risk_assessments where current_version "
          + "and effective_tier = ?").param(t.name()).query(Long.class).single(), p.total());
    }
    QueuePage unknown = triage.queue(national, new QueueFilter(null, null, null,
        Factor.UNKNOWN_MATERIAL, null, null, null), 1000);
    assertTrue(unknown.total() > 0);
    assertTrue(unknown.rows().stream().allMatch(r -> r.factors()
        .contains(Factor.UNKNOWN_MATERIAL)));
    QueuePage rhone = triage.queue(national, new QueueFilter(null, "69", "ACTIVE", null, null,
        null, null), 1000);
    assertTrue(rhone.total() > 0);
    assertTrue(rhone.rows().stream().allMatch(r -> "69".equals(r.departementCode())));
    QueuePage combined = triage.queue(national, new QueueFilter(Tier.P2, "69", "ACTIVE",
        Factor.UNKNOWN_MATERIAL, "30d", "tier", null), 1000);
    assertTrue(combined.rows().stream().allMatch(r -> r.effectiveTier() == Tier.P2
        && "69".equals(r.departementCode()) && r.factors().contains(Factor.UNKNOWN_MATERIAL)));
    assertEquals(combined.rows().size(), combined.total());
    assertFalse(combined.capped());

    // One deadline in the past: the overdue filter finds it and the default order puts it first.
    long id = lyonSuspect();
    jdbc.sql("update risk_assessments set effective_due_at = ? where suspect_id = ? "
            + "and current_version")
        .params(fr.vigie.app.storage.Timestamps.utc(Instant.now().minus(3, ChronoUnit.DAYS)), id)
        .update();
    QueuePage overdue = triage.queue(national, new QueueFilter(null, null, null, null,
        "overdue", null, null), 1000);
    assertTrue(overdue.rows().stream().anyMatch(r -> r.suspectId() == id && r.overdue()));
    assertTrue(overdue.rows().stream().allMatch(QueueRow::overdue));
    assertTrue(triage.queue(national, QueueFilter.all(), 5).rows().getFirst().overdue());
    triage.assess(id);
  }

  @Test
  void keysetPagesWalkTheWholeQueueInOrderForEverySort() {
    Access national = access(Role.ANALYST, "OFMIN");
    for (String sort : List.of("deadline", "tier", "score")) {
      QueueFilter filter = new QueueFilter(null, null, null, null, null, sort, null);
      List<QueueRow> all = new ArrayList<>();
      QueuePage page = triage.queue(national, filter, 7);
      long total = page.total();
      all.addAll(page.rows());
      while (page.next() != null) {
        page = triage.queue(national, filter.after(page.next()), 7);
        assertTrue(page.rows().size() <= 7);
        all.addAll(page.rows());
      }
      assertEquals(total, all.size(), sort);
      assertEquals(total, all.stream().map(QueueRow::suspectId).distinct().count(), sort);
      for (int i = 1; i < all.size(); i++) {
        QueueRow a = all.get(i - 1);
        QueueRow b = all.get(i);
        int order = switch (sort) {
          case "tier" -> a.effectiveTier() != b.effectiveTier()
              ? a.effectiveTier().compareTo(b.effectiveTier())
              : a.effectiveDueAt().compareTo(b.effectiveDueAt());
          case "score" -> Double.compare(b.score(), a.score());
          default -> a.effectiveDueAt().compareTo(b.effectiveDueAt());
        };
        assertTrue(order <= 0, sort + " out of order at " + i);
      }
    }
  }

  @Test
  void pagesShowTheQueueAndTheRiskSectionAndTakeAnOverride() throws Exception {
    long id = lyonSuspect();
    String reference = triage.queue(access(Role.INVESTIGATOR, "OFMIN-LYON"), QueueFilter.all(), 1)
        .rows().getFirst().reference();
    String national = mvc.perform(get("/file-attente").with(authentication(as(Role.ANALYST,
        "OFMIN")))).andReturn().getResponse().getContentAsString();
    assertTrue(national.contains("File d’attente nationale"), national);
    assertTrue(national.contains(triage.queue(access(Role.ANALYST, "OFMIN"), QueueFilter.all(), 1)
        .rows().getFirst().reference()), national);
    assertTrue(national.contains("/js/queue.js"), national);
    String english = mvc.perform(get("/file-attente").param("lang", "en")
            .with(authentication(as(Role.ANALYST, "OFMIN"))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(english.contains("National queue"), english);
    String rennes = mvc.perform(get("/file-attente").with(authentication(
            as(Role.INVESTIGATOR, "OFMIN-RENNES"))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(rennes.contains("File d’attente de l’unité"), rennes);
    assertFalse(rennes.contains(">" + reference + "<"), "a Lyon suspect in Rennes' queue");
    assertEquals(400, mvc.perform(get("/file-attente").param("tri", "n'importe")
            .with(authentication(as(Role.ANALYST, "OFMIN"))))
        .andReturn().getResponse().getStatus());
    assertEquals(400, mvc.perform(get("/file-attente").param("apres", "x_y")
            .with(authentication(as(Role.ANALYST, "OFMIN"))))
        .andReturn().getResponse().getStatus());

    String suspectPage = mvc.perform(get("/suspects/" + id).with(authentication(
            as(Role.INVESTIGATOR, "OFMIN-LYON"))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(suspectPage.contains("id=\"risk-factors\""), suspectPage);
    assertTrue(suspectPage.contains("Évaluation du risque"), suspectPage);
    assertTrue(suspectPage.contains("2026.1"), suspectPage);

    var refused = mvc.perform(post("/file-attente/" + id).with(csrf())
            .with(authentication(as(Role.INVESTIGATOR, "OFMIN-LYON")))
            .param("action", "override").param("niveau", "P1").param("motif", "court"))
        .andReturn().getResponse();
    assertEquals(200, refused.getStatus());
    assertTrue(refused.getContentAsString().contains("Le motif est obligatoire"));

    var saved = mvc.perform(post("/file-attente/" + id).with(csrf())
            .with(authentication(as(Role.INVESTIGATOR, "OFMIN-LYON")))
            .param("action", "override").param("niveau", "P1")
            .param("motif", "Signalement complémentaire reçu par téléphone"))
        .andReturn().getResponse();
    assertEquals(302, saved.getStatus());
    assertEquals(Tier.P1, triage.currentOf(id).orElseThrow().effectiveTier());
    String riskPage = mvc.perform(get("/file-attente/" + id).with(authentication(
            as(Role.INVESTIGATOR, "OFMIN-LYON"))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(riskPage.contains("Signalement complémentaire reçu par téléphone"), riskPage);
    assertTrue(riskPage.contains("id=\"override-history\""), riskPage);
    assertEquals(404, mvc.perform(post("/file-attente/" + id).with(csrf())
            .with(authentication(as(Role.INVESTIGATOR, "OFMIN-RENNES")))
            .param("action", "override").param("niveau", "P3")
            .param("motif", "Tentative hors périmètre"))
        .andReturn().getResponse().getStatus());
    mvc.perform(post("/file-attente/" + id).with(csrf())
        .with(authentication(as(Role.INVESTIGATOR, "OFMIN-LYON")))
        .param("action", "override").param("niveau", "none")
        .param("motif", "Fin du test : retour au niveau calculé"));
    var script = mvc.perform(get("/js/queue.js").with(authentication(as(Role.ANALYST, "OFMIN"))))
        .andReturn().getResponse();
    assertEquals(200, script.getStatus());
    assertTrue(script.getContentAsString().contains("ArrowDown"));
  }

  @Test
  void theQueueExportsAsCsvWithItsFiltersInTheCallersScopeAndWordsAndIsAudited()
      throws Exception {
    long id = lyonSuspect();
    String name = jdbc.sql("select display_name from suspects where id = ?").param(id)
        .query(String.class).single();
    String departement = jdbc.sql("select departement_code from suspects where id = ?")
        .param(id).query(String.class).single();
    jdbc.sql("update suspects set display_name = '=HYPERLINK(\"http://example.org\")' "
        + "where id = ?").param(id).update();
    jdbc.sql("update risk_assessments set effective_due_at = ? where suspect_id = ? "
            + "and current_version")
        .params(fr.vigie.app.storage.Timestamps.utc(Instant.now().minus(3, ChronoUnit.DAYS)), id)
        .update();
    long rennesId = jdbc.sql("select min(id) from suspects where unit_id = ?")
        .param(unitId("OFMIN-RENNES")).query(Long.class).single();
    String rennesRef = jdbc.sql("select reference from suspects where id = ?").param(rennesId)
        .query(String.class).single();
    String lyonRef = jdbc.sql("select reference from suspects where id = ?").param(id)
        .query(String.class).single();
    long exportsBefore = jdbc.sql("select count(*) from audit_log where action = 'EXPORT' "
        + "and object_type = 'triage-queue'").query(Long.class).single();
    try {
      // The list page links to the export with its filters.
      String page = mvc.perform(get("/file-attente?departement=" + departement
              + "&echeance=overdue").with(authentication(as(Role.INVESTIGATOR, "OFMIN-LYON"))))
          .andExpect(status().isOk()).andReturn().getResponse()
          .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(page.contains("/file-attente/export.csv?departement=" + departement
          + "&amp;echeance=overdue&amp;tri=deadline"), page);

      var response = mvc.perform(get("/file-attente/export.csv?echeance=overdue&departement="
              + departement).with(authentication(as(Role.INVESTIGATOR, "OFMIN-LYON"))))
          .andExpect(status().isOk()).andReturn().getResponse();
      assertTrue(response.getContentType().startsWith("text/csv"));
      assertTrue(response.getHeader("Content-Disposition").contains("attachment"));
      List<String> lines = new String(response.getContentAsByteArray(),
          java.nio.charset.StandardCharsets.UTF_8).lines().toList();
      assertEquals("\uFEFFtier,computed_tier,due_paris,overdue,reference,name,unit,departement,"
          + "score,factors", lines.get(0));
      long expected = jdbc.sql("""
          select count(*) from risk_assessments a join suspects s on s.id = a.suspect_id
          where a.current_version and s.unit_id = ? and s.departement_code = ?
            and a.effective_due_at < now() and s.status <> 'MERGED'
          """).params(unitId("OFMIN-LYON"), departement).query(Long.class).single();
      assertTrue(expected >= 1);
      assertEquals(expected + 1, lines.size(), String.join("\n", lines));
      String row = lines.stream().filter(l -> l.contains("," + lyonRef + ",")).findFirst()
          .orElseThrow();
      assertTrue(row.contains(",en retard," + lyonRef
          + ",\"'=HYPERLINK(\"\"http://example.org\"\")\",OFMIN-LYON," + departement + ","),
          row);
      assertFalse(String.join("\n", lines).contains(",=HYPERLINK"));
      assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(",en retard,")
          && l.contains(",OFMIN-LYON,")));
      assertTrue(lines.stream().noneMatch(l -> l.contains("," + rennesRef + ",")));
      // Factors in words, never their keys.
      assertFalse(String.join("\n", lines).contains("unknown_material"));

      // The national export holds every assessed suspect, the Rennes one included; in English.
      String all = mvc.perform(get("/file-attente/export.csv")
              .cookie(new jakarta.servlet.http.Cookie("vigie-lang", "en"))
              .with(authentication(as(Role.ANALYST, "OFMIN"))))
          .andExpect(status().isOk()).andReturn().getResponse()
          .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(jdbc.sql("""
          select count(*) from risk_assessments a join suspects s on s.id = a.suspect_id
          where a.current_version and s.status <> 'MERGED'
          """).query(Long.class).single() + 1, all.lines().count());
      assertTrue(all.contains("," + rennesRef + ","));
      assertTrue(all.lines().filter(l -> l.contains("," + lyonRef + ",")).findFirst()
          .orElseThrow().contains(",overdue,"), all);

      assertEquals(exportsBefore + 2, jdbc.sql("select count(*) from audit_log where action = "
          + "'EXPORT' and object_type = 'triage-queue'").query(Long.class).single());
      assertEquals("sort=deadline departement=" + departement + " deadline=overdue", jdbc.sql("""
          select detail from audit_log where action = 'EXPORT' and object_type = 'triage-queue'
            and actor = 'triage.investigator.ofmin-lyon' order by id desc limit 1
          """).query(String.class).single());
      mvc.perform(get("/file-attente/export.csv?tri=nimporte")
              .with(authentication(as(Role.ANALYST, "OFMIN"))))
          .andExpect(status().isBadRequest());
    } finally {
      jdbc.sql("update suspects set display_name = ? where id = ?").params(name, id).update();
      triage.assess(id);
    }
  }
}
