package fr.vigie.app.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.util.HtmlUtils;

/**
 * The report list: how many reports match the filters, previous and next pages, the
 * Département column (attribution's, else a named person's postal code) and its filter, and the
 * CSV export of the filtered list with formulas neutralised.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.jobs.worker-enabled=false"})
@AutoConfigureMockMvc
class ReportListIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  MockMvc mvc;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  Reports reports;

  static final UsernamePasswordAuthenticationToken ANALYST =
      UsernamePasswordAuthenticationToken.authenticated(
          new Caller(0, "analyste.liste", Role.ANALYST, null), null,
          List.of(new SimpleGrantedAuthority(Role.ANALYST.authority())));

  /** 120 reports P0 (newest) … P119, one an hour. */
  @BeforeEach
  void reports() {
    for (String table : List.of("report_events", "report_persons", "ip_events", "reports")) {
      jdbc.sql("delete from " + table).update();
    }
    jdbc.sql("""
        insert into sources (code, name, kind, country) select 'NCMEC', 'NCMEC CyberTipline',
          'NCMEC', 'US' where not exists (select 1 from sources where code = 'NCMEC')
        """).update();
    Instant start = Instant.parse("2026-02-01T10:00:00Z");
    for (int i = 0; i < 120; i++) {
      jdbc.sql("""
          insert into reports (source_id, external_id, content_sha256, incident_type,
            received_at, status, raw_format)
          values ((select id from sources where code = 'NCMEC'), ?, 'x', ?, ?, ?, 'DEMO')
          """).params("P" + i, i == 3 ? "=HYPERLINK(\"http://example.org\")" : "Child Pornography",
              start.minus(Duration.ofHours(i)).atOffset(ZoneOffset.UTC),
              i % 4 == 0 ? "UNDER_REVIEW" : "NEW").update();
    }
  }

  long id(String ref) {
    return jdbc.sql("select id from reports where external_id = ?").param(ref).query(Long.class)
        .single();
  }

  void person(String ref, String role, String postalCode, String country) {
    jdbc.sql("""
        insert into report_persons (report_id, role, postal_code, country) values (?, ?, ?, ?)
        """).params(id(ref), role, postalCode, country).update();
  }

  String html(String url) throws Exception {
    return mvc.perform(get(java.net.URI.create(url)).with(authentication(ANALYST)))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
  }

  static List<String> refs(String html) {
    List<String> refs = new ArrayList<>();
    Matcher m = Pattern.compile("<a href=\"/signalements/\\d+\">(P\\d+)</a>").matcher(html);
    while (m.find()) {
      refs.add(m.group(1));
    }
    return refs;
  }

  static String link(String html, String id) {
    Matcher m = Pattern.compile("<a href=\"([^\"]+)\"\\s+id=\"" + id + "\"").matcher(html);
    return m.find() ? HtmlUtils.htmlUnescape(m.group(1)) : null;
  }

  static List<String> range(int from, int to) {
    List<String> refs = new ArrayList<>();
    for (int i = from; i < to; i++) {
      refs.add("P" + i);
    }
    return refs;
  }

  @Test
  void theListSaysHowManyMatchAndPagesBackAndForth() throws Exception {
    String first = html("/signalements");
    assertTrue(first.contains("120 signalement(s) correspondent aux filtres"), first);
    assertNull(link(first, "previous-page"), "no previous page on the first");
    assertEquals(range(0, 50), refs(first));
    String second = html(link(first, "next-page"));
    String third = html(link(second, "next-page"));
    assertEquals(range(100, 120), refs(third));
    assertNull(link(third, "next-page"));
    String backToSecond = html(link(third, "previous-page"));
    assertEquals(range(50, 100), refs(backToSecond));
    assertEquals(refs(second), refs(backToSecond));
    String backToFirst = html(link(backToSecond, "previous-page"));
    assertEquals(range(0, 50), refs(backToFirst));
    assertNull(link(backToFirst, "previous-page"), "the first page again, reached upwards");
    assertEquals(range(50, 100), refs(html(link(backToFirst, "next-page"))));
    // The total follows the filters; the previous link keeps them.
    String filtered = html("/signalements?statut=UNDER_REVIEW");
    assertTrue(filtered.contains("30 signalement(s) correspondent aux filtres"), filtered);
    assertTrue(html("/signalements?statut=UNDER_REVIEW&lang=en")
        .contains("30 report(s) match the filters"));
  }

  @Test
  void theDepartementColumnIsFilledAndItsFilterAgrees() throws Exception {
    person("P0", "REPORTED", "59000", "FR");
    person("P1", "VICTIM", "59800", null);
    person("P1", "REPORTED", "62100", "FR"); // the reported person's comes first
    person("P2", "REPORTED", "20090", "FR");
    person("P5", "REPORTED", "20200", null);
    person("P6", "REPORTED", "98000", null); // Monaco: no such département
    person("P7", "REPORTED", "97400", "FR");
    person("P8", "REPORTED", "59000", "BE"); // not a French postal code
    person("P9", "REPORTED", "10115", "DE");
    // Attribution placed P10 in Lyon: that wins over the person's code.
    person("P10", "REPORTED", "59000", "FR");
    jdbc.sql("update reports set departement_code = '69' where external_id = 'P10'").update();

    String page = html("/signalements");
    Map<String, String> expected = Map.of("P0", "59", "P1", "62", "P2", "2A", "P5", "2B",
        "P6", "", "P7", "974", "P8", "", "P9", "", "P10", "69", "P11", "");
    for (var e : expected.entrySet()) {
      String row = page.substring(page.indexOf("id=\"report-" + id(e.getKey()) + "\""));
      row = row.substring(0, row.indexOf("</tr>"));
      List<String> cells = new ArrayList<>();
      Matcher td = Pattern.compile("<td>([^<]*)</td>").matcher(row);
      while (td.find()) {
        cells.add(td.group(1).strip());
      }
      // Source, incident type, status, département, assigned to: the département is 4th.
      assertEquals(e.getValue(), cells.get(3), e.getKey() + ": " + row);
    }
    assertEquals(List.of("P0", "P1", "P8", "P10"), refs(html("/signalements?departement=59")),
        "the filter finds any person of the report living there, and attribution's");
    assertEquals(List.of("P1"), refs(html("/signalements?departement=62")));
    assertEquals(List.of("P2"), refs(html("/signalements?departement=2A")));
    assertEquals(List.of("P5"), refs(html("/signalements?departement=2b")));
    assertEquals(List.of("P10"), refs(html("/signalements?departement=69")));
    assertEquals(List.of("P7"), refs(html("/signalements?departement=974")));
    assertTrue(html("/signalements?departement=59").contains(
        "4 signalement(s) correspondent aux filtres"));
    // The report page shows it the same way.
    assertTrue(html("/signalements/" + id("P2")).contains("<dd>2A</dd>"));
  }

  @Test
  void anOperatorsAnswerPlacesTheReportOfItsEvent() {
    long report = id("P4");
    jdbc.sql("""
        insert into ip_events (report_id, ip_original, ip, ip_version, occurred_at,
          offset_missing)
        values (?, '192.0.2.7', '192.0.2.7', 4, current_timestamp, false)
        """).param(report).update();
    long event = jdbc.sql("select id from ip_events where report_id = ?").param(report)
        .query(Long.class).single();
    reports.placeByIpEvent(event, "59");
    reports.placeByIpEvent(event, "XX"); // no such département: nothing changes
    assertEquals("59", jdbc.sql("select departement_code from reports where id = ?")
        .param(report).query(String.class).single());
  }

  @Test
  void theCsvExportHasTheFilteredListWithFormulasNeutralised() throws Exception {
    person("P3", "REPORTED", "59000", "FR");
    person("P4", "REPORTED", "59000", "FR");
    long before = jdbc.sql("select count(*) from audit_log where action = 'EXPORT'")
        .query(Long.class).single();
    var response = mvc.perform(get("/signalements/export.csv?departement=59")
            .with(authentication(ANALYST)))
        .andExpect(status().isOk()).andReturn().getResponse();
    assertTrue(response.getContentType().startsWith("text/csv"), response.getContentType());
    assertTrue(response.getHeader("Content-Disposition").contains("attachment"));
    String csv = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
    List<String> lines = csv.lines().toList();
    assertEquals("\uFEFFid,source,reference,version,incident_type,received_paris,status,"
        + "departement,high_priority,assigned_unit,assigned_to", lines.get(0));
    assertEquals(3, lines.size(), csv);
    assertTrue(lines.get(1).startsWith(id("P3") + ",NCMEC,P3,1,\"'=HYPERLINK(\"\"http://example.org\"\")\","),
        lines.get(1));
    assertTrue(lines.get(1).contains(",Nouveau,59,false,,"), lines.get(1));
    assertTrue(lines.get(2).contains(",En examen,59,"), lines.get(2));
    assertFalse(csv.contains(",=HYPERLINK"), "never a cell that starts with =");
    assertEquals(before + 1, jdbc.sql("select count(*) from audit_log where action = 'EXPORT'")
        .query(Long.class).single());
    assertEquals("analyste.liste", jdbc.sql("""
        select actor from audit_log where action = 'EXPORT' and object_type = 'report-list'
        order by id desc limit 1
        """).query(String.class).single());
    // Every page, not the first one only.
    String all = mvc.perform(get("/signalements/export.csv").with(authentication(ANALYST)))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertEquals(121, all.lines().count());
    // A bad filter is refused rather than exporting everything.
    mvc.perform(get("/signalements/export.csv?du=hier").with(authentication(ANALYST)))
        .andExpect(status().isBadRequest());
  }
}
