package fr.vigie.app.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.statistics.StatisticsFixture.Fate;
import fr.vigie.app.statistics.StatisticsFixture.Report;
import fr.vigie.app.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The dashboard over planted reports: national for an analyst, each card linking to the list that
 * shows its count (the pending IP events agree with the attribution page's "not yet attributed"
 * row); an investigator's is their unit's, equal to their Statistiques page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MockMvc mvc;

  StatisticsFixture fixture;
  Map<String, String> unitOfDepartement = new HashMap<>();
  String lyon;
  long lyonId;

  @BeforeAll
  void plant() {
    jdbc.sql("select d.code, u.code from departements d join units u on u.id = d.unit_id")
        .query((rs, i) -> unitOfDepartement.put(rs.getString(1), rs.getString(2))).list();
    lyon = unitOfDepartement.get("69");
    lyonId = jdbc.sql("select id from units where code = ?").param(lyon).query(Long.class)
        .single();
    fixture = new StatisticsFixture(jdbc);
    fixture.plant(7L, 60, java.util.Arrays.asList(lyon, null));
  }

  private static UsernamePasswordAuthenticationToken as(Role role, Long unit) {
    return UsernamePasswordAuthenticationToken.authenticated(
        new Caller(0, "dashboard." + role.name().toLowerCase(), role, unit), null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  private String page(String url, UsernamePasswordAuthenticationToken who) throws Exception {
    MvcResult result = mvc.perform(get(url).with(authentication(who))).andReturn();
    assertEquals(200, result.getResponse().getStatus(), url);
    return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  /** The text of the element with that id, spaces of the number formatting dropped. */
  private static String number(String html, String id) {
    Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
    assertTrue(m.find(), "no " + id + " in " + html);
    return m.group(1).replaceAll("[\\s\u202F\u00A0]", "").replaceAll("[^0-9].*$", "");
  }

  /** The figure of a card and the link it carries. */
  private static String[] card(String html, String id) {
    Matcher m = Pattern.compile("id=\"" + Pattern.quote(id)
        + "\">\\s*<a class=\"figure\" href=\"([^\"]*)\">([^<]*)<").matcher(html);
    assertTrue(m.find(), "no card " + id + " in " + html);
    return new String[] {m.group(1), m.group(2).replaceAll("[\\s\u202F\u00A0]", "")};
  }

  private static String href(String html, String id) {
    Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\" href=\"([^\"]*)\"")
        .matcher(html);
    assertTrue(m.find(), "no link " + id);
    return m.group(1);
  }

  private long events(List<Report> reports, Fate fate) {
    return reports.stream().flatMap(r -> r.events().stream()).filter(e -> e.fate() == fate)
        .count();
  }

  @Test
  void nationalCardsLinkToTheListsTheyCountAndThePendingFigureIsTheAttributionPages()
      throws Exception {
    var analyst = as(Role.ANALYST, null);
    String html = page("/", analyst);
    String[] reports = card(html, "count-reports");
    assertEquals("/signalements", reports[0]);
    assertEquals(Long.toString(fixture.planted.size()), reports[1]);
    String[] events = card(html, "count-ip-events");
    assertEquals("/attribution", events[0]);
    assertEquals(Long.toString(fixture.planted.stream().mapToLong(r -> r.events().size()).sum()),
        events[1]);
    long notAttributed = events(fixture.planted, Fate.NOT_ATTRIBUTED);
    assertTrue(notAttributed > 0, "the fixture plants unattributed events");
    assertEquals(Long.toString(notAttributed), number(html, "count-ip-events-pending"));
    assertEquals("/attribution#outcome-pending", href(html, "count-ip-events-pending"));
    String attribution = page("/attribution", analyst);
    Matcher row = Pattern.compile("id=\"outcome-pending\">\\s*<td>[^<]*</td>\\s*<td class=\"num\">"
        + "(\\d+)<").matcher(attribution);
    assertTrue(row.find(), attribution);
    assertEquals(Long.toString(notAttributed), row.group(1),
        "the dashboard's pending figure is the attribution page's");
    // The incident types link to the report list filtered on each type.
    assertTrue(html.contains("href=\"/signalements?type=Online%20Enticement%20of%20Children%20for"
        + "%20Sexual%20Acts\""), html);
    for (String link : List.of(reports[0], events[0], "/empreintes")) {
      page(link, analyst);
    }
    assertTrue(html.contains("Chiffres nationaux"));
  }

  @Test
  void anInvestigatorsDashboardIsTheirUnitsAndAgreesWithTheirStatisticsPage() throws Exception {
    var investigator = as(Role.INVESTIGATOR, lyonId);
    String html = page("/", investigator);
    List<Report> inLyon = fixture.expected(null, null, lyon, unitOfDepartement);
    String[] reports = card(html, "count-reports");
    assertEquals(Long.toString(inLyon.size()), reports[1]);
    assertNotEquals(Long.toString(fixture.planted.size()), reports[1], "not the national total");
    assertEquals("/statistiques#summary", reports[0]);
    String statistics = page("/statistiques", investigator);
    assertEquals(number(statistics, "summary-reports"), reports[1]);
    assertEquals(number(statistics, "summary-ip-events"), card(html, "count-ip-events")[1]);
    long backlog = inLyon.stream().filter(r -> r.status().equals("NEW")
        || r.status().equals("UNDER_REVIEW")).count();
    assertEquals(Long.toString(backlog), number(html, "count-backlog"));
    assertEquals(Long.toString(events(inLyon, Fate.NOT_ATTRIBUTED)),
        number(html, "count-ip-events-pending"));
    assertEquals(Long.toString(events(inLyon, Fate.IDENTIFIED)),
        number(html, "count-ip-events-identified"));
    assertFalse(html.contains("id=\"count-hash-entries\""), "no card for a list they cannot open");
    assertTrue(html.contains(lyon), "the scope is named");
  }
}
