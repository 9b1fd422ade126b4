package fr.vigie.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;

/**
 * The search box at scale: Vigie's real migrations on a fresh PostgreSQL schema, a million
 * minimal reports (each with an e-mail, a screen name and a reported person), 100,000 suspects
 * and 5,000 cases with notes, then the queries of {@code fr.vigie.app.search.internal.JdbcSearch}
 * (copied here: the bench does not depend on the application) timed on typical input.
 *
 * <pre>
 * java -cp vigie-bench/target/benchmarks.jar fr.vigie.bench.SearchScale \
 *     jdbc:postgresql://127.0.0.1:5432/test postgres [REPORTS] [--keep]
 * </pre>
 * Run from the repository's root (the migrations are read from vigie-app/src/main/resources).
 */
public final class SearchScale {

  private static final String SCHEMA = "vigie_bench_search";

  private static final String REPORTS = """
      select r.id, r.external_id, x.why from (
        (select id as report_id, 'numéro' as why from reports
         where external_id like ? escape '\\' limit 50)
        union all
        (select report_id, kind || ' ' || original_value from reported_identifiers
         where canonical_key like ? escape '\\' limit 50)
        union all
        (select report_id, kind || ' ' || original_value from reported_identifiers
         where canonical_key like ? escape '\\' limit 50)
        union all
        (select report_id, kind || ' ' || original_value from reported_identifiers
         where canonical_key like ? escape '\\' limit 50)
        union all
        (select report_id, 'personne ' || coalesce(first_name || ' ', '') || last_name
         from report_persons where lower(last_name) like ? escape '\\' limit 50)
      ) x join reports r on r.id = x.report_id
      order by r.received_at desc, r.id desc, x.why limit 80
      """;

  private static final String SUSPECTS = """
      select s.id, s.reference, x.why from (
        (select s1.id as suspect_id, 'référence' as why from suspects s1
         where s1.reference like ? escape '\\' and (? or s1.unit_id = ?) limit 50)
        union all
        (select s2.id, 'nom' from suspects s2
         where lower(s2.display_name) like ? escape '\\' and (? or s2.unit_id = ?) limit 50)
        union all
        (select si.suspect_id, si.kind || ' ' || si.canonical_key from suspect_identifiers si
         join suspects s3 on s3.id = si.suspect_id
         where si.canonical_key like ? escape '\\' and (? or s3.unit_id = ?) limit 50)
      ) x join suspects s on s.id = x.suspect_id
      where (? or s.unit_id = ?) order by s.reference, x.why limit 80
      """;

  private static final String CASES = """
      select c.id, c.reference, x.why from (
        (select id as case_id, 'numéro' as why from cases
         where reference like ? escape '\\' limit 50)
        union all
        (select id, 'intitulé' from cases where lower(title) like ? escape '\\' limit 50)
        union all
        (select id, 'résumé' from cases where lower(summary) like ? escape '\\' limit 50)
        union all
        (select case_id, 'note' from case_notes where lower(body) like ? escape '\\' limit 50)
        union all
        (select cs.case_id, 'suspect ' || s.reference from suspects s
         join case_suspects cs on cs.suspect_id = s.id
         where s.reference like ? escape '\\' limit 50)
      ) x join cases c on c.id = x.case_id
      where (? or c.unit_id = ?)
      order by c.opened_at desc, c.id desc, x.why limit 100
      """;

