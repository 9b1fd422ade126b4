package fr.vigie.app.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
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
 * The attribution events list as CSV: the page's outcome and reason filters, newest first,
 * outcome and reason in the caller's words, times as the page shows them, formulas neutralised,
 * the export on the record with its filters. Attributions are the national office's (reports
 * belong to no unit): the page and the export have no unit scope, and an investigator sees the
 * same rows as an analyst.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.jobs.worker-enabled=false")
@AutoConfigureMockMvc
class AttributionListExportIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MockMvc mvc;

  UsernamePasswordAuthenticationToken as(Role role, String unit, String name) {
    long unitId = jdbc.sql("select id from units where code = ?").param(unit)
        .query(Long.class).single();
    return UsernamePasswordAuthenticationToken.authenticated(new Caller(0, name, role, unitId),
        null, List.of(new SimpleGrantedAuthority(role.authority())));
  }

  void attributed(String reportRef, String ip, String at, String outcome, String reasonCode,
      String country, String operator) {
    jdbc.sql("""
        insert into sources (code, name, kind) select 'T', 'Source test', 'MANUAL'
        where not exists (select 1 from sources where code = 'T')
        """).update();
    long report = jdbc.sql("""
        insert into reports (source_id, external_id, content_sha256, incident_type, received_at,
          status, raw_format)
        values ((select id from sources where code = 'T'), ?, 'x', 'Child Pornography', ?, 'NEW',
          'DEMO') returning id
        """).params(reportRef + "-" + ip, OffsetDateTime.parse(at)).query(Long.class).single();
    long event = jdbc.sql("""
        insert into ip_events (report_id, ip_original, ip, ip_version, occurred_at)
        values (?, ?, ?, 4, ?) returning id
        """).params(report, ip, ip, OffsetDateTime.parse(at)).query(Long.class).single();
    jdbc.sql("""
        insert into ip_attributions (ip_event_id, report_id, report_ref, ip, port, occurred_at,
          outcome, reason_code, reason, country_code, operator_id, attributed_at)
        values (?, ?, ?, ?, 443, ?, ?, ?, 'détail', ?, (select id from operators where code = ?),
          now())
        """).params(event, report, reportRef, ip, OffsetDateTime.parse(at), outcome, reasonCode,
            country, operator).update();
  }

  @Test
  void exportsTheFilteredEventsInWordsNeutralisedAndAudited() throws Exception {
    attributed("=HYPERLINK(\"http://example.org\")", "192.0.2.10", "2026-03-02T10:00:00Z",
        "FRANCE", null, "FR", "ORANGE");
    attributed("NCMEC 2", "198.51.100.7", "2026-03-01T10:00:00Z", "FRANCE", null, "FR", "SFR");
    attributed("NCMEC 3", "203.0.113.9", "2026-03-03T10:00:00Z", "UNATTRIBUTED", "NOT_IN_GEOIP",
        null, null);
    var investigator = as(Role.INVESTIGATOR, "OFMIN-LYON", "enqueteur.lyon");

    String page = mvc.perform(get("/attribution?outcome=FRANCE").with(authentication(investigator)))
        .andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertTrue(page.contains("href=\"/attribution/export.csv?outcome=FRANCE\""), page);

    var response = mvc.perform(get("/attribution/export.csv?outcome=FRANCE")
            .with(authentication(investigator)))
        .andExpect(status().isOk()).andReturn().getResponse();
    assertTrue(response.getContentType().startsWith("text/csv"));
    assertTrue(response.getHeader("Content-Disposition").contains("attachment"));
    List<String> lines = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8)
        .lines().toList();
    assertEquals(List.of(
        "\uFEFFip,port,time_paris,report,outcome,operator,country,requisition,reason,detail",
        "192.0.2.10,443,2026-03-02 11:00:00 +01:00,\"'=HYPERLINK(\"\"http://example.org\"\")\","
            + "France : réquisition à l’opérateur,Orange,,,,détail",
        "198.51.100.7,443,2026-03-01 11:00:00 +01:00,NCMEC 2,"
            + "France : réquisition à l’opérateur,SFR,,,,détail"), lines);
    assertFalse(String.join("\n", lines).contains("203.0.113.9"), "the outcome filter");
    assertEquals("FRANCE", jdbc.sql("""
        select object_id from audit_log where action = 'EXPORT'
          and object_type = 'attribution-list' and actor = 'enqueteur.lyon'
        """).query(String.class).single());

    // Outcome and reason filters together, in English.
    String unattributed = mvc.perform(get("/attribution/export.csv?outcome=UNATTRIBUTED"
            + "&reason=NOT_IN_GEOIP").cookie(new Cookie("vigie-lang", "en"))
            .with(authentication(as(Role.ANALYST, "OFMIN", "analyste.national"))))
        .andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    List<String> rows = unattributed.lines().toList();
    assertEquals(2, rows.size(), unattributed);
    assertTrue(rows.get(1).startsWith("203.0.113.9,443,2026-03-03 11:00:00 +01:00,NCMEC 3,"
        + "Unattributed,"), rows.get(1));
    assertTrue(rows.get(1).contains(",Address not in the GeoIP database.,"), rows.get(1));
    assertEquals("UNATTRIBUTED/NOT_IN_GEOIP", jdbc.sql("""
        select object_id from audit_log where action = 'EXPORT'
          and object_type = 'attribution-list' and actor = 'analyste.national'
        """).query(String.class).single());
    mvc.perform(get("/attribution/export.csv?outcome=NIMPORTE")
            .with(authentication(investigator)))
        .andExpect(status().isBadRequest());
  }
}
