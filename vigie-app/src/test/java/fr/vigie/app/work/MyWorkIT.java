package fr.vigie.app.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * "Mon travail": an investigator sees their unit's open cases (and no other unit's), their own
 * open tasks overdue first and with no due date last, and the open reports given to their unit
 * or to them, high priority first; the page is one read on the record, and only investigators
 * and supervisors have it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.jobs.worker-enabled=false"})
@AutoConfigureMockMvc
class MyWorkIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  MockMvc mvc;

  @Autowired
  JdbcClient jdbc;

  static final Instant NOW = Instant.now();

  long unit(String code) {
    return jdbc.sql("select id from units where code = ?").param(code).query(Long.class).single();
  }

  long newCase(String reference, String unit, String status, String openedBy) {
    jdbc.sql("""
        insert into cases (reference, title, unit_id, status, opened_at, opened_by)
        values (?, ?, ?, ?, ?, ?)
        """).params(reference, "Dossier " + reference, unit(unit), status,
            NOW.minus(Duration.ofDays(10)).atOffset(ZoneOffset.UTC), openedBy).update();
    return jdbc.sql("select id from cases where reference = ?").param(reference)
        .query(Long.class).single();
  }

  void task(long caseId, String title, String assignee, Duration dueIn, boolean done) {
    jdbc.sql("""
        insert into case_tasks (case_id, title, assignee, due_at, done_at)
        values (?, ?, ?, ?, ?)
        """).params(caseId, title, assignee,
            dueIn == null ? null : NOW.plus(dueIn).atOffset(ZoneOffset.UTC),
            done ? NOW.atOffset(ZoneOffset.UTC) : null).update();
  }

  void report(String ref, String status, String unit, String assignee, boolean high, int hoursAgo) {
    jdbc.sql("""
        insert into reports (source_id, external_id, content_sha256, incident_type, received_at,
          status, raw_format, assigned_unit_id, assigned_to, high_priority)
        values ((select id from sources where code = 'NCMEC'), ?, 'x', 'Child Pornography', ?, ?,
          'DEMO', ?, ?, ?)
        """).params(ref, NOW.minus(Duration.ofHours(hoursAgo)).atOffset(ZoneOffset.UTC), status,
            unit == null ? null : unit(unit), assignee, high).update();
  }

  @BeforeEach
  void work() {
    for (String table : List.of("case_tasks", "case_events", "case_suspects", "cases",
        "report_events", "reports")) {
      jdbc.sql("delete from " + table).update();
    }
    jdbc.sql("""
        insert into sources (code, name, kind, country) select 'NCMEC', 'NCMEC CyberTipline',
          'NCMEC', 'US' where not exists (select 1 from sources where code = 'NCMEC')
        """).update();
    long lyon1 = newCase("D-LYON-1", "OFMIN-LYON", "IDENTIFICATION", "autre.lyon");
    long lyon2 = newCase("D-LYON-2", "OFMIN-LYON", "OPEN", "enqueteur.lyon");
    newCase("D-LYON-CLOS", "OFMIN-LYON", "CLOSED", "enqueteur.lyon");
    long rennes = newCase("D-RENNES-1", "OFMIN-RENNES", "OPEN", "autre.rennes");
    task(lyon1, "Tâche sans échéance", "enqueteur.lyon", null, false);
    task(lyon1, "Tâche dans trois jours", "enqueteur.lyon", Duration.ofDays(3), false);
    task(lyon2, "Tâche en retard", "enqueteur.lyon", Duration.ofDays(-2), false);
    task(lyon2, "Tâche faite", "enqueteur.lyon", Duration.ofDays(-5), true);
    task(lyon2, "Tâche d’un collègue", "autre.lyon", Duration.ofDays(-9), false);
    // Given to the Lyon investigator, but in a case outside their unit: not theirs to see.
    task(rennes, "Tâche à Rennes", "enqueteur.lyon", Duration.ofDays(-1), false);
    report("Q-OLD", "NEW", "OFMIN-LYON", null, false, 50);
    report("Q-NEW", "UNDER_REVIEW", "OFMIN-LYON", null, false, 2);
    report("Q-HIGH", "NEW", "OFMIN-LYON", null, true, 1);
    report("Q-MINE", "NEW", null, "enqueteur.lyon", false, 30);
    report("Q-DONE", "NO_ACTION", "OFMIN-LYON", null, false, 3);
    report("Q-RENNES", "NEW", "OFMIN-RENNES", null, true, 4);
  }

  UsernamePasswordAuthenticationToken as(Role role, String username, String unit) {
    return UsernamePasswordAuthenticationToken.authenticated(
        new Caller(0, username, role, unit == null ? null : unit(unit)), null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  static List<String> matches(String html, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(html);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  static String part(String html, String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertTrue(start >= 0, id + " missing");
    return html.substring(start, html.indexOf("</table>", start));
  }

  @Test
  void showsMyCasesTasksOverdueFirstAndMyUnitsQueue() throws Exception {
    long before = jdbc.sql("select count(*) from audit_log where object_type = 'my-work'")
        .query(Long.class).single();
    String page = mvc.perform(get("/mon-travail")
            .with(authentication(as(Role.INVESTIGATOR, "enqueteur.lyon", "OFMIN-LYON"))))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    String tasks = part(page, "tasks");
    assertEquals(List.of("Tâche en retard", "Tâche dans trois jours", "Tâche sans échéance"),
        matches(tasks, "<td>(Tâche[^<]*)</td>"));
    assertEquals(1, matches(tasks, "(class=\"overdue\")").size(), "only the late one is flagged");
    assertTrue(tasks.contains("En retard"), tasks);
    assertTrue(tasks.contains("sans échéance"), tasks);
    assertEquals(List.of("D-LYON-2", "D-LYON-1"),
        matches(part(page, "cases"), "<a href=\"/dossiers/\\d+\">([^<]+)</a>"),
        "the unit's open cases, newest first; none closed, none of Rennes");
    assertTrue(part(page, "cases").contains("identification"), "the status's label");
    assertEquals(List.of("Q-HIGH", "Q-OLD", "Q-MINE", "Q-NEW"),
        matches(part(page, "queue"), "<a href=\"/signalements/\\d+\">([^<]+)</a>"));
    assertFalse(page.contains("D-RENNES-1") || page.contains("Q-RENNES")
        || page.contains("Tâche à Rennes"));
    assertFalse(page.contains("UNDER_REVIEW") || page.contains(">IDENTIFICATION<"));
    assertEquals(before + 1, jdbc.sql(
        "select count(*) from audit_log where object_type = 'my-work'").query(Long.class).single());
    // In English.
    String english = mvc.perform(get("/mon-travail").param("lang", "en")
            .with(authentication(as(Role.INVESTIGATOR, "enqueteur.lyon", "OFMIN-LYON"))))
        .andReturn().getResponse().getContentAsString();
    assertTrue(english.contains("My tasks") && english.contains("Overdue")
        && english.contains("Under review"), english);
  }

  @Test
  void aSupervisorWithoutUnitSeesWhatIsTheirsAndAnAnalystHasNoSuchPage() throws Exception {
    String page = mvc.perform(get("/mon-travail")
            .with(authentication(as(Role.SUPERVISOR, "autre.rennes", null))))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertEquals(List.of("D-RENNES-1"),
        matches(part(page, "cases"), "<a href=\"/dossiers/\\d+\">([^<]+)</a>"));
    assertTrue(page.contains("id=\"no-tasks\"") && page.contains("id=\"no-queue\""), page);
    assertTrue(page.contains("href=\"/mon-travail\""), "in the navigation");
    mvc.perform(get("/mon-travail").with(authentication(as(Role.ANALYST, "analyste", null))))
        .andExpect(status().isForbidden());
  }
}
