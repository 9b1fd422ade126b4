package fr.vigie.app.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.security.Access;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.TestDatabases;
import fr.vigie.app.suspects.SuspectDraft;
import fr.vigie.app.suspects.SuspectIdentifier;
import fr.vigie.app.suspects.Suspects;
import jakarta.servlet.http.Cookie;
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
 * The cases list as CSV: every case of the caller's scope (another unit's absent), newest first,
 * the status in the caller's words, dates as the page shows them, formulas neutralised, the
 * export on the record.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.jobs.worker-enabled=false")
@AutoConfigureMockMvc
class CaseListExportIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  Cases cases;

  @Autowired
  Suspects suspects;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MockMvc mvc;

  Caller caller(Role role, String unit, String name) {
    long unitId = jdbc.sql("select id from units where code = ?").param(unit)
        .query(Long.class).single();
    return new Caller(0, name, role, unitId);
  }

  UsernamePasswordAuthenticationToken as(Caller c) {
    return UsernamePasswordAuthenticationToken.authenticated(c, null,
        List.of(new SimpleGrantedAuthority(c.role().authority())));
  }

  long openCase(Caller c, String suspectRef, String unit, String title, String openedAt) {
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    long suspect = suspects.register(new SuspectDraft(suspectRef, "Nom " + suspectRef, unit,
        "69", t, List.of(new SuspectIdentifier("EMAIL", suspectRef + "@example.org", t))));
    long id = ((CaseOpening.Opened) cases.openFor(new Access(c, "127.0.0.1"), List.of(suspect),
        title).orElseThrow()).id();
    jdbc.sql("update cases set opened_at = ? where id = ?")
        .params(java.time.OffsetDateTime.parse(openedAt), id).update();
    return id;
  }

  @Test
  void exportsTheCallersCasesWithStatusInWordsNeutralisedAndAudited() throws Exception {
    Caller lyon = caller(Role.INVESTIGATOR, "OFMIN-LYON", "enqueteur.lyon");
    Caller rennes = caller(Role.INVESTIGATOR, "OFMIN-RENNES", "enqueteur.rennes");
    openCase(lyon, "S-CEXP-1", "OFMIN-LYON", "Dossier ancien", "2026-03-01T10:00:00Z");
    openCase(lyon, "S-CEXP-2", "OFMIN-LYON", "=HYPERLINK(\"http://example.org\")",
        "2026-03-02T10:00:00Z");
    openCase(rennes, "S-CEXP-3", "OFMIN-RENNES", "Dossier rennais", "2026-03-03T10:00:00Z");
    String lyonRef1 = jdbc.sql("select reference from cases where title = 'Dossier ancien'")
        .query(String.class).single();
    String lyonRef2 = jdbc.sql("select reference from cases where title like '=HYPERLINK%'")
        .query(String.class).single();
    String rennesRef = jdbc.sql("select reference from cases where title = 'Dossier rennais'")
        .query(String.class).single();

    String page = mvc.perform(get("/dossiers").with(authentication(as(lyon))))
        .andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertTrue(page.contains("href=\"/dossiers/export.csv\""), page);

    var response = mvc.perform(get("/dossiers/export.csv").with(authentication(as(lyon))))
        .andExpect(status().isOk()).andReturn().getResponse();
    assertTrue(response.getContentType().startsWith("text/csv"));
    assertTrue(response.getHeader("Content-Disposition").contains("attachment"));
    List<String> lines = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8)
        .lines().toList();
    assertEquals("\uFEFFreference,title,unit,status,opened_paris,opened_by,suspects",
        lines.get(0));
    assertEquals(List.of(
        lyonRef2 + ",\"'=HYPERLINK(\"\"http://example.org\"\")\",OFMIN-LYON,ouvert,"
            + "2026-03-02 11:00:00 +01:00,enqueteur.lyon,S-CEXP-2",
        lyonRef1 + ",Dossier ancien,OFMIN-LYON,ouvert,2026-03-01 11:00:00 +01:00,"
            + "enqueteur.lyon,S-CEXP-1"), lines.subList(1, lines.size()));
    assertFalse(String.join("\n", lines).contains(rennesRef), "Rennes' case");
    assertEquals(1, jdbc.sql("""
        select count(*) from audit_log where action = 'EXPORT' and object_type = 'case-list'
          and actor = 'enqueteur.lyon' and object_id = 'unit'
        """).query(Long.class).single());

    // Nationally every case, the status in English for an English reader.
    Caller analyst = caller(Role.ANALYST, "OFMIN", "analyste.national");
    String national = mvc.perform(get("/dossiers/export.csv").cookie(new Cookie("vigie-lang",
            "en")).with(authentication(as(analyst))))
        .andExpect(status().isOk()).andReturn().getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
    assertEquals(4, national.lines().count(), national);
    assertTrue(national.contains(rennesRef + ",Dossier rennais,OFMIN-RENNES,open,"), national);
  }
}
