package fr.vigie.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import fr.vigie.app.support.TestClock;
import fr.vigie.app.support.TestDatabases;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An upgrade from a version that kept TOTP secrets in clear: the schema is migrated up to V17
 * only, an enrolled account is written as that version wrote it, then the remaining migrations
 * run. No clear secret is left, and the person signs in with the app they already have.
 */
@Import(TestClock.Config.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "spring.flyway.target=17")
@AutoConfigureMockMvc
@DirtiesContext
class TotpSecretsMigrationIT {

  private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  Flyway flyway;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  PasswordEncoder passwords;

  @Autowired
  MockMvc mvc;

  @Autowired
  TestClock clock;

  @Test
  void sealsTheSecretsAnEarlierVersionKeptInClear() throws Exception {
    String pass = "un-mot-de-passe-d-avant";
    jdbc.sql("""
        insert into users (username, display_name, password_hash, role, totp_secret,
          totp_enrolled_at)
        values ('ancien.agent', 'Ancien Agent', ?, 'ANALYST', ?, current_timestamp)
        """).params(passwords.encode(pass), SECRET).update();
    jdbc.sql("""
        insert into users (username, display_name, password_hash, role)
        values ('pas.encore', 'Pas Encore Enrôlé', ?, 'AUDITOR')
        """).param(passwords.encode(pass)).update();

    Flyway.configure().configuration(flyway.getConfiguration())
        .target(MigrationVersion.LATEST).load().migrate();

    assertEquals(0L, jdbc.sql("""
        select count(*) from information_schema.columns
        where table_schema = current_schema() and table_name = 'users'
          and column_name = 'totp_secret'
        """).query(Long.class).single(), "the clear column is gone");
    List<String> rows = jdbc.sql("select cast(u as text) from users u").query(String.class)
        .list();
    assertTrue(rows.stream().noneMatch(r -> r.toUpperCase().contains(SECRET)), rows.toString());
    assertTrue(jdbc.sql("select totp_secret_sealed from users where username = 'ancien.agent'")
        .query(String.class).single().startsWith("v1."));
    assertEquals(true, jdbc.sql(
        "select totp_secret_sealed is null from users where username = 'pas.encore'")
        .query(Boolean.class).single(), "not enrolled, nothing to seal");

    MockHttpSession session = (MockHttpSession) mvc.perform(post("/login").with(csrf())
            .param("username", "ancien.agent").param("password", pass))
        .andExpect(redirectedUrl("/login/totp")).andReturn().getRequest().getSession(false);
    clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
    mvc.perform(post("/login/totp").session(session).with(csrf())
            .param("code", Totp.code(SECRET, Totp.step(clock.instant()))))
        .andExpect(redirectedUrl("/"));
  }
}
