package fr.vigie.app.linking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import fr.vigie.app.security.Access;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
 * Linking on a real database: every deterministic rule through the stored records, incremental
 * runs (per import, per operator answer) ending exactly where one rebuild ends, analysts'
 * decisions replayed (a split is never re-merged), the suspect's unit, and the suspect's page
 * explaining each identifier, within the caller's unit only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.jobs.worker-enabled=false")
@AutoConfigureMockMvc
class LinkingIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  @Autowired
  Linking linking;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MockMvc mvc;

  @Autowired
  fr.vigie.app.intake.ReportImport importer;

  long source;
  long operator;
  int serial;

  @BeforeEach
  void empty() {
    for (String table : List.of("links", "suspect_decisions", "link_decisions",
        "subscriber_link_keys", "risk_assessments", "case_suspects", "targets",
        "suspect_identifiers", "suspects", "subscribers", "requisition_answers",
        "requisition_items", "requisitions", "ip_events", "reported_identifiers",
        "report_persons", "victim_hints", "matches", "media", "reports", "import_rejects",
        "import_jobs", "operator_cgnat_ranges", "operator_asns", "operators", "sources")) {
      jdbc.sql("delete from " + table).update();
    }
    source = insert("insert into sources (code, name, kind) values ('T', 'Test', 'MANUAL')");
    operator = insert("insert into operators (code, name) values ('OP', 'Opérateur test')");
  }

  long insert(String sql, Object... params) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql(sql).params(params).update(keys, "id");
    return keys.getKey().longValue();
  }

  long importJob() {
    return insert("""
        insert into import_jobs (kind, origin, input_name, status, requested_by)
        values ('REPORTS', 'CLI', 'test', 'DONE', 'test')""");
  }

  /** A report with one reported person and its identifiers ("KIND:platform:key"). */
  long report(long job, String first, String last, LocalDate dob, String postal,
      String... identifiers) {
    long report = insert("""
        insert into reports (source_id, external_id, content_sha256, incident_type,
          received_at, raw_format, import_job_id)
        values (?, ?, 'x', 'Test', ?, 'DEMO', ?)""", source, "R" + ++serial,
        T.atOffset(java.time.ZoneOffset.UTC), job);
    long person = insert("""
        insert into report_persons (report_id, role, first_name, last_name, date_of_birth,
          postal_code) values (?, 'REPORTED', ?, ?, ?, ?)""", report, first, last, dob, postal);
    for (String id : identifiers) {
      String[] p = id.split(":", 3);
      insert("""
          insert into reported_identifiers (report_id, person_id, kind, platform,
            original_value, normalized_value, canonical_key) values (?, ?, ?, ?, ?, ?, ?)""",
          report, person, p[0], p[1].isEmpty() ? null : p[1], p[2], p[2], p[2]);
    }
    return report;
  }

  /** An operator's answer naming one subscriber for one IP event of each report. */
  long answer(String first, String last, LocalDate dob, String address, String postal,
      String departement, long... reports) {
    long requisition = insert("""
        insert into requisitions (reference, operator_id, legal_basis, requesting_officer,
          status, created_by) values (?, ?, 'art. 60-1 CPP', 'OPJ Test', 'ANSWERED', 'test')""",
        "RQ-" + ++serial, operator);
    long answer = insert("""
        insert into requisition_answers (requisition_id, received_at, imported_by)
        values (?, ?, 'test')""", requisition, T.atOffset(java.time.ZoneOffset.UTC));
    for (long report : reports) {
      long event = insert("""
          insert into ip_events (report_id, ip_original, ip, ip_version, occurred_at)
          values (?, '192.0.2.10', '192.0.2.10', 4, ?)""", report,
          T.atOffset(java.time.ZoneOffset.UTC));
      long item = insert("""
          insert into requisition_items (requisition_id, ip_event_id, ip, occurred_at)
          values (?, ?, '192.0.2.10', ?)""", requisition, event,
          T.atOffset(java.time.ZoneOffset.UTC));
      insert("""
          insert into subscribers (answer_id, requisition_item_id, outcome, first_name,
            last_name, date_of_birth, address, postal_code, departement_code)
          values (?, ?, 'IDENTIFIED', ?, ?, ?, ?, ?, ?)""", answer, item, first, last, dob,
          address, postal, departement);
    }
    return answer;
  }

  /** The partition of identifiers into suspects, and every link, as comparable text. */
  record Snapshot(Set<Set<String>> partition, Set<String> links) {}

  Snapshot snapshot() {
    Map<Long, Set<String>> bySuspect = new HashMap<>();
    jdbc.sql("select suspect_id, kind, canonical_key from suspect_identifiers")
        .query(rs -> {
          bySuspect.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>())
              .add(rs.getString(2) + "|" + rs.getString(3));
        });
    Set<String> links = new TreeSet<>(jdbc.sql("""
        select f.kind || '|' || f.canonical_key || ' > ' || t.kind || '|' || t.canonical_key
          || ' ' || l.rule || ' ' || l.kind || ' ' || l.status || ' ' || l.evidence_type || ' '
          || l.evidence_id || ' ' || coalesce(l.decided_by, '-') as line
        from links l join suspect_identifiers f on f.id = l.from_identifier
        join suspect_identifiers t on t.id = l.to_identifier
        """).query(String.class).list());
    return new Snapshot(Set.copyOf(bySuspect.values()), links);
  }

  Map<String, Long> suspectIds() {
    Map<String, Long> out = new HashMap<>();
    jdbc.sql("select kind, canonical_key, suspect_id from suspect_identifiers")
        .query(rs -> { out.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3)); });
    return out;
  }

  long suspectOf(String key) {
    return linking.suspectOf(key).orElseThrow();
  }

  Access analyst() {
    return new Access(new Caller(1, "analyste", Role.ANALYST, null), "127.0.0.1");
  }

  UsernamePasswordAuthenticationToken as(Role role, String unitCode) {
    Long unit = unitCode == null ? null : jdbc.sql("select id from units where code = ?")
        .param(unitCode).query(Long.class).single();
    Caller caller = new Caller(0, "t." + role.name().toLowerCase(java.util.Locale.ROOT), role,
        unit);
    return UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  static final LocalDate DOB = LocalDate.of(1984, 7, 14);

  @Test
  void importsLinkedOneByOneEndWhereOneRebuildEnds() {
    long job1 = importJob();
    long a = report(job1, "Paul", "Martin", DOB, "69003", "EMAIL::p.martin@example.org",
        "PHONE::+33600000001");
    long b = report(job1, null, null, null, null, "EMAIL::other@example.net");
    linking.linkImport(job1);
    long job2 = importJob();
    long c = report(job2, null, null, null, null, "PHONE::+33600000001",
        "SCREEN_NAME:Chatapp:zed69");
    report(job2, null, null, null, null, "ACCOUNT_ID:Chatapp:12345", "DEVICE_ID::imei-1");
    report(job2, null, null, null, null, "ACCOUNT_ID:Chatapp:12345", "PAYMENT_ID::card-9");
    report(job2, null, null, null, null, "ACCOUNT_ID:Otherapp:12345");
    linking.linkImport(job2);
    long job3 = importJob();
    long d = report(job3, "Paul", "Martin", DOB, "69003", "EMAIL::pmartin84@example.com");
    report(job3, null, null, null, null, "DEVICE_ID::imei-1", "URL:Chatapp:https://x.example/u");
    linking.linkImport(job3);
    long answer = answer("Paul", "MARTIN", DOB, "5 rue Garibaldi", "69003", "69", b, c);
    linking.linkAnswer(answer);
    Snapshot incremental = snapshot();
    Map<String, Long> suspectsBefore = suspectIds();

    linking.rebuild();
    Snapshot rebuilt = snapshot();
    assertEquals(incremental, rebuilt);
    // References stay: the rebuild kept every suspect the incremental path had made.
    assertEquals(suspectsBefore, suspectIds());

    // Email + phone (a), phone + screen name (c), and the subscriber answered for b and c.
    String sub = LinkKeys.subscriber(0, "Paul", "MARTIN", null, DOB, "5 rue Garibaldi",
        "69003");
    assertTrue(rebuilt.partition().contains(Set.of("EMAIL|p.martin@example.org",
        "PHONE|+33600000001", "SCREEN_NAME|chatapp:zed69", "EMAIL|other@example.net", sub)),
        rebuilt.partition()::toString);
    // Account (same platform), device, payment and URL; the other platform's 12345 stays apart.
    assertTrue(rebuilt.partition().contains(Set.of("ACCOUNT_ID|chatapp:12345",
        "DEVICE_ID|imei-1", "PAYMENT_ID|card-9", "URL|chatapp:https://x.example/u")));
    assertTrue(rebuilt.partition().contains(Set.of("ACCOUNT_ID|otherapp:12345")));
    for (String rule : List.of("SAME_PHONE", "SAME_ACCOUNT", "SAME_DEVICE", "SAME_SUBSCRIBER")) {
      assertTrue(rebuilt.links().stream().anyMatch(l -> l.contains(" " + rule + " ")), rule);
    }
    // d: same name, birth date and postal code as a's person, another email: proposed only.
    assertTrue(rebuilt.links().stream().anyMatch(l -> l.contains("PERSON_SIMILARITY")
        && l.contains("PROPOSED") && l.contains("pmartin84@example.com")), rebuilt.links()::toString);
    assertNotEquals(suspectOf("EMAIL|pmartin84@example.com"),
        suspectOf("EMAIL|p.martin@example.org"));
    // The unit comes from the subscriber's département (69, Lyon).
    assertEquals("OFMIN-LYON", jdbc.sql("""
        select u.code from suspects s join units u on u.id = s.unit_id where s.id = ?""")
        .param(suspectOf(sub)).query(String.class).single());
    // The first import's suspect of b was merged into a's when the answer joined them.
    assertEquals(1L, jdbc.sql("select count(*) from suspects where status = 'MERGED'")
        .query(Long.class).single());
    assertTrue(a > 0 && d > 0);
  }

  @Test
  void anImportRunQueuesItsLinkingJobWhichMakesSuspects() throws Exception {
    jdbc.sql("delete from jobs").update();
    var file = java.nio.file.Path.of(getClass().getResource("/intake/three-reports.xml").toURI());
    importer.importFile(file, "test:analyste", false, new java.util.concurrent.atomic.LongAdder());
    var job = jdbc.sql("select id, kind, dedupe_key, payload from jobs where kind = ?")
        .param(Linking.JOB_KIND.name())
        .query((rs, n) -> new fr.vigie.app.jobs.Job(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), 1, null)).single();
    long importJob = jdbc.sql("select max(id) from import_jobs").query(Long.class).single();
    assertEquals(new LinkingJob.Import(importJob), Linking.JOB_KIND.read(job));
    assertEquals("{\"type\":\"import\",\"importJobId\":" + importJob + "}", job.payload());
    linking.run(job);
    long reported = jdbc.sql("""
        select count(*) from (select distinct i.kind, case when i.kind in ('SCREEN_NAME',
          'ACCOUNT_ID', 'URL') then lower(i.platform) end as platform, i.canonical_key
          from reported_identifiers i join report_persons p on p.id = i.person_id
          where p.role = 'REPORTED') d""")
        .query(Long.class).single();
    assertTrue(reported > 0);
    assertEquals(reported, jdbc.sql("select count(*) from suspect_identifiers")
        .query(Long.class).single(), "every reported person's identifier, and only those");
    Snapshot once = snapshot();
    linking.run(job);
    assertEquals(once, snapshot(), "running the job again changes nothing");
  }

  @Test
  void aSplitIsReplayedAndNeverSilentlyReMerged() {
    long job1 = importJob();
    report(job1, null, null, null, null, "EMAIL::a@example.org", "PHONE::+33611111111");
    linking.linkImport(job1);
    long suspect = suspectOf("EMAIL|a@example.org");
    assertEquals(suspect, suspectOf("PHONE|+33611111111"));
    linking.split(analyst(), suspect, null, List.of("PHONE|+33611111111"), "téléphone partagé");
    assertNotEquals(suspectOf("EMAIL|a@example.org"), suspectOf("PHONE|+33611111111"));
    // New evidence naming both together again: still apart, the link kept and marked blocked.
    long job2 = importJob();
    report(job2, null, null, null, null, "PHONE::+33611111111", "EMAIL::a@example.org");
    linking.linkImport(job2);
    assertNotEquals(suspectOf("EMAIL|a@example.org"), suspectOf("PHONE|+33611111111"));
    Snapshot incremental = snapshot();
    assertTrue(incremental.links().stream().anyMatch(l -> l.contains("REJECTED")
        && l.contains("decision:SPLIT#")), incremental.links()::toString);
    linking.rebuild();
    assertEquals(incremental, snapshot());
    assertEquals(1L, jdbc.sql("select count(*) from suspect_decisions where kind = 'SPLIT'")
        .query(Long.class).single());
    assertEquals(1L, jdbc.sql("""
        select count(*) from audit_log where object_type = 'suspect' and reason = 'téléphone partagé'
        """).query(Long.class).single());
    // A later merge by an analyst joins them again, and that too survives a rebuild.
    long e = suspectOf("EMAIL|a@example.org");
    long p = suspectOf("PHONE|+33611111111");
    linking.merge(analyst(), e, null, p, "ref", "même personne, vérifié");
    assertEquals(suspectOf("EMAIL|a@example.org"), suspectOf("PHONE|+33611111111"));
    linking.rebuild();
    assertEquals(suspectOf("EMAIL|a@example.org"), suspectOf("PHONE|+33611111111"));
  }

  @Test
  void thePageShowsWhyEachIdentifierIsThereAndAProposalCanBeConfirmed() throws Exception {
    long job = importJob();
    long r1 = report(job, "Léa", "Bernard", DOB, "35000", "EMAIL::lea@example.org",
        "PHONE::+33622222222");
    long r2 = report(job, null, null, null, null, "PHONE::+33622222222", "URL:Forum:u/lb");
    report(job, "Lea", "Bernard", DOB, "35000", "EMAIL::lb35@example.net");
    linking.linkImport(job);
    long id = suspectOf("EMAIL|lea@example.org");
    String page = mvc.perform(MockMvcRequestBuilders.get("/suspects/" + id)
            .with(authentication(as(Role.ANALYST, null))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(page.contains("Même téléphone"), page);
    assertTrue(page.contains("/signalements/" + r1) && page.contains("/signalements/" + r2));
    assertTrue(page.contains("id=\"graph\"") && page.contains("<line"));
    assertTrue(page.contains("id=\"proposals\""), "the Fellegi–Sunter proposal is listed");
    // Unit: reported postal code 35 → Rennes; a Lyon investigator is answered 404.
    assertEquals(200, mvc.perform(MockMvcRequestBuilders.get("/suspects/" + id)
        .with(authentication(as(Role.INVESTIGATOR, "OFMIN-RENNES")))).andReturn().getResponse()
        .getStatus());
    assertEquals(404, mvc.perform(MockMvcRequestBuilders.get("/suspects/" + id)
        .with(authentication(as(Role.INVESTIGATOR, "OFMIN-LYON")))).andReturn().getResponse()
        .getStatus());
    long proposal = jdbc.sql("select id from links where status = 'PROPOSED'")
        .query(Long.class).single();
    assertEquals(404, mvc.perform(MockMvcRequestBuilders.post(
            "/suspects/" + id + "/liens/" + proposal + "/decision")
        .param("verdict", "confirm").param("reason", "x")
        .with(authentication(as(Role.INVESTIGATOR, "OFMIN-LYON"))).with(csrf()))
        .andReturn().getResponse().getStatus());
    // Without a reason: the page again, with the message, nothing decided.
    String refused = mvc.perform(MockMvcRequestBuilders.post(
            "/suspects/" + id + "/liens/" + proposal + "/decision")
        .param("verdict", "confirm").with(authentication(as(Role.ANALYST, null))).with(csrf()))
        .andReturn().getResponse().getContentAsString();
    assertTrue(refused.contains("Un motif est obligatoire."));
    assertEquals(302, mvc.perform(MockMvcRequestBuilders.post(
            "/suspects/" + id + "/liens/" + proposal + "/decision")
        .param("verdict", "confirm").param("reason", "même date de naissance et adresse")
        .with(authentication(as(Role.ANALYST, null))).with(csrf()))
        .andReturn().getResponse().getStatus());
    assertEquals(suspectOf("EMAIL|lea@example.org"), suspectOf("EMAIL|lb35@example.net"));
    Snapshot decided = snapshot();
    linking.rebuild();
    assertEquals(decided, snapshot());
    assertEquals("OFMIN-RENNES", jdbc.sql("""
        select u.code from suspects s join units u on u.id = s.unit_id where s.id = ?""")
        .param(suspectOf("EMAIL|lea@example.org")).query(String.class).single());
    assertEquals(Set.of("CONFIRMED"), jdbc.sql("select status from links where kind = 'PROBABILISTIC'")
        .query(String.class).list().stream().collect(Collectors.toSet()));
  }
}
