package fr.vigie.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import fr.vigie.app.intake.IntakeCounts;
import fr.vigie.app.intake.ReportDraft;
import fr.vigie.app.intake.Reports;
import fr.vigie.app.matching.HashSets;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo seeds exactly the generated data set, once, on every database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=" + DemoSeedIT.REPORTS})
@AutoConfigureMockMvc
class DemoSeedIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  static final int REPORTS = 250;

  @Autowired
  DemoSeeder seeder;

  @Autowired
  Reports reports;

  @Autowired
  HashSets hashSets;

  @Autowired
  UserAccounts users;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  PasswordEncoder passwords;

  @Autowired
  TransactionTemplate transaction;

  @Autowired
  MockMvc mvc;

  @Test
  void seedsTheGeneratedDataSetAtStartUp() {
    SyntheticData.DataSet expected = SyntheticData.generate(REPORTS, 20260101L);
    IntakeCounts counts = reports.counts();
    assertEquals(REPORTS, counts.reports());
    assertEquals(expected.reports().stream().mapToLong(r -> r.identifiers().size()).sum(),
        counts.identifiers());
    assertEquals(expected.reports().stream().mapToLong(r -> r.ipEvents().size()).sum(),
        counts.ipEvents());
    assertEquals(expected.reports().stream().mapToLong(r -> r.media().size()).sum(),
        counts.media());
    assertEquals(expected.hashSet().entries().size(), hashSets.counts().activeEntries());
    assertEquals(DemoAccounts.ALL.size(), users.count());
    long flaggedNoZone = expected.reports().stream().flatMap(r -> r.ipEvents().stream())
        .filter(e -> e.originalOffset() == null).count();
    assertEquals(flaggedNoZone,
        jdbc.sql("select count(*) from ip_events where offset_missing").query(Long.class).single());
    assertTrue(flaggedNoZone > 0, "the demo shows what a time without a zone looks like");
  }

  @Test
  void placesTheReportsOfAttributedPeopleInTheirDepartement() {
    SyntheticData.DataSet expected = SyntheticData.generate(REPORTS, 20260101L);
    java.util.Map<String, String> byKey = new java.util.HashMap<>();
    expected.suspects().stream().filter(s -> s.departementCode() != null)
        .forEach(s -> byKey.put(s.identifiers().getFirst().canonicalKey(), s.departementCode()));
    java.util.Map<String, String> want = new java.util.TreeMap<>();
    expected.reports().forEach(r -> {
      String d = byKey.get(r.identifiers().getFirst().canonicalKey());
      if (d != null) {
        want.put(r.externalId(), d);
      }
    });
    java.util.Map<String, String> got = new java.util.TreeMap<>();
    jdbc.sql("""
        select external_id, departement_code from reports where departement_code is not null
        """).query(rs -> {
          got.put(rs.getString(1), rs.getString(2));
        });
    assertEquals(want, got);
    assertTrue(got.size() > REPORTS / 10,
        "a good share of the demo has a département: " + got.size());
    assertTrue(got.containsValue("59"), "the Lille example of the list's filter: " + got);
    // A few are given to the units responsible, two of Lyon's to its demo investigator, as the
    // analyst's changes on each report's history.
    assertEquals(2L, jdbc.sql("""
        select count(*) from reports r join units u on u.id = r.assigned_unit_id
        where r.assigned_to = 'enqueteur.lyon' and u.code = 'OFMIN-LYON'
        """).query(Long.class).single());
    long given = jdbc.sql("select count(*) from reports where assigned_unit_id is not null")
        .query(Long.class).single();
    assertTrue(given > 5 && given <= 5L * 13, "given: " + given);
    assertEquals(given + 2, jdbc.sql("""
        select count(*) from report_events where kind = 'ASSIGNED' and actor = 'analyste'
        """).query(Long.class).single());
  }

  @Test
  void givesGeneratedPicturesToMediaOutsideTheHashSet() {
    assertEquals(40L, jdbc.sql("""
        select count(*) from media
        where content_ref is not null and content_type = 'image/png' and pdq is not null
          and content_ref = sha256
        """).query(Long.class).single());
    assertEquals(0L, jdbc.sql("""
        select count(*) from media m join hash_entries e on e.hash_value = m.sha256
        where m.content_ref is not null
        """).query(Long.class).single(), "the pictures are in no set: unknown material");
  }

  @Test
  void seedingAgainChangesNothing() {
    IntakeCounts before = reports.counts();
    Boolean seeded = transaction.execute(status -> seeder.seed());
    assertFalse(seeded);
    assertEquals(before, reports.counts());
    assertEquals(1, hashSets.counts().activeSets());
  }

  @Test
  void demoPasswordsAreStoredAsArgon2idHashesThatVerify() {
    for (DemoAccounts.Account account : DemoAccounts.ALL) {
      String hash = jdbc.sql("select password_hash from users where username = ?")
          .param(account.username()).query(String.class).single();
      assertTrue(hash.startsWith("$argon2id$"), hash);
      assertTrue(passwords.matches(account.password(), hash), account.username());
    }
  }

  @Test
  void storesTheSameFirstReportAsTheGenerator() {
    ReportDraft first = SyntheticData.generate(REPORTS, 20260101L).reports().getFirst();
    String stored = jdbc.sql("""
            select r.incident_type from reports r join sources s on s.id = r.source_id
            where s.code = ? and r.external_id = ?
            """)
        .params(first.sourceCode(), first.externalId()).query(String.class).single();
    assertEquals(first.incidentType(), stored);
  }

  @Test
  void aDemoSuspectsPageShowsItsReportsEventsFilesAndTarget() throws Exception {
    // Registered directly (no linking run, no link written): reached through its identifiers.
    long id = jdbc.sql("select id from suspects where reference = 'S-2026-00001'")
        .query(Long.class).single();
    long reportsNaming = jdbc.sql("""
        select count(distinct ri.report_id) from suspect_identifiers si
        join reported_identifiers ri on ri.kind = si.kind and ri.canonical_key = si.canonical_key
        where si.suspect_id = ?""").param(id).query(Long.class).single();
    assertTrue(reportsNaming > 0);
    Caller caller = new Caller(0, "t.analyst", Role.ANALYST, null);
    String page = mvc.perform(MockMvcRequestBuilders.get("/suspects/" + id)
            .with(authentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
                java.util.List.of(new SimpleGrantedAuthority(Role.ANALYST.authority()))))))
        .andReturn().getResponse().getContentAsString();
    String table = page.substring(page.indexOf("id=\"suspect-reports\""));
    table = table.substring(0, table.indexOf("</table>"));
    assertEquals(reportsNaming, table.split("<td><a href=\"/signalements/", -1).length - 1L,
        "one row per report naming the suspect's identifiers");
    assertTrue(page.contains("id=\"suspect-events\"") && page.contains("id=\"suspect-files\"")
        && page.contains("href=\"/media/"), page);
    assertTrue(page.contains("href=\"/operations/cibles/"), "the first suspect is a target");
    assertFalse(page.contains("id=\"no-reports\""));
  }
}
