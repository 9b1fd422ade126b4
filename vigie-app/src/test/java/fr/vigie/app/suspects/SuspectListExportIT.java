package fr.vigie.app.suspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * The suspects list as CSV: every suspect of the caller's scope (another unit's absent), newest
 * first, dates as the page shows them, formulas neutralised, the export on the record.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.jobs.worker-enabled=false")
@AutoConfigureMockMvc
class SuspectListExportIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  Suspects suspects;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MockMvc mvc;

  UsernamePasswordAuthenticationToken as(Role role, String unit, String name) {
    Long unitId = unit == null ? null : jdbc.sql("select id from units where code = ?")
        .param(unit).query(Long.class).single();
    return UsernamePasswordAuthenticationToken.authenticated(new Caller(0, name, role, unitId),
        null, List.of(new SimpleGrantedAuthority(role.authority())));
  }

  @Test
  void exportsTheCallersSuspectsNewestFirstNeutralisedAndAudited() throws Exception {
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    suspects.register(new SuspectDraft("S-EXP-1", "Ancien Lyon", "OFMIN-LYON", "69", t,
        List.of(new SuspectIdentifier("EMAIL", "ancien@example.org", t))));
    jdbc.sql("update suspects set created_at = ? where reference = 'S-EXP-1'")
        .param(java.time.OffsetDateTime.parse("2026-03-01T10:00:00Z")).update();
    suspects.register(new SuspectDraft("S-EXP-2", "=HYPERLINK(\"http://example.org\")",
        "OFMIN-LYON", "69", t, List.of(new SuspectIdentifier("EMAIL", "f@example.org", t))));
    jdbc.sql("update suspects set created_at = ? where reference = 'S-EXP-2'")
        .param(java.time.OffsetDateTime.parse("2026-03-02T10:00:00Z")).update();
    suspects.register(new SuspectDraft("S-EXP-3", "Rennais", "OFMIN-RENNES", "35", t,
        List.of(new SuspectIdentifier("EMAIL", "rennes@example.org", t))));
    jdbc.sql("update suspects set created_at = ? where reference = 'S-EXP-3'")
        .param(java.time.OffsetDateTime.parse("2026-03-03T10:00:00Z")).update();

    String page = mvc.perform(get("/suspects")
            .with(authentication(as(Role.INVESTIGATOR, "OFMIN-LYON", "enqueteur.lyon"))))
        .andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertTrue(page.contains("href=\"/suspects/export.csv\""), page);

    var response = mvc.perform(get("/suspects/export.csv")
            .with(authentication(as(Role.INVESTIGATOR, "OFMIN-LYON", "enqueteur.lyon"))))
        .andExpect(status().isOk()).andReturn().getResponse();
    assertTrue(response.getContentType().startsWith("text/csv"));
    assertTrue(response.getHeader("Content-Disposition").contains("attachment"));
    List<String> lines = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8)
        .lines().toList();
    long lyon = jdbc.sql("""
        select count(*) from suspects s join units u on u.id = s.unit_id
        where u.code = 'OFMIN-LYON' and s.status <> 'MERGED'
        """).query(Long.class).single();
    assertEquals(lyon + 1, lines.size(), String.join("\n", lines));
    assertEquals("\uFEFFreference,name,unit,departement,created_paris", lines.get(0));
    // Newest first; Paris time as the page shows it (11:00 in March).
    int two = lines.indexOf("S-EXP-2,\"'=HYPERLINK(\"\"http://example.org\"\")\",OFMIN-LYON,69,"
        + "2026-03-02 11:00:00 +01:00");
    int one = lines.indexOf("S-EXP-1,Ancien Lyon,OFMIN-LYON,69,2026-03-01 11:00:00 +01:00");
    assertTrue(two > 0 && one > two, String.join("\n", lines));
    assertFalse(String.join("\n", lines).contains(",=HYPERLINK"));
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("S-EXP-3,")), "Rennes' suspect");
    assertEquals(1, jdbc.sql("""
        select count(*) from audit_log where action = 'EXPORT' and object_type = 'suspect-list'
          and actor = 'enqueteur.lyon' and object_id = 'unit'
        """).query(Long.class).single());

    String national = mvc.perform(get("/suspects/export.csv")
            .with(authentication(as(Role.ANALYST, "OFMIN", "analyste.national"))))
        .andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertTrue(national.lines().anyMatch(l -> l.startsWith("S-EXP-3,Rennais,OFMIN-RENNES,35,")));

    // The cap: past it the walk stops and says there was more.
    fr.vigie.app.security.Access all = new fr.vigie.app.security.Access(
        (fr.vigie.app.security.Caller) as(Role.ANALYST, "OFMIN", "analyste.cap").getPrincipal(),
        "127.0.0.1");
    List<String> handed = new java.util.ArrayList<>();
    assertTrue(suspects.exportVisible(all, 2, s -> handed.add(s.reference())));
    assertEquals(List.of("S-EXP-3", "S-EXP-2"), handed);
    handed.clear();
    assertFalse(suspects.exportVisible(all, 3, s -> handed.add(s.reference())));
    assertEquals(List.of("S-EXP-3", "S-EXP-2", "S-EXP-1"), handed);
  }
}
