package fr.vigie.app.intake;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.intake.internal.JdbcCyberTips;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.support.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * The report workflow: a report moves new → under review → linked / no further action (with a
 * reason), is given to a unit or a person, and each change is on its history and the audit
 * record; bulk actions check every report against the caller's scope and say which were refused;
 * a new version stays with whoever had the report; V25 maps the statuses of before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.jobs.worker-enabled=false"})
@AutoConfigureMockMvc
class ReportWorkflowIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  MockMvc mvc;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  ReportWork work;

  @Autowired
  UserAccounts accounts;

  @Autowired
  JdbcCyberTips tips;

  @BeforeEach
  void reports() {
    jdbc.sql("delete from report_events").update();
    jdbc.sql("delete from reports").update();
    jdbc.sql("""
        insert into sources (code, name, kind, country) select 'NCMEC', 'NCMEC CyberTipline',
          'NCMEC', 'US' where not exists (select 1 from sources where code = 'NCMEC')
        """).update();
    for (String ref : List.of("W1", "W2", "W3", "W4")) {
      insert(ref, 1, "NEW");
    }
    accounts.createIfAbsent(new NewUser("enqueteur.lyon", "Enquêteur Lyon",
        "un-mot-de-passe-tres-long", Role.INVESTIGATOR, "OFMIN-LYON"));
    accounts.createIfAbsent(new NewUser("auditeur.w", "Auditeur",
        "un-mot-de-passe-tres-long", Role.AUDITOR, null));
  }

  long insert(String ref, int version, String status) {
    jdbc.sql("""
        insert into reports (source_id, external_id, version, content_sha256, incident_type,
          received_at, status, raw_format)
        values ((select id from sources where code = 'NCMEC'), ?, ?, ?, 'Child Pornography', ?, ?,
          'DEMO')
        """).params(ref, version, ref + version,
            Instant.parse("2026-01-10T10:00:00Z").atOffset(ZoneOffset.UTC), status).update();
    return id(ref, version);
  }

  long id(String ref) {
    return id(ref, 1);
  }

  long id(String ref, int version) {
    return jdbc.sql("select id from reports where external_id = ? and version = ?")
        .params(ref, version).query(Long.class).single();
  }

  long unit(String code) {
    return jdbc.sql("select id from units where code = ?").param(code).query(Long.class).single();
  }

  static UsernamePasswordAuthenticationToken as(Role role, String username, Long unitId) {
    return UsernamePasswordAuthenticationToken.authenticated(
        new Caller(0, username, role, unitId), null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  static Access access(Role role, String username, Long unitId) {
    return new Access(new Caller(0, username, role, unitId), "127.0.0.1");
  }

  String statusOf(long id) {
    return jdbc.sql("select status from reports where id = ?").param(id).query(String.class)
        .single();
  }

  List<Map<String, Object>> audit(long id) {
    return jdbc.sql("""
        select actor, action, outcome, detail, scope_unit_id from audit_log
        where object_type = 'report' and object_id = ? order by id
        """).param(String.valueOf(id)).query().listOfRows();
  }

  @Test
  void aReportMovesThroughTheWorkflowAndItsPageShowsTheHistory() throws Exception {
    long w1 = id("W1");
    var analyst = as(Role.ANALYST, "analyste.w", null);
    mvc.perform(post("/signalements/" + w1 + "/suivi").with(authentication(analyst)).with(csrf())
            .param("action", "statut").param("statut", "UNDER_REVIEW"))
        .andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrl("/signalements/" + w1))
        .andExpect(flash().attribute("message", "intake.work.done"));
    assertEquals("UNDER_REVIEW", statusOf(w1));
    // No further action needs a reason: refused without one, the status unchanged.
    mvc.perform(post("/signalements/" + w1 + "/suivi").with(authentication(analyst)).with(csrf())
            .param("action", "statut").param("statut", "NO_ACTION").param("motif", " "))
        .andExpect(flash().attribute("workError", "intake.work.refused.reason"));
    assertEquals("UNDER_REVIEW", statusOf(w1));
    // Back to NEW is no step.
    assertEquals(new ReportChange.Refused(w1, "intake.work.refused.transition"),
        work.apply(access(Role.ANALYST, "analyste.w", null), w1,
            new ReportAction.Move(ReportStatus.NEW, null)));
    mvc.perform(post("/signalements/" + w1 + "/suivi").with(authentication(analyst)).with(csrf())
            .param("action", "statut").param("statut", "NO_ACTION")
            .param("motif", "Contenu hors champ pénal"))
        .andExpect(flash().attribute("message", "intake.work.done"));
    assertEquals("NO_ACTION", statusOf(w1));
    mvc.perform(post("/signalements/" + w1 + "/suivi").with(authentication(analyst)).with(csrf())
            .param("action", "attribution").param("unite", "OFMIN-LYON"))
        .andExpect(flash().attribute("message", "intake.work.done"));
    mvc.perform(post("/signalements/" + w1 + "/suivi").with(authentication(analyst)).with(csrf())
            .param("action", "priorite").param("priorite", "true"))
        .andExpect(flash().attribute("message", "intake.work.done"));

    String page = mvc.perform(get("/signalements/" + w1).with(authentication(analyst)))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    String history = page.substring(page.indexOf("id=\"history\""));
    history = history.substring(0, history.indexOf("</table>"));
    assertTrue(history.contains("Nouveau</span> → <span>En examen"), history);
    assertTrue(history.contains("En examen</span> → <span>Classé sans suite"), history);
    assertTrue(history.contains("Motif : Contenu hors champ pénal"), history);
    assertTrue(history.contains("Attribué à OFMIN-LYON"), history);
    assertTrue(history.contains("Marqué prioritaire"), history);
    assertTrue(history.contains("analyste.w"), history);
    assertFalse(history.contains("NO_ACTION") || history.contains("UNDER_REVIEW"), history);
    assertTrue(page.contains("Motif : Contenu hors champ pénal"), "the reason by the status");
    // In English too.
    mvc.perform(get("/signalements/" + w1).with(authentication(analyst))
            .param("lang", "en"))
        .andExpect(content().string(containsString("No further action")))
        .andExpect(content().string(containsString("Assigned to OFMIN-LYON")));

    List<Map<String, Object>> entries = audit(w1).stream()
        .filter(e -> "UPDATE".equals(e.get("action"))).toList();
    assertEquals(List.of("SUCCESS", "FAILURE", "FAILURE", "SUCCESS", "SUCCESS", "SUCCESS"),
        entries.stream().map(e -> e.get("outcome")).toList(), entries.toString());
    assertEquals("UNDER_REVIEW -> NO_ACTION: Contenu hors champ pénal",
        entries.get(3).get("detail"));
    assertEquals(unit("OFMIN-LYON"), ((Number) entries.get(4).get("scope_unit_id")).longValue());
    assertEquals(4L, jdbc.sql("select count(*) from report_events where report_id = ?")
        .param(w1).query(Long.class).single());
  }

  @Test
  void aBulkActionDoesWhatTheUnitMaySeeAndSaysWhichWereRefused() throws Exception {
    long lyon = unit("OFMIN-LYON");
    long rennes = unit("OFMIN-RENNES");
    long w1 = id("W1");
    long w2 = id("W2");
    long w3 = id("W3");
    long w4 = id("W4");
    jdbc.sql("update reports set assigned_unit_id = ? where id = ?").params(lyon, w1).update();
    jdbc.sql("update reports set assigned_unit_id = ? where id = ?").params(rennes, w2).update();
    jdbc.sql("update reports set assigned_to = 'enqueteur.lyon' where id = ?").param(w3).update();
    var investigator = as(Role.INVESTIGATOR, "enqueteur.lyon", lyon);
    mvc.perform(post("/signalements/lot").with(authentication(investigator)).with(csrf())
            .param("action", "clore").param("motif", "Doublon d’un signalement déjà traité")
            .param("selection", String.valueOf(w1), String.valueOf(w2), String.valueOf(w3),
                String.valueOf(w4), "999999")
            .param("retour", "/signalements?statut=NEW"))
        .andExpect(redirectedUrl("/signalements?statut=NEW"))
        .andExpect(flash().attribute("bulkDone", 2));
    assertEquals(List.of("NO_ACTION", "NEW", "NO_ACTION", "NEW"),
        List.of(statusOf(w1), statusOf(w2), statusOf(w3), statusOf(w4)));
    // Rennes' report is refused as not found, and on the record DENIED with Rennes' unit.
    Map<String, Object> denied = audit(w2).getLast();
    assertEquals("DENIED", denied.get("outcome"));
    assertEquals(rennes, ((Number) denied.get("scope_unit_id")).longValue());
    assertEquals("NOT_FOUND", audit(999999).getLast().get("outcome"));

    // The list says which ones were refused, by id only (not another unit's reference).
    String page = mvc.perform(post("/signalements/lot").with(authentication(investigator))
            .with(csrf()).param("action", "prioriser").param("priorite", "true")
            .param("selection", String.valueOf(w1), String.valueOf(w2)))
        .andReturn().getFlashMap().get("bulkRefused").toString();
    assertTrue(page.contains("#" + w2) && page.contains("intake.work.refused.notFound"), page);
    assertTrue(jdbc.sql("select high_priority from reports where id = ?").param(w1)
        .query(Boolean.class).single());
    assertFalse(jdbc.sql("select high_priority from reports where id = ?").param(w2)
        .query(Boolean.class).single());

    // The national office acts on all; a wrong message is shown on the page in French.
    var analyst = as(Role.ANALYST, "analyste.w", null);
    var result = mvc.perform(post("/signalements/lot").with(authentication(analyst)).with(csrf())
            .param("action", "attribuer").param("personne", "enqueteur.lyon")
            .param("selection", String.valueOf(w2), String.valueOf(w4)))
        .andExpect(flash().attribute("bulkDone", 2)).andReturn();
    assertEquals(List.of(lyon, lyon), jdbc.sql("""
        select assigned_unit_id from reports where id in (?, ?) order by id
        """).params(w2, w4).query(Long.class).list(), "a person's unit comes with them");
    mvc.perform(get("/signalements").with(authentication(analyst))
            .flashAttrs(result.getFlashMap()))
        .andExpect(content().string(containsString("2 signalement(s) modifié(s).")));
    // An auditor's account works on no report; nor does an unknown unit.
    for (ReportAction wrong : List.of(new ReportAction.Assign(null, "auditeur.w"),
        new ReportAction.Assign("NOWHERE", null))) {
      assertEquals(List.of(new ReportChange.Refused(w4, "intake.work.refused.target")),
          work.applyAll(access(Role.ANALYST, "analyste.w", null), List.of(w4), wrong));
    }
    mvc.perform(post("/signalements/lot").with(authentication(as(Role.AUDITOR, "a", null)))
            .with(csrf()).param("action", "clore").param("motif", "x")
            .param("selection", String.valueOf(w4)))
        .andExpect(status().isForbidden());
    // A link back elsewhere than the list is not followed.
    mvc.perform(post("/signalements/lot").with(authentication(analyst)).with(csrf())
            .param("action", "clore").param("selection", String.valueOf(w4))
            .param("retour", "https://example.org/"))
        .andExpect(redirectedUrl("/signalements"))
        .andExpect(flash().attribute("bulkDone", 0));
  }

  @Test
  void anotherUnitsReportIsAnsweredAsMissingOnItsOwnForm() throws Exception {
    long w2 = id("W2");
    jdbc.sql("update reports set assigned_unit_id = ? where id = ?")
        .params(unit("OFMIN-RENNES"), w2).update();
    mvc.perform(post("/signalements/" + w2 + "/suivi")
            .with(authentication(as(Role.INVESTIGATOR, "enqueteur.lyon", unit("OFMIN-LYON"))))
            .with(csrf()).param("action", "statut").param("statut", "UNDER_REVIEW"))
        .andExpect(status().isNotFound());
    assertEquals("NEW", statusOf(w2));
    // The investigator reads it (reports are national) without its forms; a Lyon one with them.
    var lyonInvestigator = as(Role.INVESTIGATOR, "enqueteur.lyon", unit("OFMIN-LYON"));
    mvc.perform(get("/signalements/" + w2).with(authentication(lyonInvestigator)))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("/suivi"))));
    long w1 = id("W1");
    jdbc.sql("update reports set assigned_unit_id = ? where id = ?")
        .params(unit("OFMIN-LYON"), w1).update();
    mvc.perform(get("/signalements/" + w1).with(authentication(lyonInvestigator)))
        .andExpect(content().string(containsString("/signalements/" + w1 + "/suivi")));
    // Reading it stays national: the page shows, without its forms.
    mvc.perform(get("/signalements/" + w2)
            .with(authentication(as(Role.AUDITOR, "auditeur.w", null))))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("OFMIN-RENNES")))
        .andExpect(content().string(not(containsString("/suivi"))));
  }

  @Test
  void aNewVersionStaysWithWhoeverHadTheReportAndTheOldOneIsNoLongerWorked() {
    long w1 = id("W1");
    jdbc.sql("update reports set assigned_unit_id = ?, assigned_to = 'enqueteur.lyon' where id = ?")
        .params(unit("OFMIN-LYON"), w1).update();
    long v2 = insert("W1", 2, "NEW");
    long source = jdbc.sql("select source_id from reports where id = ?").param(w1)
        .query(Long.class).single();
    tips.supersedeAllBut(source, "W1", v2);
    assertEquals("SUPERSEDED", statusOf(w1));
    assertEquals(List.of(unit("OFMIN-LYON")), jdbc.sql(
        "select assigned_unit_id from reports where id = ?").param(v2).query(Long.class).list());
    assertEquals(new ReportChange.Refused(w1, "intake.work.refused.superseded"),
        work.apply(access(Role.ANALYST, "analyste.w", null), w1,
            new ReportAction.Prioritise(true)));
    assertEquals(new ReportChange.Made(v2),
        work.apply(access(Role.INVESTIGATOR, "enqueteur.lyon", unit("OFMIN-LYON")), v2,
            new ReportAction.Move(ReportStatus.LINKED, null)));
  }

  @Test
  void v25MapsTheStatusesOfBefore() throws Exception {
    TestDatabases.Server server = TestDatabases.server();
    String schema = server.createSchema("vigie_v25_");
    try {
      migrate(server, schema, "21");
      try (Connection c = server.connect()) {
        c.setSchema(schema);
        c.createStatement().executeUpdate("""
            insert into sources (code, name, kind) values ('S', 'S', 'PLATFORM')
            """);
        String[] before = {"NEW", "PROCESSING", "PROCESSED", "SUPERSEDED", "CLOSED"};
        for (int i = 0; i < before.length; i++) {
          c.createStatement().executeUpdate("""
              insert into reports (source_id, external_id, content_sha256, incident_type,
                received_at, status, raw_format)
              values ((select id from sources), 'M%d', 'x', 't', current_timestamp, '%s', 'DEMO')
              """.formatted(i, before[i]));
        }
      }
      migrate(server, schema, "latest");
      List<String> after = new ArrayList<>();
      try (Connection c = server.connect()) {
        c.setSchema(schema);
        try (ResultSet rs = c.createStatement().executeQuery(
            "select status from reports order by external_id")) {
          while (rs.next()) {
            after.add(rs.getString(1));
          }
        }
      }
      assertEquals(List.of("NEW", "UNDER_REVIEW", "LINKED", "SUPERSEDED", "NO_ACTION"), after);
    } finally {
      server.dropSchema(schema);
    }
  }

  private static void migrate(TestDatabases.Server server, String schema, String target) {
    // Only the SQL migrations: intake's Java ones are Spring beans and change no status.
    Flyway.configure().dataSource(server.urlOf(schema), server.user(), server.password())
        .schemas(schema).locations("classpath:db/migration").target(target).load().migrate();
  }
}
