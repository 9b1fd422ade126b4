package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.support.TestClock;
import fr.vigie.app.support.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.test.web.servlet.MvcResult;

/**
 * {@code vigie user …} as an administrator runs it: the real command line, which starts its own
 * Spring on the embedded database of a home folder, while this test's application holds the same
 * database open to check the accounts, the audit entries and signing in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@Import(TestClock.Config.class)
class UserCommandIT {

  static Path home;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MockMvc mvc;

  @Autowired
  UserAccounts accounts;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useEmbeddedHome(registry);
  }

  /** Runs {@code vigie ARGS --home HOME} with {@code stdin} as standard input. */
  private static CliRun.Result vigie(String stdin, String... args) {
    return CliRun.vigieWithInput(home, stdin, args);
  }

  private static String aUsername(String prefix) {
    return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
  }

  private List<Map<String, Object>> auditEntriesAbout(String username) {
    return jdbc.sql("""
        select actor, actor_role, action, object_type, object_id, scope_unit_id, outcome, detail
        from audit_log where object_type = 'user' and object_id = ? order by id
        """).param(username).query().listOfRows();
  }

  private MvcResult password(String username, String password) throws Exception {
    return mvc.perform(post("/login").with(csrf()).with(request -> {
      request.setRemoteAddr("198.51.100.77");
      return request;
    }).param("username", username).param("password", password)).andReturn();
  }

  @Test
  void addsAnInvestigatorOnTheRecordWhoThenSignsInWithThePasswordAndEnrols() throws Exception {
    String username = aUsername("enqueteur");
    String pass = "un-mot-de-passe-solide-2026";
    CliRun.Result run = vigie(pass + "\n", "user", "add", username, "--role", "investigator",
        "--unit", "OFMIN-LYON", "--name", "Camille Exemple", "--password-stdin");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("created " + username + " (INVESTIGATOR, OFMIN-LYON)"),
        run.out());

    Map<String, Object> row = jdbc.sql("""
        select u.display_name, u.role, un.code, u.enabled, u.totp_secret_sealed, u.password_hash
        from users u join units un on un.id = u.unit_id where u.username = ?
        """).param(username).query().singleRow();
    assertEquals("Camille Exemple", row.get("display_name"));
    assertEquals("INVESTIGATOR", row.get("role"));
    assertEquals("OFMIN-LYON", row.get("code"));
    assertEquals(true, row.get("enabled"));
    assertEquals(null, row.get("totp_secret_sealed"));
    assertFalse(row.get("password_hash").toString().contains(pass));

    long lyon = jdbc.sql("select id from units where code = 'OFMIN-LYON'").query(Long.class)
        .single();
    List<Map<String, Object>> entries = auditEntriesAbout(username);
    assertEquals(1, entries.size(), entries.toString());
    Map<String, Object> entry = entries.getFirst();
    assertEquals("cli:" + System.getProperty("user.name"), entry.get("actor"));
    assertEquals("CREATE", entry.get("action"));
    assertEquals("SUCCESS", entry.get("outcome"));
    assertEquals(lyon, ((Number) entry.get("scope_unit_id")).longValue());
    assertEquals("account created: role INVESTIGATOR, unit OFMIN-LYON", entry.get("detail"));

    MockHttpSession session = (MockHttpSession) password(username, pass)
        .getRequest().getSession(false);
    assertEquals("/login/totp", password(username, pass).getResponse().getRedirectedUrl());
    mvc.perform(get("/login/totp").session(session)).andExpect(redirectedUrl("/login/enrol"));
    mvc.perform(get("/login/enrol").session(session)).andExpect(status().isOk());
  }

  @Test
  void refusesADuplicateUsernameAndChangesNothing() {
    String username = aUsername("doublon");
    assertEquals(0, vigie("premier-mot-de-passe\n", "user", "add", username, "--role", "ANALYST",
        "--password-stdin").exitCode());
    String hashBefore = jdbc.sql("select password_hash from users where username = ?")
        .param(username).query(String.class).single();

    CliRun.Result second = vigie("second-mot-de-passe\n", "user", "add", username, "--role", "ADMIN",
        "--password-stdin");
    assertEquals(new CliRun.Result(1, "", "vigie: user " + username + " exists already: nothing was "
        + "changed"), second);
    assertEquals(hashBefore, jdbc.sql("select password_hash from users where username = ?")
        .param(username).query(String.class).single());
    assertEquals("ANALYST", jdbc.sql("select role from users where username = ?")
        .param(username).query(String.class).single());
    assertEquals(1, auditEntriesAbout(username).size());
  }

  @Test
  void refusesAnUnknownUnitNamingItAndTheUnitsThatExist() {
    String username = aUsername("sansunite");
    CliRun.Result run = vigie("un-mot-de-passe-solide\n", "user", "add", username, "--role", "SUPERVISOR",
        "--unit", "OFMIN-NULLEPART", "--password-stdin");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("vigie: unknown unit: OFMIN-NULLEPART; the units are "),
        run.err());
    assertTrue(run.err().contains("OFMIN-LYON"), run.err());
    assertEquals(0L, jdbc.sql("select count(*) from users where username = ?").param(username)
        .query(Long.class).single());
    assertEquals(List.of(), auditEntriesAbout(username));
  }

  @Test
  void refusesBadInputBeforeTouchingTheDatabase() {
    CliRun.Result noUnit = vigie("un-mot-de-passe-solide\n", "user", "add", "enq.sans.unite", "--role",
        "INVESTIGATOR", "--password-stdin");
    assertEquals(new CliRun.Result(1, "", "vigie: an investigator belongs to a unit: give it with --unit "
        + "CODE"), noUnit);

    CliRun.Result shortPassword = vigie("trop-court\n", "user", "add", "court", "--role", "ANALYST",
        "--password-stdin");
    assertEquals(new CliRun.Result(1, "", "vigie: the password has 10 characters; at least 12 are "
        + "required"), shortPassword);

    CliRun.Result badUsername = vigie("un-mot-de-passe-solide\n", "user", "add", "Pas Bon", "--role",
        "ANALYST", "--password-stdin");
    assertEquals(1, badUsername.exitCode());
    assertTrue(badUsername.err().contains("username must be 2-64 characters"), badUsername.err());

    CliRun.Result unknownRole = vigie("", "user", "add", "quelquun", "--role", "CHEF");
    assertEquals(2, unknownRole.exitCode());
    assertTrue(unknownRole.err().contains("unknown role 'CHEF'; the roles are ADMIN, ANALYST, "
        + "SUPERVISOR, INVESTIGATOR, AUDITOR, SENSOR"), unknownRole.err());

    CliRun.Result noRole = vigie("", "user", "add", "quelquun");
    assertEquals(2, noRole.exitCode());
    assertTrue(noRole.err().contains("--role"), noRole.err());
  }

  @Test
  void listsTheAccountsWithTheirStateAndNoSecret() {
    String username = aUsername("liste");
    accounts.createIfAbsent(new NewUser(username, "Dominique Liste", "un-mot-de-passe-liste",
        Role.AUDITOR, null), "JBSWY3DPEHPK3PXP");
    CliRun.Result run = vigie("", "user", "list");
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.getFirst().startsWith("USERNAME"), run.out());
    String line = lines.stream().filter(l -> l.startsWith(username + " ")).findFirst()
        .orElseThrow(() -> new AssertionError(username + " not in\n" + run.out()));
    assertEquals(List.of(username, "Dominique", "Liste", "AUDITOR", "-", "yes", "enrolled", "-",
        "never"), List.of(line.trim().split("\\s+")));
    assertFalse(run.out().contains("JBSWY3DPEHPK3PXP"));
    assertFalse(run.out().contains("argon2"));
  }

  @Test
  void disablesAndEnablesOnTheRecordAndADisabledAccountCannotSignIn() throws Exception {
    String username = aUsername("pause");
    String pass = "un-mot-de-passe-pause";
    accounts.createIfAbsent(new NewUser(username, "Pause", pass, Role.ANALYST, null));

    assertEquals(new CliRun.Result(0, username + " disabled", ""), vigie("", "user", "disable", username));
    assertEquals("/login?error", password(username, pass).getResponse().getRedirectedUrl());
    assertEquals(new CliRun.Result(0, username + " enabled", ""), vigie("", "user", "enable", username));
    assertEquals("/login/totp", password(username, pass).getResponse().getRedirectedUrl());

    assertEquals(List.of("account disabled", "account enabled"), auditEntriesAbout(username)
        .stream().map(e -> e.get("detail")).toList());
    assertEquals(List.of("UPDATE", "UPDATE"), auditEntriesAbout(username)
        .stream().map(e -> e.get("action")).toList());
  }

  @Test
  void refusesToChangeAnAccountThatDoesNotExist() {
    CliRun.Result run = vigie("", "user", "disable", "personne.inconnue");
    assertEquals(new CliRun.Result(1, "", "vigie: no such user: personne.inconnue (vigie user list shows "
        + "the accounts)"), run);
    assertEquals(List.of(), auditEntriesAbout("personne.inconnue"));
  }

  @Test
  void resetsTheSecondFactorSoThePersonEnrolsAgain() throws Exception {
    String username = aUsername("telephone");
    String pass = "un-mot-de-passe-perdu";
    accounts.createIfAbsent(new NewUser(username, "Téléphone Perdu", pass, Role.SUPERVISOR,
        null), "JBSWY3DPEHPK3PXP");
    MockHttpSession before = (MockHttpSession) password(username, pass).getRequest()
        .getSession(false);
    mvc.perform(get("/login/totp").session(before)).andExpect(status().isOk());

    CliRun.Result run = vigie("", "user", "reset-totp", username);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(1L, jdbc.sql("""
        select count(*) from users where username = ? and totp_secret_sealed is null
          and totp_enrolled_at is null
        """).param(username).query(Long.class).single());
    MockHttpSession after = (MockHttpSession) password(username, pass).getRequest()
        .getSession(false);
    mvc.perform(get("/login/totp").session(after)).andExpect(redirectedUrl("/login/enrol"));
    assertEquals(List.of("second factor reset: enrols again at next sign-in"),
        auditEntriesAbout(username).stream().map(e -> e.get("detail")).toList());
  }

  @Test
  void issuesAnApiTokenOnceForASensorOnlyAndItOpensTheApi() throws Exception {
    String sensor = aUsername("capteur");
    assertEquals(0, vigie("mot-de-passe-du-capteur\n", "user", "add", sensor, "--role", "SENSOR",
        "--password-stdin").exitCode());
    CliRun.Result run = vigie("", "user", "token", sensor, "--label", "sonde-lyon", "--days", "30");
    assertEquals(0, run.exitCode(), run.err());
    String token = run.out();
    assertTrue(token.startsWith("vigie_"), token);
    assertTrue(run.err().contains("It is shown once"), run.err());
    mvc.perform(get("/api/me").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk()).andExpect(jsonPath("$.username").value(sensor));
    assertEquals(1L, jdbc.sql("""
        select count(*) from api_tokens t join users u on u.id = t.user_id
        where u.username = ? and t.label = 'sonde-lyon' and t.token_sha256 <> ?
        """).params(sensor, token).query(Long.class).single());
    Map<String, Object> issued = auditEntriesAbout(sensor).getLast();
    assertEquals("ADMIN", issued.get("action"));
    assertEquals("API token issued: label sonde-lyon, valid 30 days", issued.get("detail"));

    String person = aUsername("humain");
    accounts.createIfAbsent(new NewUser(person, "Humain", "un-mot-de-passe-humain", Role.AUDITOR,
        null));
    assertEquals(new CliRun.Result(1, "", "vigie: API tokens are for SENSOR accounts and roles "
        + "that may import reports; " + person + " is AUDITOR"),
        vigie("", "user", "token", person));
    assertEquals(2, vigie("", "user", "token", sensor, "--days", "0").exitCode());
  }
}