  private SearchScale() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    int reports = args.length > 2 && !args[2].startsWith("--") ? Integer.parseInt(args[2])
        : 1_000_000;
    boolean keep = Arrays.asList(args).contains("--keep");
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      if (!keep) {
        c.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
      }
      c.createStatement().execute("create schema if not exists " + SCHEMA);
    }
    try (Connection c = DriverManager.getConnection(schemaUrl, user, "")) {
      boolean fresh = !keep || count(c, "cases") == 0;
      if (!keep) {
        long t = System.nanoTime();
        Flyway.configure().dataSource(schemaUrl, user, "").schemas(SCHEMA)
            .locations("filesystem:vigie-app/src/main/resources/db/migration",
                "filesystem:vigie-app/src/main/resources/db/vendor/postgresql")
            .load().migrate();
        System.out.printf(Locale.ROOT, "migrations: %.1f s%n", (System.nanoTime() - t) / 1e9);
      }
      if (fresh) {
        load(c, reports);
      }
      System.out.printf(Locale.ROOT, "rows: %,d reports, %,d identifiers, %,d persons, "
              + "%,d suspects, %,d cases, %,d notes%n", count(c, "reports"),
          count(c, "reported_identifiers"), count(c, "report_persons"), count(c, "suspects"),
          count(c, "cases"), count(c, "case_notes"));
      long lyon = single(c, "select id from units where code = 'OFMIN-LYON'");
      time(c, "report: e-mail, exact", "user765432@example.org", lyon);
      time(c, "report: e-mail, prefix", "user76543", lyon);
      time(c, "report: number", "CT-765432", lyon);
      time(c, "report: name prefix (common)", "dur", lyon);
      time(c, "suspect: name", "jean dupont-4", lyon);
      time(c, "suspect: reference", "S-B-0042", lyon);
      time(c, "case: reference", "D-B-00421", lyon);
      time(c, "case: note text", "voisin 4242", lyon);
      time(c, "nothing matches", "zzzzqqq", lyon);
    }
  }

  private static void load(Connection c, int reports) throws SQLException {
    long t = System.nanoTime();
    try (Statement s = c.createStatement()) {
      if (count(c, "sources") == 0) {
        s.execute("insert into sources (code, name, kind) values ('BENCH', 'Bench', 'MANUAL')");
      }
      if (count(c, "reports") == 0) s.execute("""
          insert into reports (source_id, external_id, content_sha256, incident_type,
                               received_at, raw_format)
          select (select id from sources where code = 'BENCH'), 'CT-' || g,
                 md5(g::text) || md5(g::text), 'Child Pornography',
                 timestamptz '2026-01-01 00:00:00+00' + g * interval '20 seconds', 'DEMO'
          from generate_series(1, %d) g
          """.formatted(reports));
      if (count(c, "reported_identifiers") == 0) s.execute("""
          insert into reported_identifiers (report_id, kind, original_value, normalized_value,
                                            canonical_key)
          select id, 'EMAIL', 'User' || substr(external_id, 4) || '@Example.org',
                 'user' || substr(external_id, 4) || '@example.org',
                 'user' || substr(external_id, 4) || '@example.org'
          from reports
          union all
          select id, 'SCREEN_NAME', 'Pseudo_' || substr(external_id, 4),
                 'pseudo_' || substr(external_id, 4), 'pseudo_' || substr(external_id, 4)
          from reports
          """);
      if (count(c, "report_persons") == 0) s.execute("""
          insert into report_persons (report_id, role, first_name, last_name)
          select id, 'REPORTED', 'Jean',
                 (array['Martin','Bernard','Dubois','Durand','Dupont','Lefebvre','Moreau',
                        'Laurent','Simon','Michel'])[1 + (id % 10)::int] || '-' || (id % 1000)
          from reports
          """);
      if (count(c, "suspects") == 0) s.execute("""
          insert into suspects (reference, display_name, unit_id, status)
          select 'S-B-' || lpad(g::text, 6, '0'), 'Jean Dupont-' || g,
                 (select id from units where code =
                    (array['OFMIN-LYON','OFMIN-RENNES','OFMIN-LILLE'])[1 + mod(g, 3)]), 'ACTIVE'
          from generate_series(1, %d) g
          """.formatted(Math.max(1, reports / 10)));
      if (count(c, "suspect_identifiers") == 0) s.execute("""
          insert into suspect_identifiers (suspect_id, kind, canonical_key, first_seen_at)
          select id, 'EMAIL', 'user' || substr(reference, 5)::int || '@example.org', now()
          from suspects
          """);
      s.execute("""
          insert into cases (reference, title, unit_id, status, opened_at, opened_by)
          select 'D-B-' || lpad(g::text, 5, '0'), 'Dossier ' || g,
                 (select unit_id from suspects where id = g), 'OPEN', now(), 'bench'
          from generate_series(1, %d) g
          """.formatted(Math.max(1, reports / 200)));
      s.execute("insert into case_suspects (case_id, suspect_id) select id, id from cases");
      s.execute("""
          insert into case_notes (case_id, body, written_at, written_by)
          select id, 'Audition du voisin ' || id || ', rien de notable', now(), 'bench' from cases
          union all
          select id, 'Réquisition envoyée à l''opérateur', now(), 'bench' from cases
          """);
      s.execute("analyze");
    }
    System.out.printf(Locale.ROOT, "load: %.1f s%n", (System.nanoTime() - t) / 1e9);
  }

  private static void time(Connection c, String label, String q, long unit) throws SQLException {
    String lower = escape(q.toLowerCase(Locale.ROOT)) + "%";
    String upper = escape(q.toUpperCase(Locale.ROOT)) + "%";
    String contains = "%" + escape(q.toLowerCase(Locale.ROOT)) + "%";
    List<Double> national = new ArrayList<>();
    List<Double> scoped = new ArrayList<>();
    int found = 0;
    for (int run = 0; run < 12; run++) {
      for (boolean isNational : new boolean[] {true, false}) {
        long t = System.nanoTime();
        // Branches: number as typed; canonical key lower-cased, as typed, and as an E.164 phone
        // (none of these inputs is a phone number, so JdbcSearch passes it as typed); name.
        int rows = run(c, REPORTS, escape(q) + "%", lower, escape(q) + "%", escape(q) + "%",
            lower)
            + run(c, SUSPECTS, upper, isNational, unit, lower, isNational, unit, lower,
                isNational, unit, isNational, unit)
            + run(c, CASES, upper, contains, contains, contains, upper, isNational, unit);
        double ms = (System.nanoTime() - t) / 1e6;
        if (run >= 2) {
          (isNational ? national : scoped).add(ms);
        }
        if (isNational) {
          found = rows;
        }
      }
    }
    national.sort(null);
    scoped.sort(null);
    System.out.printf(Locale.ROOT, "| %s | `%s` | %d | %.1f | %.1f | %.1f |%n", label, q, found,
        national.get(national.size() / 2), national.getLast(), scoped.get(scoped.size() / 2));
  }

  private static int run(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      int rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
        }
      }
      return rows;
    }
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static long count(Connection c, String table) throws SQLException {
    return single(c, "select count(*) from " + table);
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
