package fr.vigie.app.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.audit.SettableClock;
import fr.vigie.app.intake.ReportsImported;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.storage.Timestamps;
import fr.vigie.app.support.GeoIpTestData;
import fr.vigie.app.support.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Attribution end to end on MaxMind's test databases and the seeded directory: events of every
 * outcome with their reasons, idempotent runs, a requisition with its CSV and PDF across the
 * daylight-saving changes, sent then overdue, the operator's answer with bad lines rejected and
 * the rest in, subscribers with their responsible unit, and the pages.
 */
@Import(SettableClock.Config.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class AttributionIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
    settings(registry);
  }


  static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

  @Autowired
  Attribution attribution;

  @Autowired
  Requisitions requisitions;

  @Autowired
  Operators operators;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  SettableClock clock;

  @Autowired
  MockMvc mvc;

  @Autowired
  ApplicationEventPublisher events;

  static void settings(DynamicPropertyRegistry registry) {
    GeoIpTestData.register(registry);
  }

  @BeforeEach
  void cleanSlate() {
    clock.set(NOW);
    for (String table : List.of("subscribers", "requisition_answers", "requisition_items",
        "requisitions", "ip_attributions")) {
      jdbc.sql("delete from " + table).update();
    }
  }

  @AfterEach
  void realTime() {
    clock.reset();
  }

  /** One event to store: ip, port (null: none), instant (null: none). */
  record E(String ip, Integer port, String at) {}

  /** Stores one import run with one report holding these events; returns [job, event ids...]. */
  long[] imported(E... list) {
    jdbc.sql("""
        insert into sources (code, name, kind) select 'TEST-ATTR', 'Attribution tests', 'NCMEC'
        where not exists (select 1 from sources where code = 'TEST-ATTR')
        """).update();
    String name = "attr-" + UUID.randomUUID();
    jdbc.sql("""
        insert into import_jobs (kind, origin, input_name, status, requested_by)
        values ('REPORTS', 'CLI', ?, 'DONE', 'test')
        """).param(name).update();
    long job = jdbc.sql("select id from import_jobs where input_name = ?").param(name)
        .query(Long.class).single();
    String external = "T" + job;
    jdbc.sql("""
        insert into reports (source_id, external_id, content_sha256, incident_type, received_at,
          raw_format, import_job_id)
        values ((select id from sources where code = 'TEST-ATTR'), ?, ?, 'Child Pornography',
          ?, 'DEMO', ?)
        """).params(external, "0".repeat(64), Timestamps.utc(NOW), job).update();
    long report = jdbc.sql("select id from reports where import_job_id = ?").param(job)
        .query(Long.class).single();
    long[] ids = new long[list.length + 1];
    ids[0] = job;
    for (int i = 0; i < list.length; i++) {
      E e = list[i];
      jdbc.sql("""
          insert into ip_events (report_id, ip_original, ip, ip_version, port, occurred_at)
          values (?, ?, ?, ?, ?, ?)
          """).params(report, e.ip(), e.ip(), e.ip().contains(":") ? 6 : 4, e.port(),
              e.at() == null ? null : Timestamps.utc(Instant.parse(e.at()))).update();
      ids[i + 1] = jdbc.sql("select max(id) from ip_events where report_id = ?").param(report)
          .query(Long.class).single();
    }
    return ids;
  }

  private Map<String, Object> attributionOf(long eventId) {
    return jdbc.sql("""
        select a.outcome, a.reason_code, a.reason, a.country_code, a.asn, o.code as operator,
               a.cgnat_range, a.expired_on
        from ip_attributions a left join operators o on o.id = a.operator_id
        where a.ip_event_id = ?
        """).param(eventId).query().singleRow();
  }

  private static Access access(Role role, Long unitId) {
    return new Access(new Caller(1, "test." + role.name().toLowerCase(java.util.Locale.ROOT),
        role, unitId), "192.0.2.99");
  }

  private long unitId(String code) {
    return jdbc.sql("select id from units where code = ?").param(code).query(Long.class).single();
  }

  private static UsernamePasswordAuthenticationToken as(Role role, Long unitId) {
    Caller caller = access(role, unitId).caller();
    return UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  /** The scenario's events; [0] is the import job. */
  long[] scenario() {
    return imported(
        new E("83.206.36.230", 51000, "2026-10-25T00:30:00Z"), // 1 Orange by ASN, 02:30 +02:00
        new E("83.206.36.230", 51001, "2026-10-25T01:30:00Z"), // 2 Orange, 02:30 +01:00
        new E("198.51.100.10", 40000, "2026-03-29T00:59:59Z"), // 3 Orange CGNAT with port
        new E("198.51.100.11", null, "2026-03-29T01:00:00Z"),  // 4 Orange CGNAT, no port
        new E("81.2.69.160", 443, "2026-11-01T12:00:00Z"),     // 5 GB
        new E("77.128.1.1", 1, "2025-06-01T08:00:00Z"),        // 6 SFR, too old
        new E("192.0.2.1", 2, "2026-11-01T12:00:00Z"),         // 7 in no database
        new E("2a02:cfc0::1", 3, null),                        // 8 no time
        new E("77.128.1.1", 2, "2026-11-20T08:00:00Z"));       // 9 SFR
  }

  @Test
  void everyEventEndsWithAnOutcomeAndItsReasonAndARerunChangesNothing() {
    long[] ids = scenario();
    AttributionRun run = attribution.attributeImport(ids[0]);
    assertEquals(9, run.attributed());
    assertEquals(Map.of("FRANCE", 4L, "PORT_NEEDED", 1L, "FOREIGN", 1L, "EXPIRED", 1L,
        "UNATTRIBUTED", 2L), run.byOutcome());
    assertEquals("FRANCE", attributionOf(ids[1]).get("outcome"));
    assertEquals("ORANGE", attributionOf(ids[1]).get("operator"));
    assertEquals(3215L, ((Number) attributionOf(ids[1]).get("asn")).longValue());
    assertEquals("198.51.100.0/26", attributionOf(ids[3]).get("cgnat_range"));
    var portNeeded = attributionOf(ids[4]);
    assertEquals("PORT_NEEDED", portNeeded.get("outcome"));
    assertTrue(portNeeded.get("reason").toString().startsWith("insufficient: port needed"));
    assertEquals("GB", attributionOf(ids[5]).get("country_code"));
    var expired = attributionOf(ids[6]);
    assertEquals("EXPIRED", expired.get("outcome"));
    assertEquals("SFR", expired.get("operator"));
    assertTrue(expired.get("reason").toString().contains("expired on 2026-06-01"),
        expired.get("reason").toString());
    assertEquals("NOT_IN_GEOIP", attributionOf(ids[7]).get("reason_code"));
    assertEquals("NO_TIME", attributionOf(ids[8]).get("reason_code"));

    AttributionRun again = attribution.attributeImport(ids[0]);
    assertEquals(run.byOutcome(), again.byOutcome());
    assertEquals(9L, jdbc.sql("select count(*) from ip_attributions").query(Long.class).single());

    List<AttributedEvent> gb = attribution.referral("GB");
    assertEquals(1, gb.size());
    assertEquals("81.2.69.160", gb.get(0).ip());
    assertEquals(443, gb.get(0).port());
    assertEquals("TEST-ATTR T" + ids[0], gb.get(0).reportRef());
  }

  @Autowired
  fr.vigie.app.intake.ReportImport reportImport;

  @Autowired
  fr.vigie.app.jobs.JobQueue queue;

  @Autowired
  List<fr.vigie.app.jobs.JobHandler<?>> handlers;

  @org.junit.jupiter.api.io.TempDir
  Path temp;

  /** Reports in through the real importer, its event queues the job, the worker's path runs it. */
  @Test
  void aCyberTiplineImportIsAttributedByTheJobItQueues() throws Exception {
    String external = "1509" + (System.nanoTime() % 100000);
    Path file = temp.resolve("tips.xml");
    java.nio.file.Files.writeString(file, """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Synthetic: MaxMind test addresses and documentation ranges only. -->
        <cyberTips>
          <cyberTip reportId="%s" receivedAt="2026-11-02T10:00:00Z">
            <report>
              <incidentSummary>
                <incidentType>Child Pornography (possession, manufacture, and distribution)</incidentType>
                <platform>ExampleShare</platform>
                <incidentDateTime>2026-10-25T02:30:00+01:00</incidentDateTime>
              </incidentSummary>
              <reporter><reportingPerson><email>trust@example.com</email></reportingPerson></reporter>
              <personOrUserReported>
                <screenName>exemple_1</screenName>
                <ipCaptureEvent><ipAddress>83.206.36.230</ipAddress><eventName>Upload</eventName>
                  <dateTime>2026-10-25T02:30:00+01:00</dateTime><port>51001</port></ipCaptureEvent>
                <ipCaptureEvent><ipAddress>81.2.69.160</ipAddress><eventName>Login</eventName>
                  <dateTime>2026-10-20T10:00:00Z</dateTime><port>443</port></ipCaptureEvent>
                <ipCaptureEvent><ipAddress>198.51.100.30</ipAddress><eventName>Login</eventName>
                  <dateTime>2026-10-21T10:00:00Z</dateTime></ipCaptureEvent>
                <ipCaptureEvent><ipAddress>77.128.1.1</ipAddress><eventName>Registration</eventName>
                  <dateTime>2025-01-01T10:00:00Z</dateTime><port>2000</port></ipCaptureEvent>
              </personOrUserReported>
            </report>
          </cyberTip>
        </cyberTips>
        """.formatted(external));
    var summary = reportImport.importFile(file, "test:analyste", false,
        new java.util.concurrent.atomic.LongAdder());
    assertEquals(0, summary.rejected(), summary.toString());
    var jobs = queue.claim(List.of(Attribution.IMPORT_KIND.name()), "test-worker", 50);
    assertFalse(jobs.isEmpty(), "the import queued its attribution");
    for (var job : jobs) {
      handlers.stream().filter(h -> h.kind().name().equals(job.kind())).findFirst().orElseThrow()
          .run(job);
      queue.complete(job);
    }
    Map<String, String> byIp = jdbc.sql("""
        select a.ip, a.outcome from ip_attributions a join reports r on r.id = a.report_id
        where r.external_id = ?
        """).param(external).query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
        .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertEquals(Map.of("83.206.36.230", "FRANCE", "81.2.69.160", "FOREIGN",
        "198.51.100.30", "PORT_NEEDED", "77.128.1.1", "EXPIRED"), byIp);
    assertEquals(Instant.parse("2026-10-25T01:30:00Z"), jdbc.sql("""
        select occurred_at from ip_attributions where ip = '83.206.36.230'
        """).query((rs, n) -> Timestamps.instant(rs, "occurred_at")).single());
  }

  @Test
  void eachImportRunQueuesOneAttributionJob() {
    long[] ids = imported(new E("81.2.69.160", 1, "2026-11-01T00:00:00Z"));
    events.publishEvent(new ReportsImported(ids[0], 1));
    events.publishEvent(new ReportsImported(ids[0], 1));
    assertEquals(1L, jdbc.sql("select count(*) from jobs where dedupe_key = ?")
        .param("attribute-import:" + ids[0]).query(Long.class).single());
    String stored = jdbc.sql("select payload from jobs where dedupe_key = ?")
        .param("attribute-import:" + ids[0]).query(String.class).single();
    assertEquals("{\"importJobId\":" + ids[0] + "}", stored);
    assertEquals(new AttributeImportRun(ids[0]), Attribution.IMPORT_KIND.read(stored));
  }

  @Test
  void fromEventsToSubscribersWithTheirUnit() throws Exception {
    long[] ids = scenario();
    attribution.attributeImport(ids[0]);
    Access lyon = access(Role.INVESTIGATOR, unitId("OFMIN-LYON"));
    var drafted = assertInstanceOf(DraftOutcome.Drafted.class, requisitions.draft(
        new RequisitionRequest("ORANGE", "PRELIMINARY", "PV 2026/123", "Capitaine Exemple"),
        lyon));
    assertEquals(3, drafted.items(), "two by ASN and one CGNAT with its port; not the one "
        + "without port");
    assertEquals(List.of("requisitions.error.nothingPending"), ((DraftOutcome.Refused)
        requisitions.draft(new RequisitionRequest("ORANGE", "FLAGRANCE", "PV", "OPJ"), lyon))
        .errors());
    Requisition r = requisitions.find(lyon, drafted.id()).orElseThrow();
    assertEquals("Article 77-1-1 du Code de procédure pénale", r.legalBasis());
    assertTrue(r.reference().matches("RQ-2026-\\d{6}"), r.reference());

    String csv = requisitions.csv(lyon, drafted.id()).orElseThrow();
    String report = "TEST-ATTR T" + ids[0];
    assertEquals(List.of("requisition,line,ip,port,utc_time,paris_time,report",
        r.reference() + ",1,198.51.100.10,40000,2026-03-29T00:59:59Z,2026-03-29 01:59:59 +01:00,"
            + report,
        r.reference() + ",2,83.206.36.230,51000,2026-10-25T00:30:00Z,2026-10-25 02:30:00 +02:00,"
            + report,
        r.reference() + ",3,83.206.36.230,51001,2026-10-25T01:30:00Z,2026-10-25 02:30:00 +01:00,"
            + report), csv.lines().toList());

    byte[] pdf = requisitions.pdf(lyon, drafted.id()).orElseThrow();
    String text;
    try (PdfReader reader = new PdfReader(pdf)) {
      text = new PdfTextExtractor(reader).getTextFromPage(1);
    }
    for (String expected : List.of(r.reference(), "Article 77-1-1 du Code de procédure pénale",
        "PV 2026/123", "Capitaine Exemple", "Orange", "198.51.100.10", "2026-03-29T00:59:59Z",
        "2026-03-29 01:59:59 +01:00", "2026-10-25 02:30:00 +02:00",
        "2026-10-25 02:30:00 +01:00")) {
      assertTrue(text.contains(expected), expected + " in " + text);
    }

    // Not sent yet: an answer is refused, line by line.
    String answerHeader =
        "requisition,ip,port,utc_time,identity,address,postal_code,city,contract_type\n";
    AnswerImportSummary early = importAnswer(answerHeader + r.reference()
        + ",198.51.100.10,40000,2026-03-29T00:59:59Z,unknown,,,,\n");
    assertEquals(0, early.accepted());
    assertTrue(early.rejects().get(0).reason().contains("not sent"), early.rejects().toString());

    assertTrue(requisitions.markSent(lyon, drafted.id()));
    assertEquals(NOW.plus(Duration.ofDays(15)),
        requisitions.find(lyon, drafted.id()).orElseThrow().dueAt());
    var sfr = assertInstanceOf(DraftOutcome.Drafted.class, requisitions.draft(
        new RequisitionRequest("SFR", "FLAGRANCE", "PV 2026/124", "Lieutenant Exemple"), lyon));
    assertEquals(1, sfr.items(), "the expired SFR event is never asked for");

    clock.set(NOW.plus(Duration.ofDays(16)));
    List<Requisition> listed = requisitions.list(lyon, null, null);
    assertEquals(List.of("OVERDUE", "DRAFTED"),
        listed.stream().map(Requisition::effectiveStatus).toList());
    assertEquals(List.of(r.reference()), requisitions.list(lyon, "OVERDUE", null).stream()
        .map(Requisition::reference).toList());
    Access rennes = access(Role.INVESTIGATOR, unitId("OFMIN-RENNES"));
    assertTrue(requisitions.list(rennes, null, null).isEmpty(), "another unit's requisitions");
    assertTrue(requisitions.find(rennes, drafted.id()).isEmpty());

    AnswerImportSummary first = importAnswer(answerHeader
        + r.reference() + ",198.51.100.10,40000,2026-03-29T00:59:59Z,DUPONT Jean,"
        + "\"1 rue de l'Exemple\",69003,Lyon,fixe\n"
        + r.reference() + ",83.206.36.230,51000,2026-10-25T00:30:00Z,unknown,,,,\n"
        + r.reference() + ",83.206.36.230,99999,2026-10-25T01:30:00Z,MARTIN Paul,x,35000,"
        + "Rennes,mobile\n"
        + "RQ-2026-999999,83.206.36.230,51001,2026-10-25T01:30:00Z,MARTIN Paul,x,35000,"
        + "Rennes,mobile\n"
        // The other 02:30 of that night: no such line in the requisition.
        + r.reference() + ",83.206.36.230,51001,2026-10-25T02:30:00+02:00,MARTIN Paul,x,35000,"
        + "Rennes,mobile\n");
    assertEquals(5, first.linesRead());
    assertEquals(2, first.accepted());
    assertEquals(1, first.identified());
    assertEquals(1, first.unknown());
    assertEquals(List.of("line 4, column 3 (port): port must be 1 to 65535 or empty: '99999'",
        "line 5, column 1 (requisition): unknown requisition 'RQ-2026-999999'",
        "line 6, column 4 (utc_time): requisition " + r.reference() + " has no line for "
            + "83.206.36.230 port 51001 at 2026-10-25T00:30:00Z"),
        first.rejects().stream().map(Object::toString).toList());
    assertEquals(3L, jdbc.sql("select count(*) from import_rejects where job_id = ?")
        .param(first.importJobId()).query(Long.class).single());
    assertEquals("OVERDUE", requisitions.find(lyon, drafted.id()).orElseThrow()
        .effectiveStatus(), "one line still unanswered");

    String martin = answerHeader + r.reference()
        + ",83.206.36.230,51001,2026-10-25T02:30:00+01:00,MARTIN Paul,\"2 place Exemple\","
        + "35000,Rennes,mobile\n";
    AnswerImportSummary outOfScope = requisitions.importAnswer(new ByteArrayInputStream(
        martin.getBytes(StandardCharsets.UTF_8)), "answer.csv", "WEB", "rennes", "INVESTIGATOR",
        "192.0.2.99", rennes);
    assertEquals("line 2, column 1 (requisition): unknown requisition '" + r.reference() + "'",
        outOfScope.rejects().get(0).toString(), "another unit's requisition is not named");
    AnswerImportSummary second = importAnswer(answerHeader + r.reference()
        + ",83.206.36.230,51001,2026-10-25T02:30:00+01:00,MARTIN Paul,\"2 place Exemple\","
        + "35000,Rennes,mobile\n");
    assertTrue(second.rejects().isEmpty(), second.rejects().toString());
    Requisition answered = requisitions.find(lyon, drafted.id()).orElseThrow();
    assertEquals("ANSWERED", answered.effectiveStatus());
    assertEquals(3, answered.answeredItems());

    Map<String, String> unitBySubscriber = requisitions.items(drafted.id()).stream()
        .collect(Collectors.toMap(i -> i.ip() + ":" + i.port(), i -> i.subscriber().outcome()
            + "/" + i.subscriber().unitCode()));
    assertEquals(Map.of("198.51.100.10:40000", "IDENTIFIED/OFMIN-LYON",
        "83.206.36.230:51000", "UNKNOWN/null",
        "83.206.36.230:51001", "IDENTIFIED/OFMIN-RENNES"), unitBySubscriber);
    // An identified subscriber places the report of its event in their département: here the
    // three events are one report's, and the latest answer (Rennes, after Lyon) wins.
    assertEquals(List.of("35"), jdbc.sql("""
        select distinct r.departement_code from reports r join ip_events e on e.report_id = r.id
        where e.id in (select ip_event_id from requisition_items where requisition_id = ?)
        """).param(drafted.id()).query(String.class).list());

    for (String detail : List.of("CREATE", "UPDATE", "EXPORT")) {
      assertTrue(jdbc.sql("select count(*) from audit_log where object_type = 'requisition' "
          + "and action = ?").param(detail).query(Long.class).single() > 0, detail);
    }
    assertEquals(4L, jdbc.sql("select count(*) from audit_log where object_type = "
        + "'requisition-answer'").query(Long.class).single());
  }

  @Test
  void anAnswerLineTheStoreCannotHoldIsRejectedWithItsReasonAndTheOthersGoIn() throws Exception {
    long[] ids = scenario();
    attribution.attributeImport(ids[0]);
    Access lyon = access(Role.INVESTIGATOR, unitId("OFMIN-LYON"));
    var drafted = assertInstanceOf(DraftOutcome.Drafted.class, requisitions.draft(
        new RequisitionRequest("ORANGE", "PRELIMINARY", "PV 2026/125", "Capitaine Exemple"),
        lyon));
    assertTrue(requisitions.markSent(lyon, drafted.id()));
    String ref = requisitions.find(lyon, drafted.id()).orElseThrow().reference();
    String header =
        "requisition,ip,port,utc_time,identity,address,postal_code,city,contract_type\n";
    // A NUL (which PostgreSQL text cannot hold) in a name and in a value quoted by the reason,
    // and a name longer than its column: each line refused alone, the good one stored.
    AnswerImportSummary s = importAnswer(header
        + ref + ",198.51.100.10,40000,2026-03-29T00:59:59Z,DUPONT\u0000Jean,x,69003,Lyon,fixe\n"
        + ref + ",83.206.36.230,5\u00001000,2026-10-25T00:30:00Z,unknown,,,,\n"
        + ref + ",83.206.36.230,51001,2026-10-25T01:30:00Z," + "N".repeat(301)
        + ",x,69003,Lyon,fixe\n"
        + ref + ",83.206.36.230,51000,2026-10-25T00:30:00Z,unknown,,,,\n");
    assertEquals(4, s.linesRead());
    assertEquals(1, s.accepted(), s.rejects().toString());
    assertEquals(List.of("line 2, column 5 (identity): holds a NUL character (U+0000), which "
            + "cannot be stored: 'DUPONT⟨U+0000⟩Jean'",
        "line 3, column 3 (port): port must be 1 to 65535 or empty: '5⟨U+0000⟩1000'",
        "line 4, column 5 (identity): longer than the 300 characters it may have (301)"),
        s.rejects().stream().map(Object::toString).toList());
  }

  @Test
  void hiddenCharactersOfAReportReferenceAreVisibleInTheCsvExportsThePdfAndThePages()
      throws Exception {
    long[] ids = scenario();
    // A right-to-left override in the sender's report number: "T…exe.png" as it would read.
    jdbc.sql("update reports set external_id = external_id || chr(8238) || 'gnp.exe' "
        + "where import_job_id = ?").param(ids[0]).update();
    attribution.attributeImport(ids[0]);
    String shown = "TEST-ATTR T" + ids[0] + "⟨U+202E⟩gnp.exe";

    String referral = mvc.perform(get("/attribution/etranger.csv").param("country", "GB")
            .with(authentication(as(Role.ANALYST, null))))
        .andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertTrue(referral.contains(shown), referral);
    String page = mvc.perform(get("/attribution/etranger").param("country", "GB")
            .with(authentication(as(Role.ANALYST, null))))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(page.contains(shown), page);

    Access lyon = access(Role.INVESTIGATOR, unitId("OFMIN-LYON"));
    var drafted = assertInstanceOf(DraftOutcome.Drafted.class, requisitions.draft(
        new RequisitionRequest("ORANGE", "PRELIMINARY", "PV 2026/126", "Capitaine Exemple"),
        lyon));
    String csv = requisitions.csv(lyon, drafted.id()).orElseThrow();
    assertTrue(csv.contains(shown), csv);
    String text;
    try (PdfReader reader = new PdfReader(requisitions.pdf(lyon, drafted.id()).orElseThrow())) {
      text = new PdfTextExtractor(reader).getTextFromPage(1);
    }
    assertTrue(text.contains("T" + ids[0] + "<U+202E>gnp.exe"), text);
    for (String out : List.of(referral, page, csv, text)) {
      assertTrue(out.indexOf('\u202E') < 0, out);
    }
  }

  private AnswerImportSummary importAnswer(String csv) throws IOException {
    return requisitions.importAnswer(new ByteArrayInputStream(
        csv.getBytes(StandardCharsets.UTF_8)), "answer.csv", "CLI", "test", null, null, null);
  }

  @Test
  void anInvestigatorsNationalRerunIsRecordedAsTheChangeItIsWithItsScope() throws Exception {
    long lyon = unitId("OFMIN-LYON");
    long before = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class)
        .single();
    int status = mvc.perform(post("/attribution").with(csrf())
            .with(authentication(as(Role.INVESTIGATOR, lyon)))
            .with(request -> {
              request.setRemoteAddr("192.0.2.44");
              return request;
            }))
        .andReturn().getResponse().getStatus();
    assertEquals(200, status);
    List<Map<String, Object>> entries = jdbc.sql("""
        select actor, actor_role, action, object_type, object_id, scope_unit_id, client_address,
          outcome, detail from audit_log where id > ? order by id
        """).param(before).query().listOfRows();
    Map<String, Object> rerun = entries.stream()
        .filter(e -> "attribution".equals(e.get("object_type"))).findFirst()
        .orElseThrow(() -> new AssertionError("the re-run is not on the record: " + entries));
    assertEquals("UPDATE", rerun.get("action"), "a change, not a read: " + rerun);
    assertEquals("all-ip-events", rerun.get("object_id"));
    assertEquals("test.investigator", rerun.get("actor"));
    assertEquals("INVESTIGATOR", rerun.get("actor_role"));
    assertEquals("192.0.2.44", rerun.get("client_address"));
    assertEquals("SUCCESS", rerun.get("outcome"));
    assertEquals(null, rerun.get("scope_unit_id"), "every unit's events: no one unit");
    String detail = String.valueOf(rerun.get("detail"));
    assertTrue(detail.contains("national") && detail.contains("every unit")
        && detail.contains("OFMIN-LYON"), detail);
    assertTrue(jdbc.sql("select count(*) from jobs where kind = ?").param(Attribution.ALL_KIND.name())
        .query(Long.class).single() > 0, "the run is queued");
  }

  @Test
  void thePagesShowTheReasonsAndTakeAnAnswer() throws Exception {
    long[] ids = scenario();
    attribution.attributeImport(ids[0]);
    long lyonUnit = unitId("OFMIN-LYON");
    String page = mvc.perform(get("/attribution").with(authentication(as(Role.ANALYST, null))))
        .andReturn().getResponse().getContentAsString();
    for (String expected : List.of("Insuffisant : port source nécessaire (plage CGNAT "
        + "198.51.100.0/26)", "Expiré le 2026-06-01", "Adresse absente de la base GeoIP",
        "Le signalement ne donne pas l’heure", "GeoIP: ")) {
      assertTrue(page.contains(expected), expected);
    }
    String english = mvc.perform(get("/attribution").param("lang", "en")
            .param("outcome", "PORT_NEEDED").with(authentication(as(Role.AUDITOR, null))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(english.contains("Insufficient: source port needed"), english);
    assertFalse(english.contains("81.2.69.160"), "filtered on one outcome");
    String referral = mvc.perform(get("/attribution/etranger").param("country", "GB")
            .with(authentication(as(Role.ANALYST, null))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(referral.contains("81.2.69.160") && referral.contains("2026-11-01T12:00:00Z"));

    var created = mvc.perform(post("/requisitions").with(csrf())
            .with(authentication(as(Role.INVESTIGATOR, lyonUnit)))
            .param("operatorCode", "ORANGE").param("procedureType", "FLAGRANCE")
            .param("procedureRef", "PV 1").param("requestingOfficer", "OPJ Exemple"))
        .andReturn().getResponse();
    assertEquals(302, created.getStatus());
    String location = created.getRedirectedUrl();
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    mvc.perform(post("/requisitions/" + id).with(csrf()).param("action", "sent")
        .with(authentication(as(Role.INVESTIGATOR, lyonUnit))));
    String reference = requisitions.find(access(Role.ANALYST, null), id).orElseThrow()
        .reference();
    MockMultipartFile file = new MockMultipartFile("file", "reponse-orange.csv", "text/csv",
        ("requisition,ip,port,utc_time,identity,address,postal_code,city,contract_type\n"
            + reference + ",198.51.100.10,40000,2026-03-29T00:59:59Z,DUPONT Jean,x,69003,Lyon,"
            + "fixe\n" + reference + ",198.51.100.10,40000,yesterday,DUPONT Jean,x,69003,Lyon,"
            + "fixe\n").getBytes(StandardCharsets.UTF_8));
    String answered = mvc.perform(multipart("/requisitions/" + id).file(file)
            .param("action", "answer").with(csrf())
            .with(authentication(as(Role.INVESTIGATOR, lyonUnit))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(answered.contains("1 ligne(s) importée(s), 1 rejetée(s)"), answered);
    assertTrue(answered.contains("line 3, column 4 (utc_time)"), answered);
    assertTrue(answered.contains("DUPONT Jean") && answered.contains("OFMIN-LYON (69)"),
        answered);
    String list = mvc.perform(get("/requisitions").with(authentication(as(Role.AUDITOR, null))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(list.contains(reference), list);
  }

  @Test
  void theAdministratorEditsTheDirectoryAndEachChangeIsAudited() throws Exception {
    String refused = mvc.perform(post("/operateurs").with(csrf())
            .with(authentication(as(Role.ADMIN, null))).param("code", "EXEMPLE-TEL")
            .param("name", "Exemple Télécom").param("answerDelayDays", "10")
            .param("retentionDays", "365").param("asns", "AS64500, 3215")
            .param("cgnatRanges", "192.0.2.1/24"))
        .andReturn().getResponse().getContentAsString();
    assertTrue(refused.contains("Plage CIDR invalide : 192.0.2.1/24"), refused);
    assertTrue(refused.contains("AS déjà attribué à un autre opérateur : AS3215 (ORANGE)"),
        refused);
    assertTrue(operators.find("EXEMPLE-TEL").isEmpty());

    var saved = mvc.perform(post("/operateurs").with(csrf())
            .with(authentication(as(Role.ADMIN, null))).param("code", "exemple-tel")
            .param("name", "Exemple Télécom").param("answerDelayDays", "10")
            .param("retentionDays", "180").param("asns", "AS64500")
            .param("cgnatRanges", "192.0.2.0/25").param("active", "true"))
        .andReturn().getResponse();
    assertEquals(302, saved.getStatus());
    Operator o = operators.find("EXEMPLE-TEL").orElseThrow();
    assertEquals(List.of(64500L), o.asns());
    assertEquals(List.of("192.0.2.0/25"), o.cgnatRanges());
    assertEquals(180, o.retentionDays());
    assertEquals(1L, jdbc.sql("select count(*) from audit_log where object_type = 'operator' "
        + "and object_id = 'EXEMPLE-TEL' and action = 'CREATE'").query(Long.class).single());

    // The new range takes effect at the next run.
    long[] ids = imported(new E("192.0.2.77", null, "2026-11-20T00:00:00Z"));
    attribution.attributeImport(ids[0]);
    assertEquals("EXEMPLE-TEL", attributionOf(ids[1]).get("operator"));
    assertEquals("PORT_NEEDED", attributionOf(ids[1]).get("outcome"));
    jdbc.sql("delete from ip_attributions where ip_event_id = ?").param(ids[1]).update();
    jdbc.sql("delete from operator_cgnat_ranges where operator_id = ?").param(o.id()).update();
    jdbc.sql("delete from operator_asns where operator_id = ?").param(o.id()).update();
    jdbc.sql("delete from operators where id = ?").param(o.id()).update();

    String page = mvc.perform(get("/operateurs").with(authentication(as(Role.ADMIN, null))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(page.contains("Bouygues Telecom") && page.contains("5410, 12844")
        && page.contains("203.0.113.0/26"), page);
    assertEquals(LocalDate.of(2026, 11, 29), LocalDate.ofInstant(NOW, java.time.ZoneOffset.UTC));
  }
}
