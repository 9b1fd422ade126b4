package fr.vigie.app.intake;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.support.TestDatabases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;

/**
 * The intake API and pages: a file posted to the API is queued (202), run by the worker and
 * reported with its errors; tokens of roles without REPORTS_IMPORT get 403, no token 401; a
 * quarantined record is corrected and re-imported, or discarded with a reason; the report list
 * filters and pages by keyset; a report's detail and raw record are reads on the record; the
 * form refuses bad fields next to them and stores a good report as a FORM report.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.jobs.worker-enabled=false",
        "spring.datasource.hikari.maximum-pool-size=3"})
@AutoConfigureMockMvc
@DirtiesContext
class IntakeWebIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  @Autowired
  MockMvc mvc;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  UserAccounts accounts;

  @Autowired
  JobQueue queue;

  @Autowired
  List<JobHandler<?>> handlers;

  @BeforeEach
  void emptyIntake() {
    for (String table : List.of("matches", "victim_hints", "media", "ip_events",
        "reported_identifiers", "report_persons", "report_device_ids", "report_not_kept",
        "reports", "import_rejects", "import_jobs")) {
      jdbc.sql("delete from " + table).update();
    }
    jdbc.sql("delete from jobs where kind = ?").param(ReportImport.JOB_KIND.name()).update();
  }

  // ------------------------------------------------------------------ helpers

  static byte[] fixture(String name) throws Exception {
    return Files.readAllBytes(Path.of(IntakeWebIT.class.getResource("/intake/" + name)
        .toURI()));
  }

  /** A real account of the role with a real token, as a partner system would hold. */
  String tokenFor(Role role) {
    String username = "api." + role.name().toLowerCase(java.util.Locale.ROOT) + "."
        + UUID.randomUUID().toString().substring(0, 8);
    accounts.createIfAbsent(new NewUser(username, "API " + role, "un-mot-de-passe-tres-long",
        role, role == Role.INVESTIGATOR ? "OFMIN-LYON" : null));
    if (UserAccounts.mayHoldToken(role)) {
      return accounts.issueToken(username, "test", Duration.ofHours(1));
    }
    // Roles that may not hold one are given one directly, to show the API refuses them anyway.
    String token = "vigie_test_" + UUID.randomUUID();
    jdbc.sql("""
        insert into api_tokens (user_id, label, token_sha256, created_at)
        values ((select id from users where username = ?), 'test', ?, current_timestamp)
        """).params(username, fr.vigie.app.security.internal.ApiTokens.sha256(token)).update();
    return token;
  }

  static UsernamePasswordAuthenticationToken as(Role role, String username) {
    return UsernamePasswordAuthenticationToken.authenticated(
        new Caller(0, username, role, null), null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  static UsernamePasswordAuthenticationToken analyst() {
    return as(Role.ANALYST, "analyste.web");
  }

  /** Runs the queued imports as the worker would; returns how many ran. */
  int runQueuedImports() throws Exception {
    JobHandler<?> handler = handlers.stream().filter(h -> h.kind().equals(ReportImport.JOB_KIND))
        .findFirst().orElseThrow();
    int ran = 0;
    List<Job> batch;
    while (!(batch = queue.claim(List.of(ReportImport.JOB_KIND.name()), "test", 10)).isEmpty()) {
      for (Job job : batch) {
        handler.run(job);
        queue.complete(job);
        ran++;
      }
    }
    return ran;
  }

  long upload(String token, byte[] body, String contentType, String query) throws Exception {
    MvcResult result = mvc.perform(post("/api/intake/reports" + query)
            .header("Authorization", "Bearer " + token).contentType(contentType).content(body))
        .andExpect(status().isAccepted())
        .andReturn();
    Matcher m = Pattern.compile("\"importJobId\":(\\d+)")
        .matcher(result.getResponse().getContentAsString());
    assertTrue(m.find(), result.getResponse().getContentAsString());
    long id = Long.parseLong(m.group(1));
    assertEquals("/api/intake/jobs/" + id, result.getResponse().getHeader("Location"));
    return id;
  }

  List<Map<String, Object>> auditAbout(String objectType, Object id) {
    return jdbc.sql("""
        select actor, action, outcome, detail, reason from audit_log
        where object_type = ? and object_id = ? order by id
        """).params(objectType, String.valueOf(id)).query().listOfRows();
  }

  long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  // ------------------------------------------------------------------ API

  @Test
  void aPostedFileIsQueuedThenImportedAndItsStatusTellsTheCounts() throws Exception {
    String token = tokenFor(Role.ANALYST);
    long job = upload(token, fixture("three-reports.xml"), "application/xml",
        "?filename=lot-2024.xml");

    mvc.perform(get("/api/intake/jobs/" + job).header("Authorization", "Bearer " + token))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("QUEUED"))
        .andExpect(jsonPath("$.origin").value("API"))
        .andExpect(jsonPath("$.input").value("lot-2024.xml"));
    QueuedImport queued = ReportImport.JOB_KIND.read(jdbc.sql(
        "select payload from jobs where dedupe_key = ?").param("import-reports:" + job)
        .query(String.class).single());
    assertEquals(job, queued.importJobId());
    Path spooled = Path.of(queued.file());
    assertTrue(Files.exists(spooled), "the upload waits in the spool: " + spooled);
    assertTrue(spooled.getFileName().toString().endsWith(".xml"), spooled.toString());

    assertEquals(1, runQueuedImports());

    mvc.perform(get("/api/intake/jobs/" + job).header("Authorization", "Bearer " + token))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("DONE"))
        .andExpect(jsonPath("$.counts.read").value(3))
        .andExpect(jsonPath("$.counts.new").value(3))
        .andExpect(jsonPath("$.counts.rejected").value(0))
        .andExpect(jsonPath("$.errors").isEmpty());
    assertFalse(Files.exists(spooled), "the spooled file is deleted after the run");
    assertEquals(3, count("select count(*) from reports where import_job_id = ?", job));
    List<Map<String, Object>> audit = auditAbout("import_job", job);
    assertTrue(audit.stream().anyMatch(a -> "CREATE".equals(a.get("action"))
        && String.valueOf(a.get("detail")).contains("queued through the API: lot-2024.xml")
        && String.valueOf(a.get("actor")).startsWith("api.analyst.")), audit.toString());
    assertEquals(2, audit.stream().filter(a -> "READ".equals(a.get("action"))).count(),
        "each status call is on the record");
  }

  /** Every audit entry of the job: action, outcome, actor, role, address, detail. */
  List<List<String>> auditOfJob(long job) {
    return jdbc.sql("""
        select action, outcome, actor, actor_role, client_address, detail from audit_log
        where object_type = 'import_job' and object_id = ? order by id
        """).param(Long.toString(job))
        .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
        .list();
  }

  @Test
  void aQueuedImportIsOnTheRecordAsItRunsUnderItsRequestersRoleAndAddress() throws Exception {
    String token = tokenFor(Role.ANALYST);
    MvcResult api = mvc.perform(post("/api/intake/reports?filename=lot-api.xml")
            .header("Authorization", "Bearer " + token).contentType("application/xml")
            .content(fixture("three-reports.xml"))
            .with(request -> {
              request.setRemoteAddr("198.51.100.23");
              return request;
            }))
        .andExpect(status().isAccepted()).andReturn();
    Matcher m = Pattern.compile("\"importJobId\":(\\d+)")
        .matcher(api.getResponse().getContentAsString());
    assertTrue(m.find());
    long apiJob = Long.parseLong(m.group(1));
    MvcResult web = mvc.perform(multipart("/imports")
            .file(new MockMultipartFile("file", "lot-web.xml", "text/xml",
                fixture("three-reports.xml")))
            .with(authentication(as(Role.SUPERVISOR, "superviseur.web"))).with(csrf())
            .with(request -> {
              request.setRemoteAddr("203.0.113.45");
              return request;
            }))
        .andExpect(status().is3xxRedirection()).andReturn();
    long webJob = Long.parseLong(web.getResponse().getRedirectedUrl()
        .substring("/imports/".length()));

    assertEquals(2, runQueuedImports());

    for (var expected : List.of(List.of(apiJob, "ANALYST", "198.51.100.23", "lot-api.xml", "API"),
        List.of(webJob, "SUPERVISOR", "203.0.113.45", "lot-web.xml", "WEB"))) {
      List<List<String>> entries = auditOfJob((Long) expected.get(0));
      assertEquals(List.of("CREATE", "UPDATE", "UPDATE", "UPDATE"),
          entries.stream().map(e -> e.getFirst()).toList(),
          "queued, started, one batch, finished: " + entries);
      for (List<String> e : entries) {
        assertEquals(List.of(expected.get(1), expected.get(2)), e.subList(3, 5),
            "the requester's role and address, also on what the worker wrote: " + e);
      }
      assertEquals("STARTED", entries.get(1).get(1));
      String started = entries.get(1).get(5);
      assertTrue(started.contains((String) expected.get(3)) && started.contains("source NCMEC")
          && started.contains("origin " + expected.get(4)), started);
      // The same three reports twice: new the first time, unchanged the second.
      assertTrue(entries.get(2).get(5).startsWith("batch 1 committed: 3 read, "),
          entries.get(2).get(5));
      assertTrue(entries.get(3).get(5).startsWith("finished: reports from "),
          entries.get(3).get(5));
    }
  }

  @Test
  void aFileSentFromTheImportsPageIsQueuedImportedAndFollowedOnItsJobPage() throws Exception {
    String page = mvc.perform(get("/imports").with(authentication(analyst())))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(page.contains("id=\"upload\"") && page.contains("enctype=\"multipart/form-data\""),
        "the page offers the upload form to whoever may import");

    MvcResult sent = mvc.perform(multipart("/imports")
            .file(new MockMultipartFile("file", "C:\\exports\\lot-2024-02.xml", "text/xml",
                fixture("three-reports.xml")))
            .with(authentication(analyst())).with(csrf()))
        .andExpect(status().is3xxRedirection()).andReturn();
    long job = Long.parseLong(sent.getResponse().getRedirectedUrl()
        .substring("/imports/".length()));
    assertEquals(List.of(Map.of("status", "QUEUED", "origin", "WEB", "input_name",
        "lot-2024-02.xml", "requested_by", "analyste.web")), jdbc.sql("""
            select status, origin, input_name, requested_by from import_jobs where id = ?
            """).param(job).query().listOfRows().stream().map(r -> Map.of("status",
            r.get("status"), "origin", r.get("origin"), "input_name", r.get("input_name"),
            "requested_by", r.get("requested_by"))).toList());

    assertEquals(1, runQueuedImports());

    assertEquals(3, count("select count(*) from reports where import_job_id = ?", job));
    String jobPage = mvc.perform(get("/imports/" + job).with(authentication(analyst())))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(jobPage.contains("lot-2024-02.xml"), jobPage);
    assertTrue(auditAbout("import_job", job).stream().anyMatch(a ->
        String.valueOf(a.get("detail")).contains("queued from the imports page: lot-2024-02.xml")));
  }

  @Test
  void theImportsPageRefusesAnEmptyFileOrAnUnknownFormatAndSaysWhy() throws Exception {
    String empty = mvc.perform(multipart("/imports")
            .file(new MockMultipartFile("file", "vide.xml", "text/xml", new byte[0]))
            .with(authentication(analyst())).with(csrf()))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(empty.contains("Choisissez un fichier non vide."), empty);
    String unknown = mvc.perform(multipart("/imports")
            .file(new MockMultipartFile("file", "photo.jpg", "image/jpeg", new byte[] {1, 2}))
            .with(authentication(analyst())).with(csrf()))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(unknown.contains("Format non reconnu"), unknown);
    assertEquals(0, count("select count(*) from import_jobs"));

    String auditor = mvc.perform(get("/imports").with(authentication(as(Role.AUDITOR,
            "auditeur.web"))))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertFalse(auditor.contains("id=\"upload\""), "no form for a role that may not import");
  }

  @Test
  void theStatusListsEachRejectionWithLineFieldAndReason() throws Exception {
    String token = tokenFor(Role.SUPERVISOR);
    long job = upload(token, fixture("one-bad-report.xml"), "text/plain", "?format=xml");
    runQueuedImports();
    mvc.perform(get("/api/intake/jobs/" + job).header("Authorization", "Bearer " + token))
        .andExpect(jsonPath("$.status").value("DONE"))
        .andExpect(jsonPath("$.counts.new").value(2))
        .andExpect(jsonPath("$.counts.rejected").value(1))
        .andExpect(jsonPath("$.errors[0].line").value(27))
        .andExpect(jsonPath("$.errors[0].field").value(containsString("ipCaptureEvent")))
        .andExpect(jsonPath("$.errors[0].reason").value(containsString("192.0.2.999")))
        .andExpect(jsonPath("$.errors[0].status").value("QUARANTINED"));
  }

  @Test
  void refusesRolesWithoutImportAndCallsWithoutAValidToken() throws Exception {
    String analyst = tokenFor(Role.ANALYST);
    long job = upload(analyst, fixture("three-reports.xml"), "application/xml", "");
    String denied = """
        select count(*) from audit_log where action = 'DENIED' and outcome = 'DENIED'
          and object_type = 'import_job' and detail like '%/api/intake/%'
        """;
    long deniedBefore = count(denied);
    for (Role role : List.of(Role.AUDITOR, Role.INVESTIGATOR, Role.SENSOR)) {
      String token = tokenFor(role);
      mvc.perform(post("/api/intake/reports").header("Authorization", "Bearer " + token)
              .contentType("application/xml").content(fixture("three-reports.xml")))
          .andExpect(status().isForbidden());
      mvc.perform(get("/api/intake/jobs/" + job).header("Authorization", "Bearer " + token))
          .andExpect(status().isForbidden());
    }
    assertEquals(deniedBefore + 6, count(denied), "each refusal is on the record");
    mvc.perform(post("/api/intake/reports").contentType("application/xml")
            .content(fixture("three-reports.xml")))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/api/intake/reports").header("Authorization", "Bearer vigie_wrong")
            .contentType("application/xml").content(fixture("three-reports.xml")))
        .andExpect(status().isUnauthorized());
    mvc.perform(get("/api/intake/jobs/" + job)).andExpect(status().isUnauthorized());
    assertEquals(1, count("select count(*) from import_jobs"), "nothing else was queued");
    // An unknown format and an empty body are refused, and the refusals are on the record.
    mvc.perform(post("/api/intake/reports").header("Authorization", "Bearer " + analyst)
            .contentType("application/pdf").content(new byte[] {1, 2}))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.error").value(containsString("unknown format")));
    mvc.perform(post("/api/intake/reports?format=csv").header("Authorization", "Bearer " + analyst)
            .content(new byte[0]))
        .andExpect(status().isBadRequest());
    assertEquals(2, count("""
        select count(*) from audit_log where object_type = 'import_job' and outcome = 'FAILURE'
          and actor like 'api.analyst.%'
        """));
  }

  @Test
  void theUserCommandRuleLetsImportingRolesHoldTokens() {
    assertTrue(UserAccounts.mayHoldToken(Role.ANALYST));
    assertTrue(UserAccounts.mayHoldToken(Role.SUPERVISOR));
    assertTrue(UserAccounts.mayHoldToken(Role.SENSOR));
    assertFalse(UserAccounts.mayHoldToken(Role.AUDITOR));
    assertFalse(UserAccounts.mayHoldToken(Role.INVESTIGATOR));
    assertFalse(UserAccounts.mayHoldToken(Role.ADMIN));
  }

  // ------------------------------------------------------------------ imports and quarantine

  @Test
  void aQuarantinedRecordIsCorrectedAndReimported() throws Exception {
    long job = upload(tokenFor(Role.ANALYST), fixture("one-bad-report.xml"), "application/xml",
        "?filename=lot.xml");
    runQueuedImports();
    long reject = count("select id from import_rejects where job_id = ?", job);

    mvc.perform(get("/imports").with(authentication(analyst())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"job-" + job + "\"")));
    mvc.perform(get("/imports/" + job).with(authentication(analyst())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("192.0.2.999")))
        .andExpect(content().string(containsString("/imports/rejets/" + reject)));
    String page = mvc.perform(get("/imports/rejets/" + reject).with(authentication(analyst())))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertTrue(page.contains("&lt;cyberTip reportId=&quot;150200002&quot;"),
        "the raw record is shown as escaped text: " + page);
    assertFalse(page.contains("<cyberTip"), "never as markup");
    assertEquals("READ", auditAbout("import_reject", reject).getLast().get("action"));

    String raw = jdbc.sql("select raw_record from import_rejects where id = ?").param(reject)
        .query((rs, n) -> gunzip(rs.getBytes(1))).single();
    String corrected = raw.replace("192.0.2.999", "192.0.2.99");
    MvcResult done = mvc.perform(post("/imports/rejets/" + reject + "/reimport")
            .with(authentication(analyst())).with(csrf()).param("raw", corrected))
        .andExpect(status().is3xxRedirection()).andReturn();
    long newJob = count("select max(id) from import_jobs");
    assertEquals("/imports/" + newJob, done.getResponse().getRedirectedUrl());
    assertEquals(List.of("REIMPORTED", "analyste.web"), jdbc.sql("""
        select status, resolved_by from import_rejects where id = ?
        """).param(reject).query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).single());
    assertNotNull(jdbc.sql("select resolved_at from import_rejects where id = ?").param(reject)
        .query(OffsetDateTime.class).single());
    assertEquals("WEB", jdbc.sql("select origin from import_jobs where id = ?").param(newJob)
        .query(String.class).single());
    runQueuedImports();
    assertEquals(List.of("DONE", 1L, 0L), jdbc.sql("""
        select status, records_new, records_rejected from import_jobs where id = ?
        """).param(newJob).query((rs, n) -> List.<Object>of(rs.getString(1), rs.getLong(2),
            rs.getLong(3))).single());
    assertEquals("192.0.2.99", jdbc.sql("""
        select e.ip from ip_events e join reports r on r.id = e.report_id
        where r.external_id = '150200002'
        """).query(String.class).single());
    assertTrue(auditAbout("import_reject", reject).stream().anyMatch(a ->
        "UPDATE".equals(a.get("action"))
            && String.valueOf(a.get("detail")).contains("import job " + newJob)));

    // Resolved once: a second attempt changes nothing.
    mvc.perform(post("/imports/rejets/" + reject + "/reimport")
            .with(authentication(analyst())).with(csrf()).param("raw", corrected))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("déjà été traité")));
    assertEquals(newJob, count("select max(id) from import_jobs"));
  }

  @Test
  void aQuarantinedRecordIsDiscardedOnlyWithAReason() throws Exception {
    long job = upload(tokenFor(Role.ANALYST), fixture("one-bad-report.xml"), "application/xml", "");
    runQueuedImports();
    long reject = count("select id from import_rejects where job_id = ?", job);
    mvc.perform(post("/imports/rejets/" + reject + "/discard").with(authentication(analyst()))
            .with(csrf()).param("reason", "  "))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Indiquez pourquoi")));
    assertEquals("QUARANTINED", jdbc.sql("select status from import_rejects where id = ?")
        .param(reject).query(String.class).single());
    // An auditor reads the quarantine but may not resolve it.
    mvc.perform(post("/imports/rejets/" + reject + "/discard")
            .with(authentication(as(Role.AUDITOR, "auditeur.web"))).with(csrf())
            .param("reason", "doublon"))
        .andExpect(status().isForbidden());
    mvc.perform(post("/imports/rejets/" + reject + "/discard").with(authentication(analyst()))
            .with(csrf()).param("reason", "doublon d’un signalement déjà reçu"))
        .andExpect(redirectedUrl("/imports/" + job));
    assertEquals("DISCARDED", jdbc.sql("select status from import_rejects where id = ?")
        .param(reject).query(String.class).single());
    Map<String, Object> last = auditAbout("import_reject", reject).getLast();
    assertEquals("UPDATE", last.get("action"));
    assertEquals("doublon d’un signalement déjà reçu", last.get("reason"));
  }

  // ------------------------------------------------------------------ report list

  /** Inserts minimal reports: 130 from NCMEC, one a day back from 2025-06-30, and 20 others. */
  void insertReports() {
    jdbc.sql("""
        insert into sources (code, name, kind, country) select 'NCMEC', 'NCMEC CyberTipline',
          'NCMEC', 'US' where not exists (select 1 from sources where code = 'NCMEC')
        """).update();
    jdbc.sql("""
        insert into sources (code, name, kind) select 'PHAROS', 'PHAROS', 'PLATFORM'
        where not exists (select 1 from sources where code = 'PHAROS')
        """).update();
    Instant start = Instant.parse("2025-06-30T10:00:00Z");
    for (int i = 0; i < 150; i++) {
      String source = i < 130 ? "NCMEC" : "PHAROS";
      String type = i % 3 == 0 ? "Child Sex Trafficking"
          : "Online Enticement of Children for Sexual Acts";
      // Two reports share each tenth instant: the id must break the tie, none seen twice.
      Instant received = start.minus(Duration.ofHours(12L * (i - (i % 10 == 1 ? 1 : 0))));
      jdbc.sql("""
          insert into reports (source_id, external_id, content_sha256, incident_type,
            received_at, status, departement_code, raw_format)
          values ((select id from sources where code = ?), ?, 'x', ?, ?, ?, ?, 'DEMO')
          """).params(source, "L" + i, type, received.atOffset(ZoneOffset.UTC),
              i % 7 == 0 ? "NO_ACTION" : "NEW", i == 5 ? "69" : null).update();
    }
    // Reports whose département is known only from a reported person's postal code: every even
    // one, L0 with two such persons (it must still be listed once), L1 with one in Paris.
    jdbc.sql("""
        insert into report_persons (report_id, role, postal_code)
        select id, 'REPORTED', '69003' from reports
        where external_id like 'L%' and mod(cast(substring(external_id, 2) as int), 2) = 0
        """).update();
    jdbc.sql("""
        insert into report_persons (report_id, role, postal_code)
        values ((select id from reports where external_id = 'L0'), 'VICTIM', '69100'),
               ((select id from reports where external_id = 'L1'), 'REPORTED', '75011')
        """).update();
  }

  List<String> page(String url) throws Exception {
    // A URI, not a template: the links the page gives are already encoded.
    String html = mvc.perform(get(java.net.URI.create(url)).with(authentication(analyst())))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    List<String> refs = new ArrayList<>();
    Matcher m = Pattern.compile("<a href=\"/signalements/\\d+\">(L\\d+)</a>").matcher(html);
    while (m.find()) {
      refs.add(m.group(1));
    }
    Matcher link = Pattern.compile("<a href=\"([^\"]+)\"\\s+id=\"next-page\"").matcher(html);
    lastNext = link.find() ? HtmlUtils.htmlUnescape(link.group(1)) : null;
    assertEquals(lastNext != null, html.contains("id=\"next-page\""), "a next link is read");
    return refs;
  }

  String lastNext;

  @Test
  void theListPagesByKeysetNewestFirstWithoutLosingOrRepeatingAny() throws Exception {
    insertReports();
    List<String> first = page("/signalements");
    assertEquals(50, first.size());
    // L1 was received at the same instant as L0: the higher id comes first.
    assertEquals(List.of("L1", "L0", "L2", "L3"), first.subList(0, 4));
    Set<String> seen = new LinkedHashSet<>(first);
    int pages = 1;
    while (lastNext != null) {
      assertTrue(lastNext.contains("curseur="), lastNext);
      List<String> more = page(lastNext);
      for (String ref : more) {
        assertTrue(seen.add(ref), ref + " seen twice");
      }
      pages++;
    }
    assertEquals(150, seen.size());
    assertEquals(3, pages);
  }

  @Test
  void theListFiltersBySourceTypeStatusPeriodAndDepartement() throws Exception {
    insertReports();
    assertEquals(20, collect("/signalements?source=PHAROS").size());
    assertEquals(50, count("select count(*) from reports where incident_type = ?",
        "Child Sex Trafficking"));
    assertEquals(50, collect("/signalements?type=Child%20Sex%20Trafficking").size());
    List<String> closed = collect("/signalements?statut=NO_ACTION");
    assertEquals(count("select count(*) from reports where status = 'NO_ACTION'"), closed.size());
    assertTrue(closed.contains("L7") && !closed.contains("L8"), closed.toString());
    // The Paris day 2025-06-30 runs from 22:00 UTC the day before: it holds L1 and L0 (10:00
    // UTC), not L2 (24 hours older).
    assertEquals(List.of("L1", "L0"), collect("/signalements?du=2025-06-30&au=2025-06-30"));
    assertEquals(List.of("L2", "L3"), collect("/signalements?du=2025-06-29&au=2025-06-29"));
    List<String> all = collect("/signalements");
    List<String> lyon = all.stream().filter(ref -> number(ref) % 2 == 0 || ref.equals("L5"))
        .toList();
    assertEquals(76, lyon.size());
    assertEquals(lyon, collect("/signalements?departement=69"), "two pages, none twice");
    assertEquals(lyon.stream().filter(ref -> number(ref) % 7 == 0).toList(),
        collect("/signalements?departement=69&statut=NO_ACTION"));
    assertEquals(List.of("L1"), collect("/signalements?departement=75"));
    assertEquals(List.of(), collect("/signalements?departement=2A"));
    mvc.perform(get("/signalements?du=hier&departement=abc").with(authentication(analyst())))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("n’est pas une date")))
        .andExpect(content().string(containsString("un code comme 69")));
  }

  static int number(String ref) {
    return Integer.parseInt(ref.substring(1));
  }

  List<String> collect(String url) throws Exception {
    List<String> all = new ArrayList<>(page(url));
    while (lastNext != null) {
      all.addAll(page(lastNext));
    }
    return all;
  }

  // ------------------------------------------------------------------ detail

  @Test
  void theDetailShowsEverythingTheReportNamesAndIsOnTheRecord() throws Exception {
    long job = upload(tokenFor(Role.ANALYST), fixture("three-reports.xml"), "application/xml", "");
    runQueuedImports();
    long id = count("select id from reports where external_id = '150100001'");
    long auditBefore = count("select count(*) from audit_log");
    String page = mvc.perform(get("/signalements/" + id).with(authentication(analyst())))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    // Identifiers: the original beside the normalised form.
    var identifier = jdbc.sql("""
        select original_value, normalized_value from reported_identifiers
        where report_id = ? and kind = 'EMAIL' order by id
        """).param(id).query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list()
        .getFirst();
    assertTrue(page.contains(HtmlUtils.htmlEscape(identifier.get(0))), identifier.toString());
    assertTrue(page.contains(HtmlUtils.htmlEscape(identifier.get(1))), identifier.toString());
    // IP events in UTC and in Paris time.
    var event = jdbc.sql("""
            select ip, occurred_at from ip_events where report_id = ? and occurred_at is not null
            order by id
            """)
        .param(id).query((rs, n) -> List.<Object>of(rs.getString(1),
            rs.getObject(2, OffsetDateTime.class).toInstant())).list().getFirst();
    Instant at = (Instant) event.get(1);
    assertTrue(page.contains((String) event.get(0)));
    assertTrue(page.contains(java.time.format.DateTimeFormatter
        .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(at) + " UTC"), page);
    assertTrue(page.contains(new fr.vigie.app.web.ParisTimes().format(at)), page);
    // Media: hashes and a link to the media page, never an image.
    long media = count("select min(id) from media where report_id = ?", id);
    assertTrue(page.contains("href=\"/media/" + media + "\""), page);
    assertFalse(page.contains("<img src=\"/media"), "no image on the report page");
    assertTrue(page.contains("id=\"versions\""));
    assertFalse(page.contains("&lt;cyberTip"), "the raw record is not on the page");

    List<Map<String, Object>> reads = jdbc.sql("""
        select actor, action, object_type, object_id from audit_log where id > ? order by id
        """).param(auditBefore).query().listOfRows();
    assertEquals(1, reads.size(), reads.toString());
    assertEquals(Map.of("actor", "analyste.web", "action", "READ", "object_type", "report",
        "object_id", String.valueOf(id)), lower(reads.getFirst()));

    String raw = mvc.perform(get("/signalements/" + id + "/brut")
            .with(authentication(as(Role.AUDITOR, "auditeur.web"))))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(raw.contains("&lt;cyberTip reportId=&quot;150100001&quot;"), raw);
    assertEquals("report_raw", jdbc.sql("""
        select object_type from audit_log where id = (select max(id) from audit_log)
        """).query(String.class).single());

    mvc.perform(get("/signalements/999999999").with(authentication(analyst())))
        .andExpect(status().isNotFound());
    assertEquals("NOT_FOUND", jdbc.sql("""
        select outcome from audit_log where id = (select max(id) from audit_log)
        """).query(String.class).single());
    mvc.perform(get("/signalements/" + id).with(authentication(as(Role.ADMIN, "admin.web"))))
        .andExpect(status().isForbidden());
  }

  // ------------------------------------------------------------------ hidden characters

  static final String RLO = "\u202E";

  /** The three reports with a right-to-left override in a screen name and a file name. */
  static byte[] reportsWithHiddenCharacters() throws Exception {
    return new String(fixture("three-reports.xml"), StandardCharsets.UTF_8)
        .replace("<screenName>jf_1990</screenName>",
            "<screenName>jf" + RLO + "0991_\u2066x\u2069</screenName>")
        .replace("<originalFileName>img_001.jpg</originalFileName>",
            "<originalFileName>invoice" + RLO + "gnp.exe</originalFileName>")
        .replace("<lastName>Fictif</lastName>", "<lastName>Fictif\u0085\u200F</lastName>")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** What no page may hold raw: the controls the readers keep as they were sent. */
  static void assertNoHiddenCharacter(String page, String what) {
    for (char c : new char[] {'\u202E', '\u2066', '\u2069', '\u0085', '\u200F', '\u0000'}) {
      assertFalse(page.indexOf(c) >= 0, what + " shows U+" + Integer.toHexString(c) + " raw");
    }
  }

  @Test
  void theReportPagesShowScreenNamesFileNamesAndTheRawRecordWithTheirHiddenCharactersVisible()
      throws Exception {
    long job = upload(tokenFor(Role.ANALYST), reportsWithHiddenCharacters(), "application/xml",
        "?filename=lot" + RLO + "lmx.xml");
    runQueuedImports();
    long id = count("select id from reports where external_id = '150100001'");
    assertEquals("jf" + RLO + "0991_\u2066x\u2069", jdbc.sql("""
        select original_value from reported_identifiers where report_id = ? and kind = 'SCREEN_NAME'
        order by id limit 1
        """).param(id).query(String.class).single(), "stored as it was sent: the evidence");

    String report = mvc.perform(get("/signalements/" + id).with(authentication(analyst())))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(report.contains("jf⟨U+202E⟩0991_⟨U+2066⟩x⟨U+2069⟩"), report);
    assertTrue(report.contains("invoice⟨U+202E⟩gnp.exe"), report);
    assertTrue(report.contains("Fictif⟨U+0085⟩⟨U+200F⟩"), report);
    assertNoHiddenCharacter(report, "the report page");

    String raw = mvc.perform(get("/signalements/" + id + "/brut").with(authentication(analyst())))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(raw.contains("invoice⟨U+202E⟩gnp.exe"), raw);
    assertNoHiddenCharacter(raw, "the raw record");

    long media = count("select min(id) from media where report_id = ?", id);
    String mediaPage = mvc.perform(get("/media/" + media).with(authentication(analyst())))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(mediaPage.contains("invoice⟨U+202E⟩gnp.exe"), mediaPage);
    assertNoHiddenCharacter(mediaPage, "the media page");

    for (String path : List.of("/imports", "/imports/" + job)) {
      String page = mvc.perform(get(path).with(authentication(analyst())))
          .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
      assertTrue(page.contains("lot⟨U+202E⟩lmx.xml"), path + ": " + page);
      assertNoHiddenCharacter(page, path);
    }
  }

  @Test
  void aQuarantinedRecordShowsItsHiddenCharactersAndIsReimportedWithThemAsTheyWere()
      throws Exception {
    byte[] bad = new String(fixture("one-bad-report.xml"), StandardCharsets.UTF_8)
        .replace("192.0.2.999", "192.0.2.999" + RLO).getBytes(StandardCharsets.UTF_8);
    long job = upload(tokenFor(Role.ANALYST), bad, "application/xml", "?filename=lot.xml");
    runQueuedImports();
    long reject = count("select id from import_rejects where job_id = ?", job);
    String page = mvc.perform(get("/imports/rejets/" + reject).with(authentication(analyst())))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(page.contains("192.0.2.999⟨U+202E⟩"), page);
    assertNoHiddenCharacter(page, "the quarantined record");
    String jobPage = mvc.perform(get("/imports/" + job).with(authentication(analyst())))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertNoHiddenCharacter(jobPage, "the job's reasons");

    // The text area showed the markers; what comes back is the record with its characters.
    String shown = fr.vigie.app.web.VisibleText.of(jdbc.sql(
            "select raw_record from import_rejects where id = ?").param(reject)
        .query((rs, n) -> gunzip(rs.getBytes(1))).single());
    String corrected = shown.replace("192.0.2.999⟨U+202E⟩", "192.0.2.99")
        .replace("<screenName>luc_exemple</screenName>",
            "<screenName>luc⟨U+202E⟩elpmexe</screenName>");
    mvc.perform(post("/imports/rejets/" + reject + "/reimport").with(authentication(analyst()))
            .with(csrf()).param("raw", corrected))
        .andExpect(status().is3xxRedirection());
    runQueuedImports();
    String stored = jdbc.sql("""
        select r.raw_record from reports r where r.external_id = '150200002'
        """).query((rs, n) -> gunzip(rs.getBytes(1))).single();
    assertTrue(stored.contains("<screenName>luc" + RLO + "elpmexe</screenName>"), stored);
    assertFalse(stored.contains("⟨U+"), stored);
    assertEquals("luc" + RLO + "elpmexe", jdbc.sql("""
        select i.original_value from reported_identifiers i join reports r on r.id = i.report_id
        where r.external_id = '150200002' and i.kind = 'SCREEN_NAME'
        """).query(String.class).single());
  }

  @Test
  void aFormShownAgainWithHiddenCharactersVisibleStoresThemAsTypedWhenSentBack() throws Exception {
    // Pasted with a right-to-left override, and the time typed without its offset: refused.
    String page = mvc.perform(post("/signalements/nouveau").with(authentication(analyst()))
            .with(csrf()).param("source", "saisie").param("externalRef", "COURRIEL-2026-0043")
            .param("incidentType", "ONLINE_ENTICEMENT").param("incidentTime", "2026-11-28T14:30")
            .param("lastName", "Exemple").param("screenName", "jean" + RLO + "elpmexe")
            .param("notes", "collé\u0000"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(page.contains("value=\"jean⟨U+202E⟩elpmexe\""), page);
    assertNoHiddenCharacter(page, "the form shown again");
    // Sent back as the browser has it, markers and all, with the offset now.
    mvc.perform(post("/signalements/nouveau").with(authentication(analyst())).with(csrf())
            .param("source", "saisie").param("externalRef", "COURRIEL-2026-0043")
            .param("incidentType", "ONLINE_ENTICEMENT")
            .param("incidentTime", "2026-11-28T14:30+01:00").param("lastName", "Exemple")
            .param("screenName", "jean⟨U+202E⟩elpmexe").param("notes", "collé⟨U+0000⟩"))
        .andExpect(status().is3xxRedirection());
    long id = count("select id from reports where external_id = 'COURRIEL-2026-0043'");
    assertEquals("jean" + RLO + "elpmexe", jdbc.sql("""
        select original_value from reported_identifiers where report_id = ? and kind = 'SCREEN_NAME'
        """).param(id).query(String.class).single());
  }

  private static Map<String, Object> lower(Map<String, Object> row) {
    Map<String, Object> out = new java.util.HashMap<>();
    row.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
    return out;
  }

  // ------------------------------------------------------------------ form

  @Test
  void theFormShowsEachErrorBesideItsFieldAndStoresNothing() throws Exception {
    String page = mvc.perform(post("/signalements/nouveau").with(authentication(analyst()))
            .with(csrf())
            .param("source", "SAISIE").param("externalRef", "")
            .param("incidentType", "ONLINE_ENTICEMENT")
            .param("incidentTime", "2026-11-28T14:30")
            .param("email", "pas-une-adresse").param("phone", "12")
            .param("ip", "192.0.2.300").param("port", "70000").param("ipTime", "demain"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    for (String field : List.of("externalRef", "incidentTime", "email", "phone", "ip", "port",
        "ipTime")) {
      assertTrue(page.contains("id=\"" + field + "-error\""), field + " has its message");
    }
    assertTrue(page.contains("Indiquez le décalage"), "the missing offset is explained");
    assertTrue(page.contains("value=\"pas-une-adresse\""), "what was typed is kept");
    assertEquals(0, count("select count(*) from reports"));
    mvc.perform(get("/signalements/nouveau").with(authentication(as(Role.INVESTIGATOR, "e"))))
        .andExpect(status().isForbidden());
  }

  @Test
  void aTypedReportIsStoredNormalisedAsAFormReport() throws Exception {
    MvcResult saved = mvc.perform(post("/signalements/nouveau")
            .with(authentication(analyst())).with(csrf())
            .param("source", "saisie").param("externalRef", "COURRIEL-2026-0042")
            .param("incidentType", "ONLINE_ENTICEMENT")
            .param("incidentTime", "2026-11-28T14:30+01:00")
            .param("firstName", "Jean").param("lastName", "Exemple")
            .param("email", " Jean.Exemple+tag@GMAIL.com ").param("phone", "06 12 34 56 78")
            .param("screenName", "jean_exemple").param("platform", "ExampleChat")
            .param("ip", "2001:DB8:0:0:0:0:0:1").param("port", "51234")
            .param("ipTime", "2026-11-28T14:29:05Z").param("notes", "Appel du 28/11 <b>"))
        .andExpect(status().is3xxRedirection()).andReturn();
    long id = count("select id from reports where external_id = 'COURRIEL-2026-0042'");
    assertEquals("/signalements/" + id, saved.getResponse().getRedirectedUrl());
    assertEquals(List.of("FORM", "SAISIE", "MANUAL", "Online Enticement of Children for Sexual Acts",
        "+01:00"), jdbc.sql("""
            select r.raw_format, s.code, s.kind, r.incident_type, r.incident_offset
            from reports r join sources s on s.id = r.source_id where r.id = ?
            """).param(id).query((rs, n) -> List.of(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5))).single());
    assertEquals(Instant.parse("2026-11-28T13:30:00Z"), jdbc.sql(
        "select incident_at from reports where id = ?").param(id)
        .query(OffsetDateTime.class).single().toInstant());
    Map<String, String> ids = new java.util.TreeMap<>();
    jdbc.sql("""
        select kind, normalized_value, canonical_key from reported_identifiers where report_id = ?
        """).param(id).query(rs -> {
          ids.put(rs.getString(1), rs.getString(2) + " | " + rs.getString(3));
        });
    assertEquals(Map.of("EMAIL", "jean.exemple+tag@gmail.com | jeanexemple@gmail.com",
        "PHONE", "+33612345678 | +33612345678",
        "SCREEN_NAME", "jean_exemple | jean_exemple"), ids);
    assertEquals(List.of("2001:db8::1", 51234, false), jdbc.sql("""
        select ip, port, offset_missing from ip_events where report_id = ?
        """).param(id).query((rs, n) -> List.<Object>of(rs.getString(1), rs.getInt(2),
            rs.getBoolean(3))).single());
    String raw = jdbc.sql("select raw_record from reports where id = ?").param(id)
        .query((rs, n) -> gunzip(rs.getBytes(1))).single();
    assertTrue(raw.contains("\"notes\": \"Appel du 28/11 <b>\""), raw);
    assertTrue(raw.contains("\"enteredBy\": \"analyste.web\""), raw);
    assertEquals(List.of("WEB", "DONE"), jdbc.sql("""
        select j.origin, j.status from import_jobs j join reports r on r.import_job_id = j.id
        where r.id = ?
        """).param(id).query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).single());
    assertEquals("CREATE", auditAbout("report", id).getFirst().get("action"));

    // It is in the list, and typing it again is refused beside the reference.
    mvc.perform(get("/signalements?source=SAISIE").with(authentication(analyst())))
        .andExpect(content().string(containsString("COURRIEL-2026-0042")));
    mvc.perform(post("/signalements/nouveau").with(authentication(analyst())).with(csrf())
            .param("source", "SAISIE").param("externalRef", "COURRIEL-2026-0042")
            .param("incidentType", "ONLINE_ENTICEMENT")
            .param("incidentTime", "2026-11-28T14:30+01:00").param("screenName", "x"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"externalRef-error\"")));
    // A code that belongs to an imported source is refused.
    mvc.perform(post("/signalements/nouveau").with(authentication(analyst())).with(csrf())
            .param("source", "NCMEC").param("externalRef", "1")
            .param("incidentType", "ONLINE_ENTICEMENT")
            .param("incidentTime", "2026-11-28T14:30+01:00").param("screenName", "x"))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("Signalement enregistré"))));
    assertEquals(1, count("select count(*) from reports"));
  }

  static String gunzip(byte[] bytes) {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
