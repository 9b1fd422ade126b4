package fr.vigie.app.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import fr.vigie.app.attribution.AnswerImportSummary;
import fr.vigie.app.attribution.DraftOutcome;
import fr.vigie.app.attribution.Requisition;
import fr.vigie.app.attribution.RequisitionRequest;
import fr.vigie.app.attribution.Requisitions;
import fr.vigie.app.audit.SettableClock;
import fr.vigie.app.cases.CaseExport;
import fr.vigie.app.cases.CaseOpening;
import fr.vigie.app.cases.CaseStatus;
import fr.vigie.app.cases.Cases;
import fr.vigie.app.cases.ExportedCase;
import fr.vigie.app.cases.Transition;
import fr.vigie.app.intake.ImportSummary;
import fr.vigie.app.intake.ReportImport;
import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.linking.Linking;
import fr.vigie.app.matching.HashSetDraft;
import fr.vigie.app.matching.HashSets;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.GeoIpTestData;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.app.triage.Factor;
import fr.vigie.app.triage.RiskAssessment;
import fr.vigie.app.triage.RiskFacts;
import fr.vigie.app.triage.Tier;
import fr.vigie.app.triage.Triage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole pipeline on one database, the "Done when" of issues 6 and 7: synthetic CyberTipline
 * reports in through the real importer, then every job the pipeline queues run as the worker
 * runs them (claimed in queue order, whatever kind): matching, attribution, linking, re-scoring;
 * a requisition drafted, exported and answered; suspects with their unit; a P1 suspect; a case
 * moved to "prêt pour action" and exported twice with the same manifest.
 *
 * <p>Synthetic only: MaxMind's test addresses (83.206.36.230 is Orange's AS3215, 81.2.69.160 is
 * in GB, 77.128.1.1 is SFR) and documentation ranges (198.51.100.0/26 is Orange's seeded CGNAT
 * range), example.* domains, invented people, made-up hashes.
 */
