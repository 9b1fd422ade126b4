package fr.vigie.app.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.jobs.JobSettings;
import fr.vigie.app.jobs.NotRetried;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * Junk where a file of reports should be (issue #12, items 5 to 7): every input ends with a named
 * outcome, shown on its job page in French and English and in the API's status with the reader's
 * own reason; a file that is not a file of reports is not retried; a spooled upload is removed
 * once its job ends, whatever the end, and at start-up for the jobs that ended meanwhile; a zip of
 * thousands of entries that are not reports is summarised by reason instead of quarantined entry
 * by entry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.jobs.worker-enabled=false",
        "spring.datasource.hikari.maximum-pool-size=3"})
@AutoConfigureMockMvc
@DirtiesContext
class JunkUploadsIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  MockMvc mvc;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  UserAccounts accounts;

  @Autowired
  JobQueue queue;

  @Autowired
  JobSettings settings;

  @Autowired
  List<JobHandler<?>> handlers;

  @Autowired
  ReportImport importer;

  @TempDir
  Path temp;

  String token;

  @BeforeEach
  void emptyIntake() {
    for (String table : List.of("matches", "victim_hints", "media", "ip_events",
        "reported_identifiers", "report_persons", "reports", "import_rejects",
        "import_refusals", "import_jobs")) {
      jdbc.sql("delete from " + table).update();
    }
    jdbc.sql("delete from jobs where kind = ?").param(ReportImport.JOB_KIND.name()).update();
    String username = "api.junk." + UUID.randomUUID().toString().substring(0, 8);
    accounts.createIfAbsent(new NewUser(username, "API", "un-mot-de-passe-tres-long",
        Role.ANALYST, null));
    token = accounts.issueToken(username, "test", Duration.ofHours(1));
  }

  // ------------------------------------------------------------------ helpers

  static UsernamePasswordAuthenticationToken analyst() {
    return UsernamePasswordAuthenticationToken.authenticated(
        new Caller(0, "analyste.junk", Role.ANALYST, null), null,
        List.of(new SimpleGrantedAuthority(Role.ANALYST.authority())));
  }

  /**
   * One round of the job worker over the ready imports, as JobWorker runs it: a job that
   * throws is failed (retried later, or given up at once for {@link NotRetried}).
   */
  int workerRound() throws Exception {
    JobHandler<?> handler = handlers.stream().filter(h -> h.kind().equals(ReportImport.JOB_KIND))
        .findFirst().orElseThrow();
    List<Job> batch = queue.claim(List.of(ReportImport.JOB_KIND.name()), "test", 10);
    for (Job job : batch) {
      try {
        handler.run(job);
        queue.complete(job);
      } catch (NotRetried e) {
        queue.reject(job, e.toString());
      } catch (Exception e) {
        queue.fail(job, e.toString(), settings.maxAttempts());
      }
    }
    return batch.size();
  }

  long upload(byte[] body, String contentType, String query) throws Exception {
    MvcResult result = mvc.perform(post("/api/intake/reports" + query)
            .header("Authorization", "Bearer " + token).contentType(contentType).content(body))
        .andExpect(status().isAccepted()).andReturn();
    return JSON.readTree(result.getResponse().getContentAsString()).get("importJobId").asLong();
  }

  JsonNode jobStatus(long job) throws Exception {
    return JSON.readTree(mvc.perform(get("/api/intake/jobs/" + job)
            .header("Authorization", "Bearer " + token))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
  }

  String page(long job, String lang) throws Exception {
    return mvc.perform(get("/imports/" + job + (lang == null ? "" : "?lang=" + lang))
            .with(authentication(analyst())).locale(Locale.FRENCH))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
  }

  Path spooled(long job) {
    return Path.of(jdbc.sql("select payload::jsonb ->> 'file' from jobs where dedupe_key = ?")
        .param(ReportImport.JOB_KIND.name() + ":" + job).query(String.class).single());
  }

  String spooledFileColumn(long job) {
    return (String) jdbc.sql("select spooled_file from import_jobs where id = ?").param(job)
        .query().singleRow().get("spooled_file");
  }

  Map<String, Object> queueRow(long job) {
    return jdbc.sql("select status, attempts from jobs where dedupe_key = ?")
        .param(ReportImport.JOB_KIND.name() + ":" + job).query().singleRow();
  }

  /** A PNG's first bytes and chunk header, then noise: what a picture renamed .xml holds. */
  static byte[] png() {
    byte[] b = new byte[2048];
    new Random(11).nextBytes(b);
    byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H',
        'D', 'R', 0, 0, 1, 0, 0, 0, 1, 0, 8, 2, 0, 0, 0};
    System.arraycopy(head, 0, b, 0, head.length);
    return b;
  }

  static byte[] zip(Map<String, byte[]> entries) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static byte[] fixture(String name) throws Exception {
    return Files.readAllBytes(Path.of(JunkUploadsIT.class.getResource("/intake/" + name)
        .toURI()));
  }

  // ------------------------------------------------------------------ item 5

  /** A junk body, what its job must end as, and words of the reason its reader gives. */
  record Junk(String name, byte[] body, String contentType, String query, String outcome,
      String reason) {}

  @Test
  void junkUploadsEndRefusedWithANamedOutcomeAndTheirReasonAreNotRetriedAndLeaveNoFile()
      throws Exception {
    byte[] random = new byte[4096];
    new Random(5).nextBytes(random);
    byte[] cutZip = zip(Map.of("a.xml", fixture("three-reports.xml")));
    cutZip = java.util.Arrays.copyOf(cutZip, cutZip.length - 30);
    List<Junk> junk = List.of(
        new Junk("lt", "<".getBytes(StandardCharsets.US_ASCII), "application/xml", "",
            "NOT_REPORTS", "XML not well-formed"),
        // No NUL in its first 512 bytes (seed 5): told binary by its control characters.
        new Junk("random", random, "application/xml", "?filename=octets.xml", "BINARY",
            "bytes that are not UTF-8"),
        new Junk("png", png(), "image/png", "?filename=photo.xml", "PICTURE",
            "a PNG picture"),
        new Junk("cut zip", cutZip, "application/zip", "?filename=lot.zip", "DAMAGED_ZIP",
            "lot.zip: not a readable zip"));
    for (Junk j : junk) {
      long job = upload(j.body(), j.contentType(), j.query());
      Path spooled = spooled(job);
      assertTrue(Files.exists(spooled), j.name());

      assertEquals(1, workerRound(), j.name());
      assertEquals(0, workerRound(), j.name() + ": nothing is left to retry");

      JsonNode s = jobStatus(job);
      assertEquals("REFUSED", s.get("status").asText(), j.name() + ": " + s);
      assertEquals(j.outcome(), s.get("outcome").get("code").asText(), j.name() + ": " + s);
      assertTrue(s.get("outcome").get("fr").asText().startsWith("Ce n’est pas "),
          j.name() + ": " + s);
      assertTrue(s.get("outcome").get("en").asText().startsWith("Not a "), j.name() + ": " + s);
      assertTrue(s.get("lastError").asText().contains(j.reason()), j.name() + ": " + s);
      assertFalse(s.get("lastError").asText().contains("upload-"),
          j.name() + ": the sender's name, not the spool's: " + s);
      assertEquals(Map.of("status", "DONE", "attempts", 1), queueRow(job),
          j.name() + ": run once, not retried");
      assertFalse(Files.exists(spooled), j.name() + ": the spooled file is removed");
      assertNull(spooledFileColumn(job));

      String fr = page(job, null);
      assertTrue(fr.contains("Refusé"), j.name());
      assertTrue(fr.contains("Ce n’est pas "), j.name() + ": " + fr);
      assertTrue(fr.contains(j.reason()), j.name() + ": the reader's reason is shown");
      assertFalse(fr.contains("Aucune erreur"), j.name() + ": never 'no error'");
      String en = page(job, "en");
      assertTrue(en.contains("Not a "), j.name());
      assertFalse(en.contains("No error"), j.name());
    }
  }

  @Test
  void aJobThatFailsIsNotRetriedOnTheSameBytesAndItsPageNeverSaysNoError() throws Exception {
    long job = upload(fixture("three-reports.xml"), "application/xml", "?filename=lot.xml");
    Files.delete(spooled(job));

    assertEquals(1, workerRound());
    assertEquals(0, workerRound());

    JsonNode s = jobStatus(job);
    assertEquals("FAILED", s.get("status").asText(), s.toString());
    assertEquals("MISSING", s.get("outcome").get("code").asText());
    assertEquals(Map.of("status", "FAILED", "attempts", 1), queueRow(job),
        "given up at once: the file will not come back");
    String fr = page(job, null);
    assertTrue(fr.contains("Le fichier déposé n’est plus là"), fr);
    assertFalse(fr.contains("Aucune erreur"), fr);
  }

  @Test
  void aFailureOfTheDatabaseIsRetriedWithTheFileKeptAndTheLastAttemptEndsTheJob()
      throws Exception {
    long job = upload(fixture("three-reports.xml"), "application/xml", "?filename=lot.xml");
    Path spooled = spooled(job);
    // The database refuses what the import writes first, as a broken connection would.
    jdbc.sql("alter table import_jobs rename column heartbeat_at to heartbeat_gone").update();
    try {
      assertEquals(1, workerRound());
      assertEquals(Map.of("status", "READY", "attempts", 1), queueRow(job), "to be retried");
      assertTrue(Files.exists(spooled), "kept for the next attempt");
      JsonNode waiting = jobStatus(job);
      assertEquals("QUEUED", waiting.get("status").asText(), waiting.toString());
      assertTrue(waiting.get("lastError").asText().startsWith("attempt 1 of "
          + settings.maxAttempts() + " failed"), waiting.toString());

      // The last attempt: the job ends FAILED and its file goes.
      jdbc.sql("update jobs set attempts = ?, run_after = current_timestamp where dedupe_key = ?")
          .params(settings.maxAttempts() - 1, ReportImport.JOB_KIND.name() + ":" + job).update();
      assertEquals(1, workerRound());
    } finally {
      jdbc.sql("alter table import_jobs rename column heartbeat_gone to heartbeat_at").update();
    }
    assertEquals("FAILED", queueRow(job).get("status"));
    JsonNode s = jobStatus(job);
    assertEquals("FAILED", s.get("status").asText(), s.toString());
    assertEquals("ERROR", s.get("outcome").get("code").asText());
    assertTrue(s.get("lastError").asText().startsWith("failed at its last attempt"),
        s.toString());
    assertFalse(Files.exists(spooled), "removed once the job has ended");
    assertFalse(page(job, null).contains("Aucune erreur"));
  }

  @Test
  void aFileOfReportsEndsDoneWithItsOutcomeAndNoErrorIsSaidOnlyThen() throws Exception {
    long job = upload(fixture("three-reports.xml"), "application/xml", "?filename=lot.xml");
    String queued = page(job, null);
    assertFalse(queued.contains("Aucune erreur :"), "not before it ran");
    workerRound();
    JsonNode s = jobStatus(job);
    assertEquals("DONE", s.get("status").asText());
    assertEquals("REPORTS", s.get("outcome").get("code").asText());
    assertTrue(page(job, null).contains("Aucune erreur : tout est entré."));
  }

  @Test
  void aQueuedImportIsCancelledItsFileRemovedAndTheWorkerLeavesIt() throws Exception {
    long job = upload(fixture("three-reports.xml"), "application/xml", "?filename=lot.xml");
    Path spooled = spooled(job);
    assertTrue(page(job, null).contains("id=\"cancel\""), "a queued job may be cancelled");

    mvc.perform(post("/imports/" + job + "/cancel").with(authentication(analyst()))
            .with(csrf()))
        .andExpect(status().is3xxRedirection());

    assertFalse(Files.exists(spooled), "removed at once");
    assertEquals("CANCELLED", jobStatus(job).get("status").asText());
    assertEquals(1, workerRound());
    assertEquals(0L, jdbc.sql("select count(*) from reports").query(Long.class).single());
    assertEquals("CANCELLED", jobStatus(job).get("status").asText());
    assertEquals("DONE", queueRow(job).get("status"));
    String fr = page(job, null);
    assertTrue(fr.contains("Annulé avant d’avoir commencé."), fr);
    assertFalse(fr.contains("id=\"cancel\""), "no second cancel");
    assertTrue(jdbc.sql("""
        select count(*) from audit_log where object_type = 'import_job' and object_id = ?
          and action = 'UPDATE' and detail like '%cancelled%'
        """).param(String.valueOf(job)).query(Long.class).single() == 1);
  }

  @Autowired
  fr.vigie.app.intake.internal.ImportJobs importJobs;

  @Test
  void atStartUpTheFilesOfJobsThatEndedMeanwhileAndOldOrphansAreRemoved() throws Exception {
    long ended = upload(fixture("three-reports.xml"), "application/xml", "?filename=a.xml");
    long interrupted = upload(fixture("three-reports.xml"), "application/xml",
        "?filename=b.xml");
    long waiting = upload(fixture("three-reports.xml"), "application/xml", "?filename=c.xml");
    // As another node would leave them while this one was down: one job ended, one
    // interrupted (the queue runs it again and needs its file), one still queued.
    jdbc.sql("update import_jobs set status = 'DONE', outcome = 'REPORTS' where id = ?")
        .param(ended).update();
    jdbc.sql("update import_jobs set status = 'FAILED', outcome = 'INTERRUPTED' where id = ?")
        .param(interrupted).update();
    Path spool = spooled(ended).getParent();
    Path oldOrphan = Files.writeString(spool.resolve("upload-orphan.xml"), "<cyberTips/>");
    Files.setLastModifiedTime(oldOrphan, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path newOrphan = Files.writeString(spool.resolve("upload-being-written.xml"), "<");

    importJobs.sweepAtStart();

    assertFalse(Files.exists(spooled(ended)));
    assertNull(spooledFileColumn(ended));
    assertTrue(Files.exists(spooled(interrupted)));
    assertTrue(Files.exists(spooled(waiting)));
    assertFalse(Files.exists(oldOrphan));
    assertTrue(Files.exists(newOrphan), "may be an upload still being written");
  }

  // ------------------------------------------------------------------ item 8: NULs

  @Test
  void nulCharactersInANameAReasonOrARecordEndInItsQuarantineNotInAnInternalError()
      throws Exception {
    String lines = Files.readString(Path.of("..", "docs", "examples", "reports.jsonl"));
    // PostgreSQL text holds no NUL: the reason quoting it, the record holding it and the name
    // of the file must not make the import (or the upload's audit entry) fail.
    String jsonl = lines.replace("\"ip\":\"192.0.2.7\"", "\"ip\":\"192.0.2.7\\u0000\"")
        .replace("\"jfictif90\"", "\"jfictif\\u000090\"");
    long job = upload(jsonl.getBytes(StandardCharsets.UTF_8), "application/x-ndjson",
        "?filename=lot\u0000.jsonl");
    workerRound();
    JsonNode s = jobStatus(job);
    assertEquals("DONE", s.get("status").asText(), s.toString());
    assertEquals("lot⟨U+0000⟩.jsonl", s.get("input").asText());
    assertEquals(2, s.get("counts").get("new").asInt(), s.toString());
    assertEquals(1, s.get("counts").get("rejected").asInt(), s.toString());
    String reason = s.get("errors").get(0).get("reason").asText();
    assertTrue(reason.contains("⟨U+0000⟩"), reason);
    assertFalse(reason.contains("\u0000"), reason);
    String fr = page(job, null);
    assertTrue(fr.contains("lot⟨U+0000⟩.jsonl"), fr);
    assertFalse(fr.contains("\u0000"), fr);
  }

  // ------------------------------------------------------------------ item 6

  @Test
  void aZipOfTwentyThousandEntriesThatAreNotReportsIsSummarisedNotQuarantinedOneByOne()
      throws Exception {
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    entries.put("lot/report.xml", fixture("three-reports.xml"));
    for (int i = 1; i <= 20_000; i++) {
      entries.put(String.format(Locale.ROOT, "photos/img-%05d.png", i), new byte[] {1, 2, 3});
    }
    entries.put("notes/zeros.xml", new byte[4096]);
    long job = upload(zip(entries), "application/zip", "?filename=saisie.zip");
    workerRound();

    JsonNode s = jobStatus(job);
    assertEquals("DONE", s.get("status").asText(), s.toString());
    assertEquals(3, s.get("counts").get("new").asInt());
    assertEquals(20_001, s.get("counts").get("rejected").asInt());
    assertEquals(0L, jdbc.sql("select count(*) from import_rejects where job_id = ?").param(job)
        .query(Long.class).single(), "nothing to correct, so nothing in quarantine");
    JsonNode refusals = s.get("refusals");
    assertEquals(2, refusals.size(), refusals.toString());
    JsonNode pictures = refusals.get(0);
    assertEquals(20_000, pictures.get("count").asInt());
    assertTrue(pictures.get("reason").asText().startsWith("not a report entry"),
        pictures.toString());
    assertFalse(pictures.get("reason").asText().contains("img-"), "one reason, not 20,000");
    assertEquals(List.of("saisie.zip!/photos/img-00001.png", "saisie.zip!/photos/img-00002.png",
        "saisie.zip!/photos/img-00003.png", "saisie.zip!/photos/img-00004.png",
        "saisie.zip!/photos/img-00005.png"), JSON.convertValue(pictures.get("entries"),
        List.class));
    assertEquals(19_995, pictures.get("more").asInt());
    assertEquals("the document holds only NUL bytes (zeros), not text",
        refusals.get(1).get("reason").asText());

    String fr = page(job, null);
    assertTrue(fr.contains("20 000"), fr);
    assertTrue(fr.contains("et 19 995 autres"), fr);
    assertTrue(fr.contains("saisie.zip!/photos/img-00001.png"), fr);
    assertTrue(fr.contains("Refus résumés"), fr);
    assertTrue(fr.contains("au lieu d’une ligne de quarantaine chacun"), "the page says so");
    assertTrue(page(job, "en").contains("and 19 995 more"));
  }

  @Test
  void aZipOfNothingButPicturesIsRefusedAsHavingNoReportEntry() throws Exception {
    Path zip = temp.resolve("photos.zip");
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    for (int i = 1; i <= 50; i++) {
      entries.put("img-" + i + ".jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    }
    Files.write(zip, zip(entries));
    ImportSummary s = importer.importFile(zip, "test:analyste", false, new LongAdder());
    assertEquals(InputOutcome.NO_REPORT_ENTRY, s.outcome());
    assertEquals(50, s.rejected());
    Map<String, Object> row = jdbc.sql("""
        select status, outcome, last_error from import_jobs where id = ?
        """).param(s.jobId()).query().singleRow();
    assertEquals("REFUSED", row.get("status"));
    assertEquals("photos.zip!/img-1.jpg: not a report entry (.xml, .jsonl, .ndjson, .csv), "
        + "skipped (50 entries)", row.get("last_error"));
  }

  // ------------------------------------------------------------------ item 7

  @Test
  void aZipOfTenMegabytesOfZerosIsRefusedWithTheReadersRealReason() throws Exception {
    long job = upload(zip(Map.of("zeros.xml", new byte[10 << 20])), "application/zip",
        "?filename=zeros.zip");
    workerRound();
    JsonNode s = jobStatus(job);
    assertEquals("REFUSED", s.get("status").asText(), s.toString());
    String reason = "zeros.zip!/zeros.xml: the document holds only NUL bytes (zeros), not text";
    assertEquals(reason, s.get("lastError").asText());
    assertFalse(s.toString().contains("UTF-16"), s.toString());
    String fr = page(job, null);
    assertTrue(fr.contains(reason), fr);
    assertFalse(fr.contains("UTF-16"), fr);
  }

  @Test
  void theImportsPageShowsRefusedAndCancelledJobsByName() throws Exception {
    long refused = upload("<".getBytes(StandardCharsets.US_ASCII), "application/xml", "");
    workerRound();
    long cancelled = upload(fixture("three-reports.xml"), "application/xml", "");
    mvc.perform(post("/imports/" + cancelled + "/cancel").with(authentication(analyst()))
            .with(csrf()))
        .andExpect(status().is3xxRedirection());
    String list = mvc.perform(get("/imports").with(authentication(analyst())))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(list.contains("status-REFUSED") && list.contains(">Refusé<"), list);
    assertTrue(list.contains("status-CANCELLED") && list.contains(">Annulé<"), list);
    assertNotNull(refused);
  }

  @Test
  void theImportsPageSendsJunkToTheSameEnd() throws Exception {
    MvcResult sent = mvc.perform(multipart("/imports")
            .file(new MockMultipartFile("file", "photo.xml", "text/xml", png()))
            .with(authentication(analyst())).with(csrf()))
        .andExpect(status().is3xxRedirection()).andReturn();
    long job = Long.parseLong(sent.getResponse().getRedirectedUrl()
        .substring("/imports/".length()));
    workerRound();
    assertEquals("REFUSED", jobStatus(job).get("status").asText());
    String fr = page(job, null);
    assertTrue(fr.contains("c’est une image"), fr);
    assertTrue(fr.contains("a PNG picture: the document holds NUL bytes"), fr);
  }
}
