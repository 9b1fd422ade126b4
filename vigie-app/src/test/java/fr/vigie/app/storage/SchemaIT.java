package fr.vigie.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.TestDatabases;
import fr.vigie.app.units.Departement;
import fr.vigie.app.units.Unit;
import fr.vigie.app.units.UnitDirectory;
import fr.vigie.formats.csv.CsvReader;
import fr.vigie.formats.csv.CsvRow;
import fr.vigie.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the schema must be on every database Vigie supports; run once per database by the
 * subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class SchemaIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  static final Set<String> PIPELINE_TABLES = Set.of(
      "units", "departements", "users", "user_recovery_codes", "api_tokens", "audit_log",
      "sources", "import_jobs", "import_rejects", "reports", "report_persons",
      "reported_identifiers", "ip_events", "media", "victim_hints", "hash_sets", "hash_entries",
      "matches", "operators", "operator_asns", "operator_cgnat_ranges", "requisitions",
      "requisition_items", "requisition_answers", "subscribers", "suspects",
      "suspect_identifiers", "links", "suspect_decisions", "risk_assessments", "cases",
      "case_suspects", "case_events", "case_tasks", "exhibits", "operations", "targets", "jobs",
      "audit_head");

  @Autowired
  JdbcClient jdbc;

  @Autowired
  UnitDirectory units;

  @Autowired
  javax.sql.DataSource dataSource;

  @Test
  void createsEveryTableOfThePipeline() {
    Set<String> tables = new TreeSet<>(jdbc.sql("""
            select lower(table_name) from information_schema.tables
            where lower(table_schema) = lower(current_schema())
            """)
        .query(String.class).list());
    Set<String> missing = new TreeSet<>(PIPELINE_TABLES);
    missing.removeAll(tables);
    assertTrue(missing.isEmpty(), "missing tables: " + missing);
  }

  @Test
  void appliesEveryMigration() throws Exception {
    // Flyway 11 adds a row with installed_rank -1 for the schema: count SQL migrations only.
    long applied = jdbc.sql("select count(*) from flyway_schema_history where type = 'SQL' and success")
        .query(Long.class).single();
    var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
    long migrations = resolver.getResources("classpath*:db/migration/V*.sql").length;
    assertTrue(migrations >= 3, "migrations found on the classpath: " + migrations);
    assertEquals(migrations, applied);
  }


  @Test
  void shipsTheHundredAndOneDepartementsOfTheReferenceTable() throws Exception {
    Map<String, String> reference;
    try (CsvReader csv = new CsvReader(java.nio.file.Files.newBufferedReader(
        SharedData.path("france/departements.csv"), StandardCharsets.UTF_8))) {
      reference = csv.stream()
          .map(row -> (CsvRow.Fields) row)
          .filter(row -> row.line() > 1)
          .collect(Collectors.toMap(row -> row.get(0), row -> row.get(1)));
    }
    List<Departement> departements = units.departements();
    assertEquals(101, departements.size());
    assertEquals(reference, departements.stream()
        .collect(Collectors.toMap(Departement::code, Departement::name)));
    // INSEE order: Corsica between 19 and 21, overseas last.
    List<String> codes = departements.stream().map(Departement::code).toList();
    assertEquals(List.of("19", "2A", "2B", "21"), codes.subList(18, 22));
    assertEquals("976", codes.get(100));
  }

  @Test
  void mapsEachDepartementToTheExpectedUnitByDefault() {
    Map<String, String> unitOf = units.departements().stream()
        .collect(Collectors.toMap(Departement::code, Departement::unitCode));
    assertEquals("OFMIN-LYON", unitOf.get("69"));
    assertEquals("OFMIN-MARSEILLE", unitOf.get("2A"));
    assertEquals("OFMIN-RENNES", unitOf.get("35"));
    assertEquals("OFMIN-LILLE", unitOf.get("59"));
    assertEquals("OFMIN-BORDEAUX", unitOf.get("33"));
    assertEquals("PP-BPM", unitOf.get("75"));
    assertEquals("PP-BPM", unitOf.get("92"), "petite couronne: the Préfecture de police's BPM");
    assertEquals("OFMIN", unitOf.get("78"), "grande couronne: the head office");
    assertEquals("SZPJ-EST", unitOf.get("67"));
    assertEquals("DTPN-974", unitOf.get("974"));
    assertEquals(Set.of(), units.units().stream().map(Unit::code)
        .filter(code -> !unitOf.containsValue(code)).collect(Collectors.toSet()),
        "every unit covers at least one département");
    assertEquals("OFMIN-LYON", units.responsibleFor("69").orElseThrow().code());
    assertTrue(units.responsibleFor("99").isEmpty());
  }

  @Test
  void keepsInstantsExactAcrossTheDaylightSavingChangeWhateverTheJvmZone() {
    // The tests run in Pacific/Chatham; the instant is the hour France's clocks went back in 2026.
    ZoneId paris = ZoneId.of("Europe/Paris");
    Instant ambiguousInParis = ZonedDateTime.of(2026, 10, 25, 2, 30, 0, 0, paris)
        .withLaterOffsetAtOverlap().toInstant();
    jdbc.sql("insert into sources (code, name, kind) values ('T-INSTANT', 'test', 'MANUAL')").update();
    jdbc.sql("""
        insert into reports (source_id, external_id, content_sha256, incident_type, received_at,
          raw_format)
        values ((select id from sources where code = 'T-INSTANT'), 'r1', ?, 'test', ?, 'FORM')
        """)
        .params("0".repeat(64), Timestamps.utc(ambiguousInParis)).update();
    Instant read = jdbc.sql("""
            select received_at from reports where external_id = 'r1'
            """)
        .query((rs, n) -> Timestamps.instant(rs, "received_at")).single();
    assertEquals(ambiguousInParis, read);
    assertEquals(Instant.parse("2026-10-25T01:30:00Z"), read);
    // The database compares in UTC too: a literal UTC bound finds the row.
    long found = jdbc.sql("select count(*) from reports where received_at = ?")
        .param(Timestamps.utc(Instant.parse("2026-10-25T01:30:00Z"))).query(Long.class).single();
    assertEquals(1, found, "stored instant in " + Locale.getDefault() + " / " + ZoneId.systemDefault());
  }

}