@Import(SettableClock.Config.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class EndToEndIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
    settings(registry);
  }


  static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

  /** In the planted set: report A's file. */
  static final String KNOWN_SHA256 = "ab".repeat(32);
  /** In no set: report E's file, unknown material. */
  static final String UNKNOWN_SHA256 = "cd".repeat(32);

  @Autowired
  ReportImport importer;

  @Autowired
  HashSets hashSets;

  @Autowired
  Requisitions requisitions;

  @Autowired
  Linking linking;

  @Autowired
  Triage triage;

  @Autowired
  Cases cases;

  @Autowired
  CaseExport export;

  @Autowired
  JobQueue queue;

  @Autowired
  List<JobHandler<?>> handlers;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  SettableClock clock;

  @Autowired
  MockMvc mvc;

  @TempDir
  Path temp;

  static void settings(DynamicPropertyRegistry registry) {
    GeoIpTestData.register(registry);
  }

  @BeforeEach
  void at() {
    clock.set(NOW);
  }

  @AfterEach
  void realTime() {
    clock.reset();
  }

  static Access analyst() {
    return new Access(new Caller(1, "analyste.e2e", Role.ANALYST, null), "192.0.2.99");
  }

  static UsernamePasswordAuthenticationToken asAnalyst() {
    return UsernamePasswordAuthenticationToken.authenticated(analyst().caller(), null,
        List.of(new SimpleGrantedAuthority(Role.ANALYST.authority())));
  }

  /**
   * Runs every ready job as the worker does (claimed in queue order, any kind but file imports,
   * which the test makes itself), until none is left; returns the kinds run, in order.
   */
  List<String> runQueuedJobs() throws Exception {
    List<String> kinds = handlers.stream().map(h -> h.kind().name())
        .filter(k -> !k.equals(ReportImport.JOB_KIND.name())).distinct().toList();
    List<String> ran = new ArrayList<>();
    for (int round = 0; round < 50; round++) {
      List<Job> batch = queue.claim(kinds, "e2e", 1);
      if (batch.isEmpty()) {
        return ran;
      }
      Job job = batch.get(0);
      handlers.stream().filter(h -> h.kind().name().equals(job.kind())).findFirst().orElseThrow()
          .run(job);
      queue.complete(job);
      ran.add(job.dedupeKey());
    }
    throw new AssertionError("the jobs never ran out: " + ran);
  }

  /** One reported person, their events and one file. */
  private static String tip(String id, String first, String last, String email, String events,
      String sha256) {
    return """
          <cyberTip reportId="%s" receivedAt="2026-11-02T10:00:00Z">
            <report>
              <incidentSummary>
                <incidentType>Child Pornography (possession, manufacture, and distribution)</incidentType>
                <platform>ExampleShare</platform>
                <incidentDateTime>2026-10-25T02:30:00+01:00</incidentDateTime>
              </incidentSummary>
              <reporter><reportingPerson><email>trust@example.com</email></reportingPerson></reporter>
              <personOrUserReported>
                <personOrUserReportedPerson>
                  <firstName>%s</firstName><lastName>%s</lastName><email>%s</email>
                </personOrUserReportedPerson>
                %s
              </personOrUserReported>
            </report>
            <fileDetails>
              <reportId>%s</reportId>
              <fileId>f%s</fileId>
              <originalFileName>file-%s.jpg</originalFileName>
              <originalFileHash hashType="SHA256">%s</originalFileHash>
            </fileDetails>
          </cyberTip>
        """.formatted(id, first, last, email, events, id, id, id, sha256);
  }

  private static String event(String ip, Integer port, String at) {
    return "<ipCaptureEvent><ipAddress>" + ip + "</ipAddress><eventName>Upload</eventName>"
        + "<dateTime>" + at + "</dateTime>" + (port == null ? "" : "<port>" + port + "</port>")
        + "</ipCaptureEvent>";
  }

  /** The scenario's reports; ids are made unique per run (both tests share one database). */
  record Scenario(String prefix, long importJob) {
    String report(char letter) {
      return prefix + (letter - 'A' + 1);
    }
  }

  Scenario importReports() throws Exception {
    String prefix = "9" + (System.nanoTime() % 100_000_000L);
    // A: France through Orange's ASN, known file. B: foreign. C: Orange CGNAT without port.
    // D: SFR, older than the retention. E: Orange CGNAT with its port, unknown file.
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Synthetic: test and documentation addresses, example domains, invented people. -->
        <cyberTips>
        """
        + tip(prefix + "1", "Jean", "Exemple", "j.exemple-" + prefix + "@example.org",
            event("83.206.36.230", 51000, "2026-10-25T02:30:00+02:00"), KNOWN_SHA256)
        + tip(prefix + "2", "John", "Sample", "j.sample-" + prefix + "@example.net",
            event("81.2.69.160", 443, "2026-11-01T12:00:00Z"), "ef".repeat(32))
        + tip(prefix + "3", "Luc", "Modele", "l.modele-" + prefix + "@example.com",
            event("198.51.100.11", null, "2026-11-10T08:00:00Z"), "12".repeat(32))
        + tip(prefix + "4", "Marc", "Ancien", "m.ancien-" + prefix + "@example.com",
            event("77.128.1.1", 2000, "2025-01-01T10:00:00Z"), "34".repeat(32))
        + tip(prefix + "5", "Jeannot", "Autre", "autre-" + prefix + "@example.org",
            event("198.51.100.10", 40000, "2026-10-26T09:15:00Z"), UNKNOWN_SHA256)
        + "</cyberTips>\n";
    Path file = temp.resolve("tips-" + prefix + ".xml");
    Files.writeString(file, xml);
    ImportSummary summary = importer.importFile(file, "test:e2e", false, new LongAdder());
    assertEquals(0, summary.rejected(), summary.toString());
    return new Scenario(prefix, summary.jobId());
  }

  Map<String, String> outcomesOf(Scenario s) {
    return jdbc.sql("""
        select r.external_id, a.outcome from ip_attributions a join reports r on r.id = a.report_id
        where r.import_job_id = ?
        """).param(s.importJob()).query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
        .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  long suspectOfReport(String externalId) {
    return jdbc.sql("""
        select distinct si.suspect_id from suspect_identifiers si
        join suspects s on s.id = si.suspect_id
        where s.status <> 'MERGED' and si.kind = 'EMAIL' and si.canonical_key in (
          select i.canonical_key from reported_identifiers i join reports r on r.id = i.report_id
          where r.external_id = ? and i.kind = 'EMAIL')
        """).param(externalId).query(Long.class).single();
  }

  String unitOf(long suspectId) {
    return jdbc.sql("""
        select u.code from suspects s left join units u on u.id = s.unit_id where s.id = ?
        """).param(suspectId).query((rs, n) -> rs.getString(1)).list().get(0);
  }

  /** Drafts Orange's requisition, checks its CSV and PDF, marks it sent, imports the answer. */
  Requisition requisitionAnswered(Scenario s) throws Exception {
    var drafted = assertInstanceOf(DraftOutcome.Drafted.class, requisitions.draft(
        new RequisitionRequest("ORANGE", "PRELIMINARY", "PV E2E/" + s.prefix(),
            "Capitaine Exemple"), analyst()));
    Requisition r = requisitions.find(analyst(), drafted.id()).orElseThrow();
    String csv = requisitions.csv(analyst(), drafted.id()).orElseThrow();
    List<String> lines = csv.lines().toList();
    assertEquals("requisition,line,ip,port,utc_time,paris_time,report", lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.contains(",83.206.36.230,51000,2026-10-25T00:30:00Z,"
        + "2026-10-25 02:30:00 +02:00,")), csv);
    assertTrue(lines.stream().anyMatch(l -> l.contains(",198.51.100.10,40000,"
        + "2026-10-26T09:15:00Z,2026-10-26 10:15:00 +01:00,")), csv);
    assertFalse(csv.contains("198.51.100.11"), "no port behind CGNAT: never asked for");
    assertFalse(csv.contains("77.128.1.1") || csv.contains("81.2.69.160"), csv);

    String pdfText = new PdfTextExtractor(new PdfReader(
        requisitions.pdf(analyst(), drafted.id()).orElseThrow())).getTextFromPage(1);
    for (String expected : List.of(r.reference(), "83.206.36.230", "51000",
        "2026-10-25T00:30:00Z", "2026-10-25 02:30:00 +02:00", "198.51.100.10", "40000",
        "2026-10-26 10:15:00 +01:00")) {
      assertTrue(pdfText.contains(expected), expected + " in " + pdfText);
    }
    assertTrue(requisitions.markSent(analyst(), drafted.id()));

    // The same subscriber behind both events, a Lyon postal code: 69 → OFMIN-LYON.
    String answer = "requisition,ip,port,utc_time,identity,address,postal_code,city,contract_type\n"
        + r.reference() + ",83.206.36.230,51000,2026-10-25T00:30:00Z,EXEMPLE Jean,"
        + "\"" + s.prefix() + " rue de l'Exemple\",69003,Lyon,fixe\n"
        + r.reference() + ",198.51.100.10,40000,2026-10-26T09:15:00Z,EXEMPLE Jean,"
        + "\"" + s.prefix() + " rue de l'Exemple\",69003,Lyon,fixe\n"
        + r.reference() + ",198.51.100.10,40000,not-a-time,EXEMPLE Jean,x,69003,Lyon,fixe\n";
    AnswerImportSummary imported = requisitions.importAnswer(new ByteArrayInputStream(
        answer.getBytes(StandardCharsets.UTF_8)), "reponse.csv", "CLI", "test", null, null, null);
    assertEquals(2, imported.accepted(), imported.rejects().toString());
    assertEquals(2, imported.identified());
    assertEquals(1, imported.rejects().size(), "the malformed line is rejected, the rest in");
    assertTrue(imported.rejects().get(0).toString().startsWith("line 4, column 4 (utc_time)"),
        imported.rejects().toString());
    return requisitions.find(analyst(), drafted.id()).orElseThrow();
  }

  /** Issue 6: reports in → attributed → requisition PDF + CSV → answer → suspects with a unit. */
  @Test
  void reportsBecomeAttributedEventsRequisitionsSubscribersAndSuspectsWithTheirUnit()
      throws Exception {
    Scenario s = importReports();
    List<String> ran = runQueuedJobs();
    for (String job : List.of("match-import:", "attribute-import:", "link-suspects:import:")) {
      assertTrue(ran.contains(job + s.importJob()), job + " queued by the import: " + ran);
    }
    // The import's own re-scoring needs the suspects and the match results: it runs last.
    int rescore = ran.indexOf("triage-rescore:import:" + s.importJob());
    assertTrue(rescore > ran.indexOf("match-import:" + s.importJob())
        && rescore > ran.indexOf("link-suspects:import:" + s.importJob()), ran.toString());
    assertEquals(Map.of(s.report('A'), "FRANCE", s.report('B'), "FOREIGN", s.report('C'),
        "PORT_NEEDED", s.report('D'), "EXPIRED", s.report('E'), "FRANCE"), outcomesOf(s));

    // Before the answer: two suspects, no unit (no French postal code reported).
    long a = suspectOfReport(s.report('A'));
    long e = suspectOfReport(s.report('E'));
    assertTrue(a != e, "nothing links A and E yet");

    Requisition r = requisitionAnswered(s);
    assertEquals("ANSWERED", r.effectiveStatus());
    List<String> after = runQueuedJobs();
    assertTrue(after.stream().anyMatch(j -> j.startsWith("link-suspects:answer:")),
        "the answer queued its linking: " + after);

    // The same subscriber answered for A's and E's events: one suspect, Lyon's.
    long joined = suspectOfReport(s.report('A'));
    assertEquals(joined, suspectOfReport(s.report('E')));
    assertEquals("OFMIN-LYON", unitOf(joined));
    assertTrue(jdbc.sql("""
        select count(*) from links l join suspect_identifiers f on f.id = l.from_identifier
        where f.suspect_id = ? and l.rule = 'SAME_SUBSCRIBER'
        """).param(joined).query(Long.class).single() > 0);
    assertEquals(null, unitOf(suspectOfReport(s.report('B'))), "foreign: no French unit");

    // The reasons, in the pages.
    String attributionPage = mvc.perform(get("/attribution").with(authentication(asAnalyst())))
        .andReturn().getResponse().getContentAsString();
    for (String expected : List.of("Insuffisant : port source nécessaire (plage CGNAT "
        + "198.51.100.0/26)", "Expiré le 2026-01-01", "198.51.100.11", "81.2.69.160")) {
      assertTrue(attributionPage.contains(expected), expected + " on /attribution");
    }
    String referral = mvc.perform(get("/attribution/etranger").param("country", "GB")
        .with(authentication(asAnalyst()))).andReturn().getResponse().getContentAsString();
    assertTrue(referral.contains("81.2.69.160") && referral.contains(s.report('B')), referral);
    String requisitionPage = mvc.perform(get("/requisitions/" + r.id())
        .with(authentication(asAnalyst()))).andReturn().getResponse().getContentAsString();
    assertTrue(requisitionPage.contains("EXEMPLE Jean") && requisitionPage.contains(
        "OFMIN-LYON (69)"), requisitionPage);
    String suspectPage = mvc.perform(get("/suspects/" + joined).with(authentication(asAnalyst())))
        .andReturn().getResponse().getContentAsString();
    assertTrue(suspectPage.contains("Même abonné"), "the link's rule is explained");
    assertTrue(suspectPage.contains("OFMIN-LYON"), "the suspect's unit is shown");
  }

  /** Issue 7: matched, attributed, linked, scored P1, a case ready for action, its PDF. */
  @Test
  void aPlantedProfileComesOutP1AndItsCaseIsExportedReadyForAction() throws Exception {
    hashSets.registerIfAbsent(new HashSetDraft("Jeu E2E", "1", "CSV", "NOTABLE",
        "Test authority", LocalDate.of(2026, 1, 1), "test", List.of(new HashSetDraft.Entry(
            "SHA256", KNOWN_SHA256, 3, "3", "Série E2E"))), "test");
    runQueuedJobs();
    Scenario s = importReports();
    runQueuedJobs();
    Map<String, String> media = jdbc.sql("""
        select r.external_id, m.status from media m join reports r on r.id = m.report_id
        where r.import_job_id = ?
        """).param(s.importJob()).query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
        .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertEquals("MATCHED", media.get(s.report('A')));
    assertEquals("UNKNOWN_MATERIAL", media.get(s.report('E')));
    assertEquals("FRANCE", outcomesOf(s).get(s.report('E')));

    requisitionAnswered(s);
    runQueuedJobs();
    long suspect = suspectOfReport(s.report('E'));
    assertEquals("OFMIN-LYON", unitOf(suspect));

    RiskAssessment before = triage.currentOf(suspect).orElseThrow(
        () -> new AssertionError("the linked suspect was scored by the queued jobs"));
    assertEquals(Tier.P2, before.effectiveTier(), "unknown material alone is P2");
    // Scored after the answer joined A's and E's reports: A's matched file counts too.
    assertTrue(before.contributions().stream().anyMatch(c -> c.factor() == Factor.SEVERITY
        && c.present()), "re-scored once linked: " + before.contributions());
    assertTrue(before.contributions().stream().anyMatch(c -> c.factor() == Factor.UNKNOWN_MATERIAL
        && c.present() && c.evidence().startsWith("1 ")), before.contributions().toString());
    var outcome = triage.recordFacts(analyst(), suspect, new RiskFacts(true, false, false,
        false, false, false, false, null, "Animateur de centre de loisirs (synthétique)", null,
        null));
    RiskAssessment scored = assertInstanceOf(Triage.Outcome.Done.class, outcome).assessment();
    assertEquals(Tier.P1, scored.effectiveTier(), scored.contributions().toString());

    long caseId = assertInstanceOf(CaseOpening.Opened.class, cases.openFor(analyst(),
        List.of(suspect), "Dossier E2E " + s.prefix()).orElseThrow()).id();
    assertInstanceOf(Transition.Moved.class, cases.move(analyst(), caseId,
        CaseStatus.IDENTIFICATION, null, null).orElseThrow());
    Transition ready = cases.move(analyst(), caseId, CaseStatus.READY_FOR_ACTION, null, null)
        .orElseThrow();
    assertEquals(new Transition.Moved(CaseStatus.IDENTIFICATION, CaseStatus.READY_FOR_ACTION),
        ready, "the answer's subscriber and the suspect's unit meet the preconditions");

    ExportedCase one = export.export(analyst(), caseId).orElseThrow();
    ExportedCase two = export.export(analyst(), caseId).orElseThrow();
    assertEquals(one.manifest(), two.manifest());
    assertEquals(one.manifestSha256(), two.manifestSha256());
    assertTrue(new String(one.pdf(), 0, 4, StandardCharsets.US_ASCII).equals("%PDF"));

    List<String> pages = pages(one.pdf());
    String body = String.join("\n", pages.subList(0, pages.size() - 1));
    for (String shown : List.of("1. Résumé", one.reference(), "prêt pour action",
        "2. Identités", "autre-" + s.prefix() + "@example.org", "3. Chaîne",
        "198.51.100.10, port 40000", "EXEMPLE Jean", "abonné : identifié",
        "4. Correspondances", "Jeu E2E", "catégorie 3", "5. Évaluation", "P1 (",
        "Contenus inconnus", "7. Chronologie", "changement d’état")) {
      assertTrue(body.contains(shown), shown + " in\n" + body);
    }
    for (String code : List.of("READY_FOR_ACTION", "IDENTIFIED", "factor=", "STATUS")) {
      assertFalse(body.contains(code), code + " in\n" + body);
    }
    assertTrue(pages.getLast().contains("Empreinte du manifeste")
        && pages.getLast().contains(one.manifestSha256()), pages.getLast());
  }

  private static List<String> pages(byte[] pdf) throws Exception {
    PdfReader reader = new PdfReader(pdf);
    PdfTextExtractor text = new PdfTextExtractor(reader);
    List<String> pages = new ArrayList<>();
    for (int i = 1; i <= reader.getNumberOfPages(); i++) {
      pages.add(text.getTextFromPage(i));
    }
    reader.close();
    return pages;
  }
}
