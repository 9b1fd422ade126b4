package fr.vigie.app.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.statistics.StatisticsFixture.Report;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
 * The Statistiques page for a signed-in analyst: the figures of planted reports in its tables,
 * each table's CSV with the filters applied (formulas neutralised, the export audited), and the
 * map with a path per département carrying its count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsPageIT {

  static final String MAP = "france/departements-simplifie-avec-outre-mer.geojson";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
    registry.add("vigie.map.departements", () -> SharedData.folder()
        .map(f -> f.resolve(MAP).toString()).orElse("/nonexistent/departements.geojson"));
  }

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MockMvc mvc;

  StatisticsFixture fixture;
  Map<String, String> unitOfDepartement = new HashMap<>();

  @BeforeAll
  void plant() {
    jdbc.sql("select d.code, u.code from departements d join units u on u.id = d.unit_id")
        .query((rs, i) -> unitOfDepartement.put(rs.getString(1), rs.getString(2))).list();
    fixture = new StatisticsFixture(jdbc);
    fixture.plant(42L, 80, java.util.Arrays.asList(unitOfDepartement.get("69"), null));
  }

  private static UsernamePasswordAuthenticationToken analyst() {
    return UsernamePasswordAuthenticationToken.authenticated(
        new Caller(0, "analyste.stats", Role.ANALYST, null), null,
        List.of(new SimpleGrantedAuthority("ROLE_ANALYST")));
  }

  private String page(String url) throws Exception {
    MvcResult result = mvc.perform(get(url).with(authentication(analyst()))).andReturn();
    assertEquals(200, result.getResponse().getStatus(), url);
    return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  private static String cell(String html, String id) {
    Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
    assertTrue(m.find(), "no " + id);
    return m.group(1).replace('\u202F', ' ').replace('\u00A0', ' ').strip();
  }

  @Test
  void thePageShowsTheFiguresInWords() throws Exception {
    String html = page("/statistiques");
    List<Report> expected = fixture.expected(null, null, null, unitOfDepartement);
    assertEquals(Long.toString(expected.size()), cell(html, "summary-reports").replace(" ", ""));
    long backlog = expected.stream().filter(r -> r.status().equals("NEW")
        || r.status().equals("UNDER_REVIEW")).count();
    assertEquals(Long.toString(backlog), cell(html, "summary-backlog").replace(" ", ""));
    assertTrue(html.contains("Opérateur français, sans réponse à ce jour"), html);
    assertTrue(html.contains("Délai de conservation dépassé"));
    for (IdentificationOutcome o : IdentificationOutcome.values()) {
      assertFalse(html.contains(">" + o.name() + "<"), "raw code shown: " + o);
    }
    assertTrue(html.contains("Licence Ouverte / Etalab") || html.contains("id=\"map-missing\""));
    String english = page("/statistiques?lang=en");
    assertTrue(english.contains("French operator, not answered yet"), english);
  }

  @Test
  void eachTableExportsAsCsvWithTheFiltersApplied() throws Exception {
    LocalDate from = LocalDate.of(2025, 3, 1);
    LocalDate to = LocalDate.of(2025, 4, 30);
    MvcResult result = mvc.perform(get("/statistiques/mois-type.csv")
        .param("from", from.toString()).param("to", to.toString())
        .with(authentication(analyst()))).andReturn();
    assertEquals(200, result.getResponse().getStatus());
    assertTrue(result.getResponse().getContentType().startsWith("text/csv"));
    String csv = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    List<Report> expected = fixture.expected(from, to, null, unitOfDepartement);
    Map<List<String>, Long> byType = StatisticsFixture.count(expected,
        r -> List.of(StatisticsFixture.month(r), r.type()));
    List<String> lines = csv.lines().toList();
    assertEquals("\uFEFFMois,Type d’incident,Nombre", lines.getFirst());
    assertEquals(byType.size() + 1, lines.size(), csv);
    for (Map.Entry<List<String>, Long> e : byType.entrySet()) {
      String type = e.getKey().get(1);
      String shown = type.startsWith("=") ? "'" + type : type;
      String quoted = shown.contains(",") || shown.contains("\"") ? "\"" + shown + "\"" : shown;
      assertTrue(lines.contains(e.getKey().get(0) + "," + quoted + "," + e.getValue()),
          e + " in " + csv);
    }
    assertTrue(csv.contains("'=cmd|"), "a formula is neutralised: " + csv);
    assertFalse(csv.contains(",=cmd|"));
    assertEquals(1, jdbc.sql("select count(*) from audit_log where action = 'EXPORT' "
        + "and object_type = 'statistics' and object_id = 'mois-type' "
        + "and detail = 'from=2025-03-01 to=2025-04-30 unit=' and actor = 'analyste.stats'")
        .query(Long.class).single(), "the export is on the record with its filters");

    String departements = mvc.perform(get("/statistiques/departements.csv")
        .with(authentication(analyst()))).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    Map<String, Long> counts = StatisticsFixture.count(fixture.expected(null, null, null,
        unitOfDepartement).stream().filter(r -> r.departement() != null).toList(),
        Report::departement);
    assertEquals(102, departements.lines().count(), "a header and 101 départements");
    for (String code : List.of("35", "69", "75", "2A", "974", "13", "01")) {
      assertTrue(departements.lines().anyMatch(l -> l.startsWith(code + ",")
          && l.split(",")[2].equals(Long.toString(counts.getOrDefault(code, 0L)))),
          code + " in " + departements);
    }
    String summary = mvc.perform(get("/statistiques/synthese.csv")
        .with(authentication(analyst()))).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertTrue(summary.contains("Signalements reçus,"
        + fixture.expected(null, null, null, unitOfDepartement).size()), summary);
    assertEquals(404, mvc.perform(get("/statistiques/inconnu.csv")
        .with(authentication(analyst()))).andReturn().getResponse().getStatus());
  }

  @Test
  void anInvestigatorsPageAndExportsAreTheirUnitsWhateverTheyAsk() throws Exception {
    String lyon = unitOfDepartement.get("69");
    long lyonId = jdbc.sql("select id from units where code = ?").param(lyon).query(Long.class)
        .single();
    var investigator = UsernamePasswordAuthenticationToken.authenticated(
        new Caller(0, "enqueteur.stats", Role.INVESTIGATOR, lyonId), null,
        List.of(new SimpleGrantedAuthority("ROLE_INVESTIGATOR")));
    long inLyon = fixture.expected(null, null, lyon, unitOfDepartement).size();
    assertTrue(inLyon > 0 && inLyon < fixture.expected(null, null, null, unitOfDepartement)
        .size());
    String html = mvc.perform(get("/statistiques").param("unit", "")
        .with(authentication(investigator))).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertEquals(Long.toString(inLyon), cell(html, "summary-reports").replace(" ", ""));
    assertFalse(html.contains("id=\"unit\""), "no scope to choose");
    String csv = mvc.perform(get("/statistiques/synthese.csv")
        .param("unit", unitOfDepartement.get("35")).with(authentication(investigator)))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertTrue(csv.contains("Signalements reçus," + inLyon), csv);
    assertEquals(lyonId, jdbc.sql("""
        select scope_unit_id from audit_log where actor = 'enqueteur.stats'
        and action = 'EXPORT' order by id desc limit 1""").query(Long.class).single());
  }

  @Test
  void theMapHasAPathPerDepartementWithItsCount() throws Exception {
    SharedData.path(MAP);
    String html = page("/statistiques");
    Map<String, Long> counts = StatisticsFixture.count(fixture.expected(null, null, null,
        unitOfDepartement).stream().filter(r -> r.departement() != null).toList(),
        Report::departement);
    Matcher paths = Pattern.compile("<path id=\"dep-([0-9AB]+)\" data-code=\"\\1\" "
        + "data-count=\"(\\d+)\" fill=\"(#[0-9a-f]{6})\"[^>]* d=\"M[^\"]+\"><title>([^<]+)</title>")
        .matcher(html);
    Map<String, Long> drawn = new HashMap<>();
    while (paths.find()) {
      drawn.put(paths.group(1), Long.parseLong(paths.group(2)));
      assertTrue(paths.group(4).endsWith(" : " + paths.group(2)), paths.group(4));
      assertEquals(paths.group(2).equals("0"), paths.group(3).equals("#ffffff"), paths.group(1));
    }
    assertEquals(101, drawn.size(), "a path per département, overseas included");
    for (Map.Entry<String, Long> d : drawn.entrySet()) {
      assertEquals(counts.getOrDefault(d.getKey(), 0L), d.getValue(), d.getKey());
    }
    for (Map.Entry<String, Long> c : counts.entrySet()) {
      assertTrue(html.contains("\">" + c.getValue() + "</text>"), "count written: " + c);
    }
    assertTrue(html.contains("Contours : IGN – ADMIN EXPRESS COG 2018, via "
        + "github.com/gregoiredavid/france-geojson (Licence Ouverte / Etalab)"));
    assertFalse(html.contains("id=\"map-missing\""));
  }
}
