package fr.vigie.app.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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

/**
 * Providers' documents (the encoder's report and fileDetails, copied from vigie-formats' test
 * resources) through the API ({@code ?source=}) and the imports page (its source field): the
 * source is checked before anything is read, the derived id is shown as such on the list and the
 * report, the report page lists device ids and what no column holds (neutralised), and a report
 * quarantined for want of a source is re-imported with one from its page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.jobs.worker-enabled=false",
        "spring.datasource.hikari.maximum-pool-size=3"})
@AutoConfigureMockMvc
@DirtiesContext
class ProviderDocumentsWebIT {

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
  List<JobHandler> handlers;

  @BeforeEach
  void emptyIntakeAndAPartner() {
    for (String table : ProviderDocumentsImportIT.INTAKE_TABLES) {
      jdbc.sql("delete from " + table).update();
    }
    jdbc.sql("delete from jobs where kind = ?").param(ReportImport.JOB_KIND.name()).update();
    jdbc.sql("""
        insert into sources (code, name, kind, country)
        values ('PHAROS', 'PHAROS (plateforme de signalement)', 'PARTNER', 'FR')
        on conflict (code) do nothing
        """).update();
  }

  static Path encoder(String batch) throws Exception {
    return Path.of(ProviderDocumentsWebIT.class.getResource("/cybertip/encoder/" + batch)
        .toURI());
  }

  /** A zip of an encoder batch, as a provider would send one report with its files. */
  static byte[] zip(String batch, String twist) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes);
         Stream<Path> files = Files.list(encoder(batch))) {
      for (Path f : files.sorted().toList()) {
        z.putNextEntry(new ZipEntry(f.getFileName().toString()));
        String xml = Files.readString(f);
        z.write((f.getFileName().toString().equals("report.xml") ? xml.replace("</report>",
            twist + "</report>") : xml).getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  String token() {
    String username = "api.pharos." + UUID.randomUUID().toString().substring(0, 8);
    accounts.createIfAbsent(new NewUser(username, "PHAROS", "un-mot-de-passe-tres-long",
        Role.ANALYST, null));
    return accounts.issueToken(username, "test", Duration.ofHours(1));
  }

  static UsernamePasswordAuthenticationToken analyst() {
    return UsernamePasswordAuthenticationToken.authenticated(
        new Caller(0, "analyste.web", Role.ANALYST, null), null,
        List.of(new SimpleGrantedAuthority(Role.ANALYST.authority())));
  }

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

  long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  String page(String url) throws Exception {
    return mvc.perform(get(url).with(authentication(analyst()))).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
  }

  long jobIdOf(MvcResult posted) throws Exception {
    Matcher m = Pattern.compile("\"importJobId\":(\\d+)")
        .matcher(posted.getResponse().getContentAsString());
    assertTrue(m.find(), posted.getResponse().getContentAsString());
    return Long.parseLong(m.group(1));
  }

  @Test
  void aZipPostedWithItsSourceIsOneReportShownWithItsDerivedIdDevicesAndWhatIsNotKept()
      throws Exception {
    String token = token();
    // An unknown element whose value would turn the text around it right-to-left.
    MvcResult posted = mvc.perform(post("/api/intake/reports?source=pharos&filename=export.zip")
            .header("Authorization", "Bearer " + token).contentType("application/zip")
            .content(zip("full", "<note>photo\u202Egpj.exe</note>")))
        .andExpect(status().isAccepted()).andReturn();
    long job = jobIdOf(posted);
    assertEquals(1, runQueuedImports());
    mvc.perform(get("/api/intake/jobs/" + job).header("Authorization", "Bearer " + token))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("DONE"))
        .andExpect(jsonPath("$.source").value("PHAROS"))
        .andExpect(jsonPath("$.counts.new").value(1))
        .andExpect(jsonPath("$.counts.rejected").value(0));

    long id = jdbc.sql("select id from reports").query(Long.class).single();
    String externalId = jdbc.sql("select external_id from reports").query(String.class)
        .single();
    String list = page("/signalements");
    assertTrue(list.contains(externalId) && list.contains(
        "identifiant calculé (pas un numéro NCMEC)"), list);

    String report = page("/signalements/" + id);
    assertTrue(report.contains("id=\"derived-id\"") && report.contains(
        "identifiant calculé (pas un numéro NCMEC)"), report);
    assertTrue(report.contains("sextortion") && report.contains("csamSolicitation"), report);
    assertTrue(report.contains("IMEI-35-209900-176148-1") && report.contains("IMEI-UPLOAD-1")
        && report.contains("Example-WiFi"), "device ids: " + report);
    assertTrue(report.contains("Non conservé"), report);
    assertTrue(report.contains("report/lawEnforcement/agencyName")
        && report.contains("Example Agency"), report);
    assertTrue(report.contains("report/note") && report.contains("photo[U+202E]gpj.exe"),
        "the value is shown neutralised: " + report);
    assertFalse(report.contains("\u202E"), "no bidirectional override reaches the page");
    assertTrue(report.contains("fileId 0123456789abcdef0123456789abcdef")
        && report.contains("signalement n° 150000123 selon le fichier"), report);
    assertTrue(report.contains("Proxy possible"), report);

    String english = page("/signalements/" + id + "?lang=en");
    assertTrue(english.contains("computed id (not an NCMEC number)")
        && english.contains("Not kept") && english.contains("Device ids"), english);

    MvcResult again = mvc.perform(post("/api/intake/reports?source=PHAROS")
            .header("Authorization", "Bearer " + token).contentType("application/zip")
            .content(zip("full", "<note>photo\u202Egpj.exe</note>")))
        .andExpect(status().isAccepted()).andReturn();
    runQueuedImports();
    assertEquals(1, count("select records_unchanged from import_jobs where id = ?",
        jobIdOf(again)), "the same bytes again are unchanged");
  }

  @Test
  void theApiRefusesAnUnknownSourceBeforeReadingAndABareReportWithoutOneSaysToGiveIt()
      throws Exception {
    String token = token();
    String refused = mvc.perform(post("/api/intake/reports?source=PHAROZ")
            .header("Authorization", "Bearer " + token).contentType("application/zip")
            .content(zip("no-report-id", "")))
        .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
    assertTrue(refused.contains("unknown source \\\"PHAROZ\\\"; known sources: NCMEC, PHAROS"),
        refused);
    assertEquals(0, count("select count(*) from import_jobs"));
    assertEquals(1, count("""
        select count(*) from audit_log where object_type = 'import_job' and outcome = 'FAILURE'
          and detail like '%unknown source "PHAROZ"%'
        """));

    MvcResult posted = mvc.perform(post("/api/intake/reports")
            .header("Authorization", "Bearer " + token).contentType("application/zip")
            .content(zip("no-report-id", "")))
        .andExpect(status().isAccepted()).andReturn();
    runQueuedImports();
    mvc.perform(get("/api/intake/jobs/" + jobIdOf(posted))
            .header("Authorization", "Bearer " + token))
        .andExpect(jsonPath("$.counts.rejected").value(1))
        .andExpect(jsonPath("$.errors[0].reason").value("a report document holds no report "
            + "number: the importer must say which source sent it, and none was given; give "
            + "it with ?source=CODE (known sources: NCMEC, PHAROS)"));
  }

  @Test
  void theImportsPageTakesTheSourceAndAQuarantinedReportIsReimportedWithOne() throws Exception {
    String imports = page("/imports");
    assertTrue(imports.contains("name=\"source\"") && imports.contains(
        "<option value=\"PHAROS\">PHAROS</option>"), imports);

    String unknown = mvc.perform(multipart("/imports")
            .file(new MockMultipartFile("file", "export.zip", "application/zip",
                zip("no-report-id", "")))
            .param("source", "PHAROZ").with(authentication(analyst())).with(csrf()))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(unknown.contains("Source inconnue"), unknown);
    assertEquals(0, count("select count(*) from import_jobs"));

    MvcResult sent = mvc.perform(multipart("/imports")
            .file(new MockMultipartFile("file", "export.zip", "application/zip",
                zip("full", "")))
            .param("source", "PHAROS").with(authentication(analyst())).with(csrf()))
        .andExpect(status().is3xxRedirection()).andReturn();
    long job = Long.parseLong(sent.getResponse().getRedirectedUrl()
        .substring("/imports/".length()));
    runQueuedImports();
    assertEquals(1, count("""
        select count(*) from reports r join sources s on s.id = r.source_id
        where r.import_job_id = ? and s.code = 'PHAROS' and r.external_id_derived
        """, job));
    assertTrue(page("/imports/" + job).contains("id=\"job-source\""), "the job names its source");

    MvcResult withoutSource = mvc.perform(multipart("/imports")
            .file(new MockMultipartFile("file", "alone.zip", "application/zip",
                zip("no-report-id", "")))
            .with(authentication(analyst())).with(csrf()))
        .andExpect(status().is3xxRedirection()).andReturn();
    long quarantined = Long.parseLong(withoutSource.getResponse().getRedirectedUrl()
        .substring("/imports/".length()));
    runQueuedImports();
    long reject = jdbc.sql("select id from import_rejects where job_id = ?").param(quarantined)
        .query(Long.class).single();
    assertTrue(jdbc.sql("select reason from import_rejects where id = ?").param(reject)
        .query(String.class).single().endsWith("; choose the source on the imports page (or, "
            + "for a corrected record, on its page) and send it again"));
    String rejectPage = page("/imports/rejets/" + reject);
    assertTrue(rejectPage.contains("name=\"source\""), rejectPage);
    byte[] gzip = jdbc.sql("select raw_record from import_rejects where id = ?").param(reject)
        .query((rs, n) -> rs.getBytes(1)).single();
    String raw = new String(new java.util.zip.GZIPInputStream(
        new java.io.ByteArrayInputStream(gzip)).readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(raw.startsWith("<reportDocuments><report>"), raw);

    MvcResult reimported = mvc.perform(post("/imports/rejets/" + reject + "/reimport")
            .param("raw", raw).param("source", "PHAROS")
            .with(authentication(analyst())).with(csrf()))
        .andExpect(status().is3xxRedirection()).andReturn();
    long correction = Long.parseLong(reimported.getResponse().getRedirectedUrl()
        .substring("/imports/".length()));
    runQueuedImports();
    assertEquals(List.of("DONE 1 0"), jdbc.sql("""
        select status, records_new, records_rejected from import_jobs where id = ?
        """).param(correction).query((rs, n) -> rs.getString(1) + " " + rs.getLong(2) + " "
            + rs.getLong(3)).list());
    assertEquals(1, count("""
        select count(*) from reports r where r.import_job_id = ?
          and (select count(*) from media m where m.report_id = r.id) = 1
        """, correction), "the report and its file, from the record kept in quarantine");
  }
}
