package fr.vigie.app.security;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.support.TestClock;
import fr.vigie.app.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * TOTP secrets at rest: sealed with the secrets key (AES-256-GCM, the account's id as associated
 * data) kept outside the database, so that neither a table nor a dump holds one that works.
 */
@Import(TestClock.Config.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class SecretsAtRestIT {

  static Path home;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  MockMvc mvc;

  @Autowired
  TestClock clock;

  @Autowired
  UserAccounts accounts;

  @Autowired
  JdbcClient jdbc;

  /** An account that has just enrolled through the pages: its secret and recovery codes. */
  record Enrolled(String username, String password, String secret, List<String> recoveryCodes) {}

  private Enrolled enrolNewAccount() throws Exception {
    String username = "secret." + UUID.randomUUID().toString().substring(0, 8);
    String pass = "un-mot-de-passe-assez-long";
    accounts.createIfAbsent(new NewUser(username, "Agent Secret", pass, Role.ANALYST, null));
    MockHttpSession session = passwordStep(username, pass);
    String page = mvc.perform(get("/login/enrol").session(session)).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    Matcher shown = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<").matcher(page);
    assertTrue(shown.find(), page);
    String secret = shown.group(1).replace(" ", "");
    MvcResult enrolled = mvc.perform(post("/login/enrol").session(session).with(csrf())
            .param("code", freshCode(secret)))
        .andExpect(redirectedUrl("/login/recovery-codes")).andReturn();
    @SuppressWarnings("unchecked")
    List<String> codes = (List<String>) enrolled.getFlashMap().get("recoveryCodes");
    return new Enrolled(username, pass, secret, codes);
  }

  private MockHttpSession passwordStep(String username, String pass) throws Exception {
    return (MockHttpSession) mvc.perform(post("/login").with(csrf())
            .param("username", username).param("password", pass))
        .andExpect(redirectedUrl("/login/totp")).andReturn().getRequest().getSession(false);
  }

  private String freshCode(String secret) {
    clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
    return Totp.code(secret, Totp.step(clock.instant()));
  }

  /** Signs in with password and code; returns where the second step sent the browser. */
  private String signIn(String username, String pass, String secret) throws Exception {
    return mvc.perform(post("/login/totp").session(passwordStep(username, pass)).with(csrf())
            .param("code", freshCode(secret)))
        .andReturn().getResponse().getRedirectedUrl();
  }

  /**
   * Returns "table.column" for every text, character, JSON or bytea column of the schema that
   * holds {@code needle} in any of its rows — what a pg_dump of the schema would carry.
   */
  private List<String> columnsHolding(String needle) {
    List<String> found = new ArrayList<>();
    List<Map<String, Object>> columns = jdbc.sql("""
        select c.table_name, c.column_name, c.data_type
        from information_schema.columns c
        join information_schema.tables t
          on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
          and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
        """).query().listOfRows();
    assertTrue(columns.size() > 50, "the schema's text columns: " + columns.size());
    for (Map<String, Object> column : columns) {
      String table = (String) column.get("table_name");
      String name = (String) column.get("column_name");
      String condition = "bytea".equals(column.get("data_type"))
          ? "position(convert_to(?, 'UTF8') in \"" + name + "\") > 0"
          : "position(upper(?) in upper(cast(\"" + name + "\" as text))) > 0";
      long rows = jdbc.sql("select count(*) from \"" + table + "\" where " + condition)
          .param(needle).query(Long.class).single();
      if (rows > 0) {
        found.add(table + "." + name);
      }
    }
    return found;
  }

  @Test
  void keepsNoTotpSecretAndNoRecoveryCodeInAnyColumn() throws Exception {
    Enrolled enrolled = enrolNewAccount();
    assertEquals(List.of(), columnsHolding(enrolled.secret()), "the Base32 secret");
    assertEquals(List.of(), columnsHolding(enrolled.secret().toLowerCase(Locale.ROOT)),
        "the secret in lower case");
    for (String code : enrolled.recoveryCodes()) {
      assertEquals(List.of(), columnsHolding(code), "recovery code " + code);
      assertEquals(List.of(), columnsHolding(code.replace("-", "")), "recovery code " + code);
    }
    String sealed = jdbc.sql("select totp_secret_sealed from users where username = ?")
        .param(enrolled.username()).query(String.class).single();
    assertTrue(sealed.startsWith("v1."), sealed);
    // Sealed, and still the secret the person's app holds.
    assertEquals("/", signIn(enrolled.username(), enrolled.password(), enrolled.secret()));
  }

  @Test
  void sealsWithAKeyFileOnlyItsOwnerReadsCreatedAtFirstUse() throws Exception {
    enrolNewAccount();
    Path key = home.resolve("keys").resolve("secrets.key");
    assertTrue(Files.isRegularFile(key), key + " after the first enrolment");
    assumeTrue(Files.getFileStore(key).supportsFileAttributeView("posix"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertEquals("rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
  }

  @Test
  void aSecretCopiedToAnotherAccountOpensForNone() throws Exception {
    Enrolled first = enrolNewAccount();
    Enrolled second = enrolNewAccount();
    // Someone with write access to the table gives the second account the first one's secret.
    jdbc.sql("""
        update users set totp_secret_sealed =
          (select totp_secret_sealed from users where username = ?)
        where username = ?
        """).params(first.username(), second.username()).update();
    String answer = signIn(second.username(), second.password(), first.secret());
    assertNotEquals("/", answer, "the first account's codes must not open the second");
    assertEquals("/login?unavailable", answer);
    mvc.perform(get("/login").param("unavailable", ""))
        .andExpect(content().string(containsString("administrat")));
    // The first account is untouched.
    assertEquals("/", signIn(first.username(), first.password(), first.secret()));
  }
}
