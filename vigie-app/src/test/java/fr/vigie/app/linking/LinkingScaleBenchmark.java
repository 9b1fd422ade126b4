package fr.vigie.app.linking;

import fr.vigie.app.support.TestDatabases;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The linking benchmark (docs/benchmarks.md, "Linking"): N synthetic reports, four identifiers
 * each, on PostgreSQL; a full rebuild from no suspects, a second (steady-state) rebuild, then
 * incremental runs of one new report each ({@code VIGIE_BENCH_LINKING_REPORTS}, 250,000 by
 * default). Never part of the suite: its name matches neither {@code *Test} nor {@code *IT};
 * run it with {@code -Dit.test=LinkingScaleBenchmark}. It lives here rather than in vigie-bench because it
 * needs the application (Spring, JDBC, the schema), and vigie-app's jar is repackaged by Spring
 * Boot, so vigie-bench cannot depend on it. Prints its figures; asserts none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vigie.jobs.worker-enabled=false")
class LinkingScaleBenchmark {

  static final String VARIABLE = "VIGIE_BENCH_LINKING_REPORTS";
  static final String[] FIRST = {"Jean", "Marie", "Pierre", "Sophie", "Luc", "Julie", "Paul",
      "Claire", "Louis", "Emma", "Hugo", "Léa", "Noah", "Chloé", "Jules", "Inès", "Adam", "Lina",
      "Arthur", "Zoé"};
  static final String[] LAST = {"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard",
      "Durand", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux",
      "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert",
      "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier",
      "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier",
      "Garcia"};

  @Autowired
  Linking linking;

  @Autowired
  JdbcTemplate jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Test
  void linksAQuarterMillionReports() {
    String n = System.getenv(VARIABLE);
    int reports = n == null || n.isBlank() ? 250_000 : Integer.parseInt(n.strip());
    int people = reports * 3 / 5;
    long t0 = System.nanoTime();
    long identifiers = generate(reports, people);
    long genMs = (System.nanoTime() - t0) / 1_000_000;
    jdbc.execute("analyze");
    long distinct = jdbc.queryForObject("""
        select count(*) from (select distinct kind, platform, canonical_key
        from reported_identifiers) d""", Long.class);
    System.out.printf(Locale.ROOT, "%nLINKING BENCH: %d reports, %d identifiers (%d distinct),"
        + " generated in %d ms%n", reports, identifiers, distinct, genMs);
    LinkingRun first = linking.rebuild();
    System.out.printf(Locale.ROOT, "LINKING BENCH: rebuild from nothing: %s%n", first);
    LinkingRun second = linking.rebuild();
    System.out.printf(Locale.ROOT, "LINKING BENCH: rebuild again (steady state): %s%n", second);
    Random random = new Random(7);
    List<Long> times = new ArrayList<>();
    long nextReport = reports + 1_000_000L;
    for (int i = 0; i < 30; i++) {
      int person = random.nextInt(people / 10);
      long job = 900_000 + i;
      jdbc.update("""
          insert into import_jobs (id, kind, origin, input_name, status, requested_by)
          values (?, 'REPORTS', 'CLI', 'bench', 'DONE', 'bench')""", job);
      long report = nextReport++;
      jdbc.update("""
          insert into reports (id, source_id, external_id, content_sha256, incident_type,
            received_at, raw_format, import_job_id)
          values (?, 1, ?, 'x', 'Bench', ?, 'DEMO', ?)""", report, "N" + report,
          Instant.now().atOffset(ZoneOffset.UTC), job);
      jdbc.update("""
          insert into report_persons (id, report_id, role) values (?, ?, 'REPORTED')""", report,
          report);
      jdbc.update("""
          insert into reported_identifiers (report_id, person_id, kind, platform,
            original_value, normalized_value, canonical_key) values (?, ?, 'EMAIL', null, ?, ?, ?),
            (?, ?, 'PHONE', null, ?, ?, ?)""", report, report, email(person), email(person),
          email(person), report, report, "+3370" + report, "+3370" + report, "+3370" + report);
      long start = System.nanoTime();
      LinkingRun run = linking.linkImport(job);
      times.add((System.nanoTime() - start) / 1_000);
      if (i < 3) {
        System.out.printf(Locale.ROOT, "LINKING BENCH: one report: %s%n", run);
      }
    }
    Collections.sort(times);
    System.out.printf(Locale.ROOT, "LINKING BENCH: one report, 30 runs: median %.1f ms,"
        + " p90 %.1f ms, max %.1f ms%n", times.get(15) / 1000.0, times.get(27) / 1000.0,
        times.get(29) / 1000.0);
  }

