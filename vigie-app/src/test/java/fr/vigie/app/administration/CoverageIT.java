package fr.vigie.app.administration;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Units and coverage: a département given to another unit takes its open suspects along. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class CoverageIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  MockMvc mvc;

  @Autowired
  JdbcClient jdbc;

  private static UsernamePasswordAuthenticationToken as(Role role) {
    Caller caller = new Caller(0, "admin.couverture", role, null);
    return UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  private void suspect(String reference, String unit, String departement, String status) {
    jdbc.sql("""
        insert into suspects (reference, display_name, unit_id, departement_code, status)
        values (?, 'Personne fictive', (select id from units where code = ?), ?, ?)
        """).params(reference, unit, departement, status).update();
  }

  private String unitOf(String reference) {
    return jdbc.sql("""
        select u.code from suspects s join units u on u.id = s.unit_id where s.reference = ?
        """).param(reference).query(String.class).single();
  }

  private String coverer(String departement) {
    return jdbc.sql("""
        select u.code from departements d join units u on u.id = d.unit_id where d.code = ?
        """).param(departement).query(String.class).single();
  }

  @Test
  void listsTheUnitsWithTheirKindInWordsAndTheDepartementsTheyCover() throws Exception {
    mvc.perform(get("/administration/unites").with(authentication(as(Role.ADMIN))))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Antenne de l’office")))
        .andExpect(content().string(containsString("Service de police judiciaire")))
        .andExpect(content().string(containsString("69 Rhône")))
        .andExpect(content().string(not(containsString(">ANTENNA<"))));
    mvc.perform(get("/administration/unites").with(authentication(as(Role.SUPERVISOR))))
        .andExpect(status().isForbidden());
    mvc.perform(post("/administration/unites/couverture").with(csrf())
            .with(authentication(as(Role.ANALYST))).param("departement", "02")
            .param("unit", "SZPJ-EST").param("confirmed", "true"))
        .andExpect(status().isForbidden());
    assertEquals("OFMIN-LILLE", coverer("02"));
  }

  @Test
  void aCoverageChangeSaysHowManyWouldMoveAndMovesThemOnlyOnceConfirmed() throws Exception {
    suspect("S-AIN-1", "OFMIN-LYON", "01", "ACTIVE");
    suspect("S-AIN-2", "OFMIN-LYON", "01", "ACTIVE");
    suspect("S-AIN-CLOS", "OFMIN-LYON", "01", "CLOSED");
    suspect("S-AIN-AILLEURS", "OFMIN-MARSEILLE", "01", "ACTIVE");
    suspect("S-RHONE", "OFMIN-LYON", "69", "ACTIVE");

    mvc.perform(post("/administration/unites/couverture").with(csrf())
            .with(authentication(as(Role.ADMIN))).param("departement", "01")
            .param("unit", "SZPJ-EST"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("2 suspects actifs passeront")))
        .andExpect(content().string(containsString("Service zonal de police judiciaire Est")));
    assertEquals("OFMIN-LYON", coverer("01"), "nothing changes before the confirmation");
    assertEquals("OFMIN-LYON", unitOf("S-AIN-1"));

    mvc.perform(post("/administration/unites/couverture").with(csrf())
            .with(authentication(as(Role.ADMIN))).param("departement", "01")
            .param("unit", "SZPJ-EST").param("confirmed", "true"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("2 suspect(s) actif(s) réaffecté(s)")));
    assertEquals("SZPJ-EST", coverer("01"));
    assertEquals("SZPJ-EST", unitOf("S-AIN-1"));
    assertEquals("SZPJ-EST", unitOf("S-AIN-2"));
    assertEquals("OFMIN-LYON", unitOf("S-AIN-CLOS"), "a closed suspect is not open work");
    assertEquals("OFMIN-MARSEILLE", unitOf("S-AIN-AILLEURS"), "given by hand, it stays");
    assertEquals("OFMIN-LYON", unitOf("S-RHONE"));
    assertEquals("OFMIN-LYON", coverer("69"));

    Map<String, Object> entry = jdbc.sql("""
        select actor, actor_role, action, detail from audit_log
        where object_type = 'departement' and object_id = '01' order by id desc limit 1
        """).query().singleRow();
    assertEquals("admin.couverture", entry.get("actor"));
    assertEquals("ADMIN", entry.get("actor_role"));
    assertEquals("UPDATE", entry.get("action"));
    assertEquals("coverage moved from OFMIN-LYON to SZPJ-EST: 2 active suspects reassigned",
        entry.get("detail"));

    mvc.perform(post("/administration/unites/couverture").with(csrf())
            .with(authentication(as(Role.ADMIN))).param("departement", "01")
            .param("unit", "SZPJ-EST"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("couvre déjà ce département")));
    mvc.perform(post("/administration/unites/couverture").with(csrf())
            .with(authentication(as(Role.ADMIN))).param("departement", "99")
            .param("unit", "SZPJ-EST").param("confirmed", "true"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Département inconnu")));
  }
}
