package fr.vigie.app.audit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.Totp;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.formats.csv.CsvReader;
import fr.vigie.formats.csv.CsvRow;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The audit log seen from the web: sign-ins put on the record, and the viewer and export that
 * auditors and administrators use. Run once per database by the subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@Import(SettableClock.Config.class)
class AuditWebIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  static final String PASSWORD = "un-mot-de-passe-de-test";

  @Autowired
  MockMvc mvc;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  AuditLog audit;

  @Autowired
  UserAccounts accounts;

  @Autowired
  SettableClock clock;

  /** One stored entry, as the tests look at it. */
  record Stored(long id, String actor, String role, String action, String objectType,
      String address, String outcome, String detail, String reason) {}

  @AfterEach
  void realTimeAgain() {
    clock.reset();
  }

  private Stored last() {
    return jdbc.sql("select * from audit_log order by id desc limit 1")
        .query((rs, n) -> new Stored(rs.getLong("id"), rs.getString("actor"),
            rs.getString("actor_role"), rs.getString("action"), rs.getString("object_type"),
            rs.getString("client_address"), rs.getString("outcome"), rs.getString("detail"),
            rs.getString("reason")))
        .single();
  }

  private Stored entry(long id) {
    return jdbc.sql("select * from audit_log where id = ?").param(id)
        .query((rs, n) -> new Stored(rs.getLong("id"), rs.getString("actor"),
            rs.getString("actor_role"), rs.getString("action"), rs.getString("object_type"),
            rs.getString("client_address"), rs.getString("outcome"), rs.getString("detail"),
            rs.getString("reason")))
        .single();
  }

  private long count() {
    return audit.count();
  }

  /** The TOTP secret every account made by these tests is enrolled with. */
  static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  private String newAccount(Role role) {
    String username = "u" + UUID.randomUUID().toString().substring(0, 8);
    accounts.createIfAbsent(new NewUser(username, "Test " + role, PASSWORD, role, null), SECRET);
    return username;
  }

  /** Signs in with the password and a TOTP code from the given address; returns the session. */
  private MockHttpSession signIn(String username, String address) throws Exception {
    MockHttpSession session = (MockHttpSession) mvc.perform(post("/login").with(csrf())
            .with(from(address)).param("username", username).param("password", PASSWORD))
        .andExpect(redirectedUrl("/login/totp")).andReturn().getRequest().getSession(false);
    String code = Totp.code(SECRET, Totp.step(clock.instant()));
    return (MockHttpSession) mvc.perform(post("/login/totp").session(session).with(csrf())
            .with(from(address)).param("code", code))
        .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession(false);
  }

  private static RequestPostProcessor from(String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }

  private static RequestPostProcessor as(Role role) {
    return user("controle." + role.name().toLowerCase()).roles(role.name());
  }

  // ------------------------------------------------------------------ sign-in auditing

  @Test
  void recordsBothStepsOfASignInWithTheRoleAndTheClientAddress() throws Exception {
    String auditor = newAccount(Role.AUDITOR);
    long before = count();
    signIn(auditor, "192.0.2.7");
    assertEquals(before + 2, count(), "password step, then second factor");
    assertEquals(new Stored(last().id() - 1, auditor, "AUDITOR", "SIGN_IN", null, "192.0.2.7",
        "PENDING", "password accepted; second factor pending", null), entry(last().id() - 1));
    assertEquals(new Stored(last().id(), auditor, "AUDITOR", "SIGN_IN", null, "192.0.2.7",
        "SUCCESS", "TOTP", null), last());
  }

  @Test
  void recordsAWrongPasswordOnceWithTheUsernameAndReasonButNeverThePassword() throws Exception {
    String analyst = newAccount(Role.ANALYST);
    long before = count();
    mvc.perform(post("/login").with(csrf()).with(from("198.51.100.23"))
            .param("username", analyst).param("password", "mauvais-secret-1234"))
        .andExpect(redirectedUrl("/login?error"));
    assertEquals(before + 1, count(), "one entry per failed attempt");
    assertEquals(new Stored(last().id(), analyst, "ANALYST", "SIGN_IN_FAILED", null,
        "198.51.100.23", "FAILURE", "PASSWORD: wrong password", null), last());
    assertEquals(0, jdbc.sql("""
            select count(*) from audit_log
            where actor like '%mauvais-secret%' or detail like '%mauvais-secret%'
              or reason like '%mauvais-secret%' or object_id like '%mauvais-secret%'
            """).query(Long.class).single(), "the password typed is nowhere in the log");
  }

  @Test
  void recordsAWrongSecondFactorCode() throws Exception {
    String supervisor = newAccount(Role.SUPERVISOR);
    MockHttpSession session = (MockHttpSession) mvc.perform(post("/login").with(csrf())
            .with(from("203.0.113.5")).param("username", supervisor).param("password", PASSWORD))
        .andReturn().getRequest().getSession(false);
    String right = Totp.code(SECRET, Totp.step(clock.instant()));
    String wrong = right.equals("123456") ? "654321" : "123456";
    mvc.perform(post("/login/totp").session(session).with(csrf()).with(from("203.0.113.5"))
        .param("code", wrong)).andExpect(redirectedUrl("/login/totp?error"));
    assertEquals(new Stored(last().id(), supervisor, "SUPERVISOR", "SIGN_IN_FAILED", null,
        "203.0.113.5", "FAILURE", "TOTP: wrong code", null), last());
  }

  @Test
  void recordsAnUnknownUsernameAndADisabledAccount() throws Exception {
    mvc.perform(post("/login").with(csrf()).param("username", "personne.inconnue")
        .param("password", PASSWORD)).andExpect(redirectedUrl("/login?error"));
    assertEquals("personne.inconnue", last().actor());
    assertEquals("SIGN_IN_FAILED", last().action());
    assertEquals("PASSWORD: unknown account", last().detail());

    String disabled = newAccount(Role.SUPERVISOR);
    jdbc.sql("update users set enabled = false where username = ?").param(disabled).update();
    mvc.perform(post("/login").with(csrf()).param("username", disabled)
        .param("password", PASSWORD)).andExpect(redirectedUrl("/login?error"));
    assertEquals(disabled, last().actor());
    assertEquals("PASSWORD: account disabled", last().detail());
  }

  @Test
  void recordsAnOverlongUsernameCutToTheColumnInsteadOfFailing() throws Exception {
    String typed = "x".repeat(5000);
    mvc.perform(post("/login").with(csrf()).param("username", typed).param("password", "p"))
        .andExpect(redirectedUrl("/login?error"));
    assertEquals("x".repeat(64), last().actor());
  }

  @Test
  void recordsALockOut() throws Exception {
    String investigator = newAccount(Role.ANALYST);
    for (int i = 0; i < 5; i++) {
      mvc.perform(post("/login").with(csrf()).with(from("198.51.100.99"))
          .param("username", investigator).param("password", "faux-" + i));
    }
    assertEquals("ACCOUNT_LOCKED", last().action());
    assertEquals("DENIED", last().outcome());
    assertTrue(last().detail().startsWith("PASSWORD: wrong password; account locked for"),
        last().detail());
  }

  @Test
  void recordsASignOut() throws Exception {
    String admin = newAccount(Role.ADMIN);
    MockHttpSession session = signIn(admin, "203.0.113.40");
    mvc.perform(post("/logout").with(csrf()).with(from("203.0.113.40")).session(session))
        .andExpect(redirectedUrl("/login?logout"));
    assertEquals(new Stored(last().id(), admin, "ADMIN", "SIGN_OUT", null, "203.0.113.40",
        "SUCCESS", null, null), last());
  }

  // ------------------------------------------------------------------ viewer

  @Test
  void opensTheViewerToAuditorsAndAdministratorsOnly() throws Exception {
    mvc.perform(get("/audit").with(as(Role.AUDITOR))).andExpect(status().isOk())
        .andExpect(content().string(containsString("Journal d’audit")));
    mvc.perform(get("/audit").with(as(Role.ADMIN))).andExpect(status().isOk());
    mvc.perform(get("/audit/export.csv").with(as(Role.AUDITOR))).andExpect(status().isOk());
    mvc.perform(get("/audit/export.csv").with(as(Role.ADMIN))).andExpect(status().isOk());
    for (Role refused : List.of(Role.ANALYST, Role.INVESTIGATOR, Role.SUPERVISOR)) {
      mvc.perform(get("/audit").with(as(refused))).andExpect(status().isForbidden());
      mvc.perform(get("/audit/export.csv").with(as(refused))).andExpect(status().isForbidden());
    }
    mvc.perform(get("/audit")).andExpect(redirectedUrl("/login"));
  }

  @Test
  void recordsEachViewingWithItsFilters() throws Exception {
    mvc.perform(get("/audit").with(as(Role.AUDITOR)).with(from("192.0.2.99"))
        .param("user", "analyste").param("action", "EXPORT")).andExpect(status().isOk());
    Stored viewing = last();
    assertEquals(new Stored(viewing.id(), "controle.auditor", "AUDITOR", "READ", "audit",
        "192.0.2.99", "SUCCESS", "user=analyste; action=EXPORT", null), viewing);
  }

  private AuditEntry recordAt(String instant, AuditEvent event) {
    clock.set(Instant.parse(instant));
    try {
      return audit.record(event);
    } finally {
      clock.reset();
    }
  }

  private static String row(AuditEntry entry) {
    return "id=\"entry-" + entry.id() + "\"";
  }

  @Test
  void filtersByUserObjectAndAction() throws Exception {
    String who = "filtre" + UUID.randomUUID().toString().substring(0, 6);
    AuditEntry read = audit.record(AuditEvent.of(who, "ANALYST", AuditAction.READ, "suspect",
        4711, 2L, "192.0.2.1"));
    AuditEntry update = audit.record(AuditEvent.of(who, "ANALYST", AuditAction.UPDATE, "case",
        4711, 2L, "192.0.2.1"));
    AuditEntry other = audit.record(AuditEvent.of("quelquun." + who, "ANALYST", AuditAction.READ,
        "suspect", 4711, 2L, "192.0.2.1"));
    mvc.perform(get("/audit").with(as(Role.AUDITOR)).param("user", who))
        .andExpect(content().string(containsString(row(read))))
        .andExpect(content().string(containsString(row(update))))
        .andExpect(content().string(not(containsString(row(other)))));
    mvc.perform(get("/audit").with(as(Role.AUDITOR)).param("objectType", "suspect")
            .param("objectId", "4711"))
        .andExpect(content().string(containsString(row(read))))
        .andExpect(content().string(containsString(row(other))))
        .andExpect(content().string(not(containsString(row(update)))));
    mvc.perform(get("/audit").with(as(Role.AUDITOR)).param("user", who).param("action", "UPDATE"))
        .andExpect(content().string(containsString(row(update))))
        .andExpect(content().string(not(containsString(row(read)))));
  }

  @Test
  void takesAndShowsTimesInParisAcrossTheAutumnChange() throws Exception {
    String who = "heure" + UUID.randomUUID().toString().substring(0, 6);
    // 2026-10-25: 02:30 happens twice in Paris, first in summer time (+02:00), then in winter.
    AuditEntry summer = recordAt("2026-10-25T00:30:00Z",
        AuditEvent.of(who, "ANALYST", AuditAction.READ, "suspect", 1, null, null));
    AuditEntry winter = recordAt("2026-10-25T01:30:00Z",
        AuditEvent.of(who, "ANALYST", AuditAction.READ, "suspect", 2, null, null));
    AuditEntry later = recordAt("2026-10-25T02:30:00Z",
        AuditEvent.of(who, "ANALYST", AuditAction.READ, "suspect", 3, null, null));
    AuditEntry dayBefore = recordAt("2026-10-24T12:00:00Z",
        AuditEvent.of(who, "ANALYST", AuditAction.READ, "suspect", 4, null, null));
    mvc.perform(get("/audit").with(as(Role.AUDITOR)).param("user", who)
            .param("from", "2026-10-25T02:30").param("to", "2026-10-25T02:30"))
        .andExpect(content().string(containsString(row(summer))))
        .andExpect(content().string(containsString(row(winter))))
        .andExpect(content().string(not(containsString(row(later)))))
        .andExpect(content().string(not(containsString(row(dayBefore)))))
        .andExpect(content().string(containsString("2026-10-25 02:30:00 +02:00")))
        .andExpect(content().string(containsString("2026-10-25 02:30:00 +01:00")));
    mvc.perform(get("/audit").with(as(Role.AUDITOR)).param("user", who).param("to", "2026-10-24"))
        .andExpect(content().string(containsString(row(dayBefore))))
        .andExpect(content().string(containsString("2026-10-24 14:00:00 +02:00")))
        .andExpect(content().string(not(containsString(row(summer)))));
  }

  @Test
  void saysSoWhenADateDoesNotParse() throws Exception {
    mvc.perform(get("/audit").with(as(Role.AUDITOR)).param("from", "hier"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("La date de début n’est pas une date valide")))
        .andExpect(content().string(containsString("value=\"hier\"")));
    mvc.perform(get("/audit/export.csv").with(as(Role.AUDITOR)).param("to", "demain"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void pagesNewestFirstWithALinkToOlderEntries() throws Exception {
    String who = "page" + UUID.randomUUID().toString().substring(0, 6);
    for (int i = 0; i < 53; i++) {
      audit.record(AuditEvent.of(who, "ANALYST", AuditAction.READ, "report", i, null, null));
    }
    String first = mvc.perform(get("/audit").with(as(Role.AUDITOR)).param("user", who))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    List<Long> firstIds = rowIds(first);
    assertEquals(50, firstIds.size());
    assertTrue(firstIds.getFirst() > firstIds.getLast(), "newest first");
    Matcher older = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"").matcher(first);
    assertTrue(older.find(), first);
    String link = older.group(1).replace("&amp;", "&");
    String second = mvc.perform(get(java.net.URI.create(link)).with(as(Role.AUDITOR)))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    List<Long> secondIds = rowIds(second);
    assertEquals(3, secondIds.size());
    assertTrue(secondIds.getFirst() < firstIds.getLast());
    assertFalse(second.contains("rel=\"next\""));
  }

  private static List<Long> rowIds(String html) {
    return Pattern.compile("id=\"entry-(\\d+)\"").matcher(html).results()
        .map(m -> Long.parseLong(m.group(1))).toList();
  }

  @Test
  void showsMarkupFromAnAuditedFieldAsText() throws Exception {
    AuditEntry hostile = audit.record(AuditEvent.of("<script>alert(1)</script>", "ANALYST",
            AuditAction.READ, "suspect", "<img src=x onerror=alert(2)>", null, null)
        .withDetail("<script>alert('detail')</script>"));
    mvc.perform(get("/audit").with(as(Role.AUDITOR)))
        .andExpect(content().string(containsString(row(hostile))))
        .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
        .andExpect(content().string(not(containsString("<script>alert"))))
        .andExpect(content().string(not(containsString("<img src=x"))));
  }

  @Test
  void showsAndExportsHiddenCharactersOfAuditedFieldsVisibly() throws Exception {
    String who = "bidi" + UUID.randomUUID().toString().substring(0, 6);
    // What an upload named so leaves on the record; a NUL cannot be stored as such.
    AuditEntry entry = audit.record(AuditEvent.of(who, "ANALYST", AuditAction.CREATE,
            "import_job", "lot\u202Elmx.exe", null, null)
        .withDetail("queued through the API: invoice\u202Egnp.exe\u0000, 12 bytes, XML")
        .withReason("vu\u200F\u2066"));
    String page = mvc.perform(get("/audit").with(as(Role.AUDITOR)).param("user", who))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(page.contains(row(entry)), page);
    assertTrue(page.contains("queued through the API: invoice⟨U+202E⟩gnp.exe⟨U+0000⟩"), page);
    assertTrue(page.contains("lot⟨U+202E⟩lmx.exe"), page);
    assertTrue(page.contains("vu⟨U+200F⟩⟨U+2066⟩"), page);
    String csv = mvc.perform(get("/audit/export.csv").with(as(Role.AUDITOR)).param("user", who))
        .andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    List<String> exported = exportRows(csv).get(1);
    assertEquals("lot⟨U+202E⟩lmx.exe", exported.get(7));
    assertEquals("queued through the API: invoice⟨U+202E⟩gnp.exe⟨U+0000⟩, 12 bytes, XML",
        exported.get(11));
    assertEquals("vu⟨U+200F⟩⟨U+2066⟩", exported.get(12));
    for (char c : new char[] {'\u202E', '\u200F', '\u2066', '\u0000'}) {
      assertTrue(page.indexOf(c) < 0 && csv.indexOf(c) < 0, "U+" + Integer.toHexString(c));
    }
  }

  @Test
  void speaksEnglishWhenAsked() throws Exception {
    mvc.perform(get("/audit").with(as(Role.AUDITOR)).param("lang", "en"))
        .andExpect(content().string(containsString("Audit log")))
        .andExpect(content().string(containsString("Paris time")));
  }

  // ------------------------------------------------------------------ export

  private List<List<String>> exportRows(String body) throws Exception {
    assertTrue(body.startsWith("\uFEFF"), "UTF-8 byte order mark first");
    try (CsvReader csv = new CsvReader(new StringReader(body))) {
      return csv.stream().map(r -> ((CsvRow.Fields) r).values()).toList();
    }
  }

  @Test
  void exportsTheFilteredEntriesAsUtf8CsvWithFormulasNeutralised() throws Exception {
    String who = "export" + UUID.randomUUID().toString().substring(0, 6);
    AuditEntry formula = audit.record(AuditEvent.of(who, "ANALYST", AuditAction.READ,
        "suspect", "=cmd|' /C calc'!A0", null, "192.0.2.5").withDetail("Réquisition émise"));
    audit.record(AuditEvent.of("autre." + who, "ANALYST", AuditAction.READ, "suspect", 1, null,
        null));
    var response = mvc.perform(get("/audit/export.csv").with(as(Role.AUDITOR))
            .param("user", who))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
        .andExpect(header().string("Content-Disposition", containsString("attachment")))
        .andReturn().getResponse();
    List<List<String>> rows = exportRows(response.getContentAsString(StandardCharsets.UTF_8));
    assertEquals(List.of("id", "occurred_at_utc", "occurred_at_paris", "actor", "actor_role",
        "action", "object_type", "object_id", "scope_unit_id", "client_address", "outcome",
        "detail", "reason", "prev_sha256", "entry_sha256"), rows.getFirst());
    assertEquals(2, rows.size(), "the header and the one entry of that user: " + rows);
    List<String> entry = rows.get(1);
    assertEquals(Long.toString(formula.id()), entry.get(0));
    assertEquals("'=cmd|' /C calc'!A0", entry.get(7));
    assertEquals("Réquisition émise", entry.get(11));
    assertEquals(formula.entrySha256(), entry.get(14));
    assertFalse(response.getContentAsString(StandardCharsets.UTF_8).contains(",=cmd"));
  }

  @Autowired
  AuditCheckpoints checkpoints;

  private List<Checkpoint> exportCheckpoints() throws Exception {
    List<Checkpoint> lines = new java.util.ArrayList<>();
    if (java.nio.file.Files.exists(checkpoints.file())) {
      for (String line : java.nio.file.Files.readAllLines(checkpoints.file())) {
        lines.add(Checkpoint.parse(line));
      }
    }
    return lines.stream().filter(c -> c.reason().equals("export")).toList();
  }

  @Test
  void eachExportSignsACheckpointOfItsOwnEntry() throws Exception {
    int before = exportCheckpoints().size();
    for (int n = 1; n <= 2; n++) {
      mvc.perform(get("/audit/export.csv").with(as(Role.AUDITOR)).param("objectType", "suspect"))
          .andExpect(status().isOk());
      Stored export = last();
      assertEquals("EXPORT", export.action());
      List<Checkpoint> ofExports = exportCheckpoints();
      assertEquals(before + n, ofExports.size(), "one per export: " + ofExports);
      Checkpoint mine = ofExports.getLast();
      assertEquals(export.id(), mine.position());
      assertEquals(jdbc.sql("select entry_sha256 from audit_log where id = ?").param(export.id())
          .query(String.class).single(), mine.sha256());
    }
    AuditVerification v = audit.verify(checkpoints.localPublicKeys());
    assertTrue(v.passed(), v.toString());
  }

  @Test
  void recordsTheExportWithItsFilters() throws Exception {
    mvc.perform(get("/audit/export.csv").with(as(Role.ADMIN)).with(from("192.0.2.77"))
        .param("objectType", "suspect").param("from", "2026-01-01"))
        .andExpect(status().isOk());
    Stored export = last();
    assertEquals("EXPORT", export.action());
    assertEquals("controle.admin", export.actor());
    assertEquals("ADMIN", export.role());
    assertEquals("192.0.2.77", export.address());
    // 2026-01-01 00:00 in Paris is 23:00 UTC the day before.
    assertEquals("objectType=suspect; from=2025-12-31T23:00:00Z", export.detail());
    assertNull(export.reason());
  }
}