  static String email(int person) {
    return "p" + person + "@example.org";
  }

  /** Writes the synthetic reports; returns the number of identifier rows. */
  long generate(int reports, int people) {
    jdbc.update("insert into sources (id, code, name, kind) values (1, 'BENCH', 'Bench', 'DEMO')"
        .replace("'DEMO'", "'MANUAL'"));
    jdbc.update("""
        insert into import_jobs (id, kind, origin, input_name, status, requested_by)
        values (1, 'REPORTS', 'CLI', 'bench', 'DONE', 'bench')""");
    Random random = new Random(42);
    List<Object[]> reportRows = new ArrayList<>();
    List<Object[]> personRows = new ArrayList<>();
    List<Object[]> idRows = new ArrayList<>();
    long count = 0;
    var received = Instant.parse("2026-01-01T00:00:00Z").atOffset(ZoneOffset.UTC);
    for (long r = 1; r <= reports; r++) {
      // Skewed: a few people are reported many times, most once or twice.
      double u = random.nextDouble();
      int person = (int) (people * u * u);
      // One person in fifty has a namesake: same name, birth date and postal code, other
      // identifiers (what the probabilistic proposals are for).
      int identity = person % 50 == 0 ? person + 1 : person;
      boolean named = random.nextInt(2) == 0;
      reportRows.add(new Object[] {r, "B" + r, received.plusSeconds(r), 1L});
      personRows.add(new Object[] {r, r, named ? FIRST[identity % FIRST.length] : null,
          named ? LAST[(identity / FIRST.length) % LAST.length] : null,
          named ? LocalDate.of(1960 + identity % 45, 1 + identity % 12, 1 + identity % 28) : null,
          named ? String.format(Locale.ROOT, "%05d", 1000 + (identity % 3000) * 31) : null});
      List<String[]> kinds = new ArrayList<>(List.of(
          new String[] {"EMAIL", null, email(person)},
          new String[] {"PHONE", null, String.format(Locale.ROOT, "+336%08d", person)},
          new String[] {"ACCOUNT_ID", "Chatapp", Integer.toString(person)},
          new String[] {"SCREEN_NAME", "Chatapp", "user" + person},
          new String[] {"DEVICE_ID", null, "imei" + person},
          new String[] {"URL", "Chatapp", "https://chat.example/r/" + r}));
      Collections.shuffle(kinds, random);
      for (String[] k : kinds.subList(0, 4)) {
        idRows.add(new Object[] {r, r, k[0], k[1], k[2], k[2], k[2]});
        count++;
      }
      if (reportRows.size() == 5000 || r == reports) {
        flush(reportRows, personRows, idRows);
      }
    }
    return count;
  }

  private void flush(List<Object[]> reportRows, List<Object[]> personRows,
      List<Object[]> idRows) {
    copy("reports (id, external_id, received_at, import_job_id, source_id, content_sha256,"
        + " incident_type, raw_format)", reportRows, "1,x,Bench,DEMO");
    copy("report_persons (id, report_id, first_name, last_name, date_of_birth, postal_code,"
        + " role)", personRows, "REPORTED");
    copy("reported_identifiers (report_id, person_id, kind, platform, original_value,"
        + " normalized_value, canonical_key)", idRows, null);
    reportRows.clear();
    personRows.clear();
    idRows.clear();
  }

  /** COPY in CSV (the generator's values hold no comma or quote); constants end each line. */
  private void copy(String table, List<Object[]> rows, String constants) {
    StringBuilder csv = new StringBuilder();
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          csv.append(',');
        }
        if (row[i] != null) {
          csv.append(row[i]);
        }
      }
      if (constants != null) {
        csv.append(',').append(constants);
      }
      csv.append('\n');
    }
    jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Object>) c -> {
      try {
        return c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(
            "copy " + table + " from stdin with (format csv)",
            new java.io.StringReader(csv.toString()));
      } catch (java.io.IOException e) {
        throw new java.sql.SQLException(e);
      }
    });
  }
}
