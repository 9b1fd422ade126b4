package fr.vigie.app.administration;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The administration page: accounts changed in the browser, each on the audit record. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class AdministrationIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  MockMvc mvc;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  PasswordEncoder passwords;

  private static UsernamePasswordAuthenticationToken as(Role role) {
    Caller caller = new Caller(0, "admin.test", role, null);
    return UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  private String create(String username, String role, String unit) throws Exception {
    return mvc.perform(post("/administration/utilisateurs").with(csrf())
            .with(authentication(as(Role.ADMIN))).param("username", username)
            .param("displayName", "Camille Durand").param("role", role).param("unit", unit))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
  }

  private Map<String, Object> lastAudit(String username) {
    return jdbc.sql("""
        select actor, actor_role, action, detail, client_address from audit_log
        where object_type = 'user' and object_id = ? order by id desc limit 1
        """).param(username).query().singleRow();
  }

  private Map<String, Object> account(String username) {
    return jdbc.sql("""
        select u.role, u.enabled, u.password_hash, u.totp_enrolled_at, un.code as unit
        from users u left join units un on un.id = u.unit_id where u.username = ?
        """).param(username).query().singleRow();
  }

  @Test
  void anAdministratorSeesTheAccountsInWordsAndOthersAreRefused() throws Exception {
    create("liste.enqueteur", "INVESTIGATOR", "OFMIN-LYON");
    mvc.perform(get("/administration").with(authentication(as(Role.ADMIN))))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("liste.enqueteur")))
        .andExpect(content().string(containsString("Enquêteur")))
        .andExpect(content().string(containsString("à enrôler à la prochaine connexion")))
        .andExpect(content().string(not(containsString("pas encore construite"))))
        .andExpect(content().string(not(containsString(">INVESTIGATOR<"))));
    for (Role role : List.of(Role.ANALYST, Role.SUPERVISOR, Role.AUDITOR)) {
      mvc.perform(get("/administration").with(authentication(as(role))))
          .andExpect(status().isForbidden());
      mvc.perform(post("/administration/utilisateurs").with(csrf())
              .with(authentication(as(role))).param("username", "intrus")
              .param("role", "ADMIN"))
          .andExpect(status().isForbidden());
    }
    assertEquals(0L, jdbc.sql("select count(*) from users where username = 'intrus'")
        .query(Long.class).single());
  }

  @Test
  void createsAnAccountWithAOneTimePasswordShownOnceAndRecordsItUnderTheAdministrator()
      throws Exception {
    String page = create("camille.durand", "INVESTIGATOR", "OFMIN-LYON");
    Matcher shown = Pattern.compile("id=\"one-time-password\">([^<]+)<").matcher(page);
    assertTrue(shown.find(), page);
    Map<String, Object> account = account("camille.durand");
    assertEquals("INVESTIGATOR", account.get("role"));
    assertEquals("OFMIN-LYON", account.get("unit"));
    assertEquals(Boolean.TRUE, account.get("enabled"));
    assertNull(account.get("totp_enrolled_at"), "the second factor is enrolled at first sign-in");
    assertTrue(passwords.matches(shown.group(1), (String) account.get("password_hash")));
    Map<String, Object> entry = lastAudit("camille.durand");
    assertEquals("admin.test", entry.get("actor"));
    assertEquals("ADMIN", entry.get("actor_role"));
    assertEquals("CREATE", entry.get("action"));
    assertEquals("account created: role INVESTIGATOR, unit OFMIN-LYON", entry.get("detail"));
    assertEquals("127.0.0.1", entry.get("client_address"));

    mvc.perform(get("/administration").with(authentication(as(Role.ADMIN))))
        .andExpect(content().string(not(containsString(shown.group(1)))));
    assertTrue(create("camille.durand", "ANALYST", "").contains("existe déjà"));
    assertEquals("INVESTIGATOR", account("camille.durand").get("role"));
  }

  @Test
  void refusesWhatTheCommandRefusesAndAPostWithoutCsrf() throws Exception {
    assertTrue(create("sans.unite", "INVESTIGATOR", "").contains(
        "Un enquêteur appartient à une unité"));
    assertTrue(create("Pas Valide", "ANALYST", "").contains("Identifiant invalide"));
    assertTrue(create("unite.inconnue", "ANALYST", "NOWHERE").contains("Unité inconnue"));
    mvc.perform(post("/administration/utilisateurs").with(authentication(as(Role.ADMIN)))
            .param("username", "sans.jeton").param("role", "ANALYST"))
        .andExpect(status().isForbidden());
    assertEquals(0L, jdbc.sql("""
        select count(*) from users
        where username in ('sans.unite', 'unite.inconnue', 'sans.jeton')
        """).query(Long.class).single());
  }

  @Test
  void disablingAsksForConfirmationThenDisablesAndEnablesAgain() throws Exception {
    create("dominique.martin", "ANALYST", "");
    mvc.perform(post("/administration/utilisateurs/activation").with(csrf())
            .with(authentication(as(Role.ADMIN))).param("username", "dominique.martin")
            .param("enabled", "false"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Désactiver le compte dominique.martin")));
    assertEquals(Boolean.TRUE, account("dominique.martin").get("enabled"),
        "nothing changes before the confirmation");

    mvc.perform(post("/administration/utilisateurs/activation").with(csrf())
            .with(authentication(as(Role.ADMIN))).param("username", "dominique.martin")
            .param("enabled", "false").param("confirmed", "true"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Le compte dominique.martin est désactivé")));
    assertEquals(Boolean.FALSE, account("dominique.martin").get("enabled"));
    assertEquals("account disabled", lastAudit("dominique.martin").get("detail"));
    assertEquals("UPDATE", lastAudit("dominique.martin").get("action"));

    mvc.perform(post("/administration/utilisateurs/activation").with(csrf())
            .with(authentication(as(Role.ADMIN))).param("username", "dominique.martin")
            .param("enabled", "true"))
        .andExpect(status().isOk());
    assertEquals(Boolean.TRUE, account("dominique.martin").get("enabled"));
    assertEquals("account enabled", lastAudit("dominique.martin").get("detail"));
  }

  @Test
  void resettingTheSecondFactorAsksForConfirmationThenForgetsIt() throws Exception {
    create("sacha.petit", "SUPERVISOR", "OFMIN-LYON");
    jdbc.sql("update users set totp_enrolled_at = now(), totp_secret_sealed = 'x' "
        + "where username = 'sacha.petit'").update();
    mvc.perform(post("/administration/utilisateurs/totp").with(csrf())
            .with(authentication(as(Role.ADMIN))).param("username", "sacha.petit"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Réinitialiser le second facteur de "
            + "sacha.petit")));
    assertNotNull(account("sacha.petit").get("totp_enrolled_at"));

    mvc.perform(post("/administration/utilisateurs/totp").with(csrf())
            .with(authentication(as(Role.ADMIN))).param("username", "sacha.petit")
            .param("confirmed", "true"))
        .andExpect(status().isOk());
    assertNull(account("sacha.petit").get("totp_enrolled_at"));
    Map<String, Object> entry = lastAudit("sacha.petit");
    assertEquals("second factor reset: enrols again at next sign-in", entry.get("detail"));
    assertEquals("admin.test", entry.get("actor"));
  }

  @Test
  void changesRoleAndUnitAndRecordsBothSides() throws Exception {
    create("alex.bernard", "INVESTIGATOR", "OFMIN-LYON");
    String refused = mvc.perform(post("/administration/utilisateurs/role").with(csrf())
            .with(authentication(as(Role.ADMIN))).param("username", "alex.bernard")
            .param("role", "INVESTIGATOR").param("unit", ""))
        .andReturn().getResponse().getContentAsString();
    assertTrue(refused.contains("Un enquêteur appartient à une unité"), refused);
    assertEquals("OFMIN-LYON", account("alex.bernard").get("unit"));

    mvc.perform(post("/administration/utilisateurs/role").with(csrf())
            .with(authentication(as(Role.ADMIN))).param("username", "alex.bernard")
            .param("role", "ANALYST").param("unit", ""))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Le rôle et l’unité de alex.bernard")));
    Map<String, Object> account = account("alex.bernard");
    assertEquals("ANALYST", account.get("role"));
    assertNull(account.get("unit"));
    assertEquals("role and unit changed: role INVESTIGATOR -> ANALYST, unit OFMIN-LYON -> none",
        lastAudit("alex.bernard").get("detail"));
    assertFalse(jdbc.sql("select count(*) from audit_log where object_id = 'alex.bernard'")
        .query(Long.class).single() > 2, "the refused change is not recorded as a change");
  }
}
