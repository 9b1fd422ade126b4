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
 * The requisitions list as CSV: the page's filters, the caller's scope (another unit's absent),
 * overdue first, the status in the caller's words, due dates as the page shows them, formulas
 * neutralised, the export on the record with its filters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.jobs.worker-enabled=false")
@AutoConfigureMockMvc
class RequisitionListExportIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MockMvc mvc;

  long unit(String code) {
    return jdbc.sql("select id from units where code = ?").param(code).query(Long.class).single();
  }

  UsernamePasswordAuthenticationToken as(Role role, String unit, String name) {
    return UsernamePasswordAuthenticationToken.authenticated(
        new Caller(0, name, role, unit(unit)), null,
        List.of(new SimpleGrantedAuthority(role.authority())));
  }

  void requisition(String reference, String operator, String unit, String procedureRef,
      String status, String sentAt, String dueAt) {
    jdbc.sql("""
        insert into requisitions (reference, operator_id, unit_id, legal_basis, procedure_type,
          procedure_ref, requesting_officer, status, created_by, sent_at, due_at)
        values (?, (select id from operators where code = ?), ?,
          'Article 60-1 du Code de procédure pénale', 'FLAGRANCE', ?, 'OPJ test', ?, 'test',
          ?, ?)
        """).params(reference, operator, unit(unit), procedureRef, status,
            sentAt == null ? null : OffsetDateTime.parse(sentAt),
            dueAt == null ? null : OffsetDateTime.parse(dueAt))
        .update();
  }

  @Test
  void exportsTheFilteredListInTheCallersScopeInWordsNeutralisedAndAudited() throws Exception {
    requisition("RQ-EXP-DRAFT", "ORANGE", "OFMIN-LYON", "=HYPERLINK(\"http://example.org\")",
        "DRAFTED", null, null);
    requisition("RQ-EXP-LATE", "ORANGE", "OFMIN-LYON", "PV 12/2026", "SENT",
        "2026-01-05T09:00:00Z", "2026-01-20T09:00:00Z");
    requisition("RQ-EXP-SFR", "SFR", "OFMIN-LYON", "PV 13/2026", "DRAFTED", null, null);
    requisition("RQ-EXP-RENNES", "ORANGE", "OFMIN-RENNES", "PV rennais", "SENT",
        "2026-01-05T09:00:00Z", "2026-01-20T09:00:00Z");
    var lyon = as(Role.INVESTIGATOR, "OFMIN-LYON", "enqueteur.lyon");

    String page = mvc.perform(get("/requisitions?operator=ORANGE").with(authentication(lyon)))
        .andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertTrue(page.contains("href=\"/requisitions/export.csv?operator=ORANGE\""), page);

    var response = mvc.perform(get("/requisitions/export.csv?operator=ORANGE")
            .with(authentication(lyon)))
        .andExpect(status().isOk()).andReturn().getResponse();
    assertTrue(response.getContentType().startsWith("text/csv"));
    assertTrue(response.getHeader("Content-Disposition").contains("attachment"));
    List<String> lines = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8)
        .lines().toList();
    assertEquals(List.of(
        "\uFEFFreference,operator,status,answered_items,items,due_paris,procedure,unit",
        "RQ-EXP-LATE,Orange,En retard,0,0,2026-01-20 10:00:00 +01:00,PV 12/2026,OFMIN-LYON",
        "RQ-EXP-DRAFT,Orange,Brouillon,0,0,,\"'=HYPERLINK(\"\"http://example.org\"\")\","
            + "OFMIN-LYON"), lines);
    String text = String.join("\n", lines);
    assertFalse(text.contains("RQ-EXP-RENNES"), "Rennes' requisition");
    assertFalse(text.contains("RQ-EXP-SFR"), "the operator filter");
    assertEquals("/ORANGE", jdbc.sql("""
        select object_id from audit_log where action = 'EXPORT'
          and object_type = 'requisition-list' and actor = 'enqueteur.lyon'
        """).query(String.class).single());

    // The status filter, in English; nationally another unit's requisition is there.
    String national = mvc.perform(get("/requisitions/export.csv?status=OVERDUE")
            .cookie(new Cookie("vigie-lang", "en"))
            .with(authentication(as(Role.ANALYST, "OFMIN", "analyste.national"))))
        .andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertEquals(3, national.lines().count(), national);
    assertTrue(national.contains("RQ-EXP-RENNES,Orange,Overdue,"), national);
    mvc.perform(get("/requisitions/export.csv?status=NIMPORTE").with(authentication(lyon)))
        .andExpect(status().isBadRequest());
  }
}
