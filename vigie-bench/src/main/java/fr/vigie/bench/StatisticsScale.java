package fr.vigie.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The statistics (the Statistiques page, {@code vigie stats}) at scale: Vigie's real migrations
 * on a fresh PostgreSQL schema, N reports (default a million, spread over 2025)
 * with one IP event each, their attributions (60 % to a French operator, the rest abroad, behind
 * a shared address, expired or unattributed; one in ten not attributed yet), requisitions for
 * two French events in three and operators' answers naming the subscriber of most; then every
 * query of {@code fr.vigie.app.statistics.internal.JdbcStatistics} (copied here: the bench does
 * not depend on the application; keep them in step) timed nationally, for one unit, and for one
 * month: the median of ten runs after two warm-ups, and their sum, what one page costs.
 *
 * <pre>
 * java -cp vigie-bench/target/benchmarks.jar fr.vigie.bench.StatisticsScale \
 *     jdbc:postgresql://127.0.0.1:5432/test postgres [REPORTS] [--keep]
 * </pre>
 * ({@code PGPASSWORD} in the environment when the server asks for a password.)
 * Run from the repository's root (the migrations are read from vigie-app/src/main/resources).
 */
public final class StatisticsScale {

  private static final String SCHEMA = "vigie_bench_statistics";

  /** The server's password, if it asks for one (e.g. an embedded one held by HoldEmbedded). */
  private static final String PASSWORD = System.getenv().getOrDefault("PGPASSWORD", "");

  private static final String REPORTS = "with " + """
      r as (
        select rp.id, rp.source_id, rp.incident_type, rp.received_at, rp.status,
               rp.departement_code
        from reports rp
          left join departements d on d.code = rp.departement_code
        where rp.received_at >= :from and rp.received_at < :to and rp.status <> 'SUPERSEDED'
          and (:national or d.unit_id = :unit or exists (
                select 1 from ip_events e
                  join requisition_items ri on ri.ip_event_id = e.id
                  join subscribers sb on sb.requisition_item_id = ri.id
                where e.report_id = rp.id and sb.unit_id = :unit))
      )
      """;

  private static final String EVENTS = REPORTS + """
      , answers as (
        select ri.ip_event_id,
               bool_or(sb.outcome = 'IDENTIFIED') as identified,
               bool_or(sb.outcome = 'EXPIRED') as expired,
               min(case when sb.outcome = 'IDENTIFIED' then ra.received_at end) as identified_at
        from requisition_items ri
          join subscribers sb on sb.requisition_item_id = ri.id
          join requisition_answers ra on ra.id = sb.answer_id
        where ri.ip_event_id in (select e.id from ip_events e join r on r.id = e.report_id)
        group by ri.ip_event_id
      ), ev as (
        select e.id, e.report_id,
               case when a.identified then 0
                    when at.outcome is null and a.ip_event_id is null then 2
                    when at.outcome = 'FRANCE' and a.ip_event_id is null then 1
                    when a.expired or at.outcome = 'EXPIRED' then 5
                    when a.ip_event_id is not null then 3
                    when at.outcome = 'PORT_NEEDED' then 4
                    when at.outcome = 'FOREIGN' then 6
                    else 7 end as rank,
               a.identified_at
        from ip_events e
          join r on r.id = e.report_id
          left join answers a on a.ip_event_id = e.id
          left join ip_attributions at on at.ip_event_id = e.id
      ), rep as (
        select r.id, r.received_at, r.departement_code, coalesce(min(ev.rank), 8) as rank,
               min(ev.identified_at) as identified_at
        from r left join ev on ev.report_id = r.id
        group by r.id, r.received_at, r.departement_code
      )
      """;

  /** JdbcStatistics' queries by method (the départements' names, read apart, left out). */
  private static final List<Map.Entry<String, String>> QUERIES = List.of(
      Map.entry("backlog", REPORTS + """
        select count(*) from r where r.status in ('NEW', 'UNDER_REVIEW')
          """),
      Map.entry("bySource", REPORTS + """
        select to_char(m.month, 'YYYY-MM') as month, s.code, s.name, m.n
        from (select date_trunc('month', r.received_at at time zone 'Europe/Paris') as month,
                     r.source_id, count(*) as n
              from r group by 1, 2) m
          join sources s on s.id = m.source_id
        order by m.month, s.code
          """),
      Map.entry("byIncidentType", REPORTS + """
        select to_char(m.month, 'YYYY-MM') as month, m.incident_type, m.n
        from (select date_trunc('month', r.received_at at time zone 'Europe/Paris') as month,
                     r.incident_type, count(*) as n
              from r group by 1, 2) m
        order by m.month, m.incident_type
          """),
      Map.entry("outcomes", EVENTS + """
        select 'R' as kind, rank, departement_code, grouping(rank) as any_rank,
               grouping(departement_code) as any_departement, count(*) as n,
               null::double precision as median
        from rep
        group by grouping sets ((), (rank), (departement_code), (rank, departement_code))
        union all
        select 'E', rank, null, grouping(rank), 1, count(*), null
        from ev group by grouping sets ((), (rank))
        union all
        select 'M', null, null, 1, 1, 0, percentile_cont(0.5) within group (
                 order by extract(epoch from (identified_at - received_at)) / 3600.0)
        from rep where rank = 0 and identified_at is not null
          """));

  private StatisticsScale() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    int reports = args.length > 2 && !args[2].startsWith("--") ? Integer.parseInt(args[2])
        : 1_000_000;
    boolean keep = Arrays.asList(args).contains("--keep");
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    try (Connection c = DriverManager.getConnection(url, user, PASSWORD)) {
      if (!keep) {
        c.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
      }
      c.createStatement().execute("create schema if not exists " + SCHEMA);
    }
    try (Connection c = DriverManager.getConnection(schemaUrl, user, PASSWORD)) {
      if (!keep) {
        long t = System.nanoTime();
        Flyway.configure().dataSource(schemaUrl, user, PASSWORD).schemas(SCHEMA)
            .locations("filesystem:vigie-app/src/main/resources/db/migration",
                "filesystem:vigie-app/src/main/resources/db/vendor/postgresql")
            .load().migrate();
        System.out.printf(Locale.ROOT, "migrations: %.1f s%n", (System.nanoTime() - t) / 1e9);
      }
      if (count(c, "reports") == 0) {
        load(c, reports);
      }
      System.out.printf(Locale.ROOT, "rows: %,d reports, %,d ip events, %,d attributions, "
              + "%,d requisition items, %,d subscribers%n", count(c, "reports"),
          count(c, "ip_events"), count(c, "ip_attributions"), count(c, "requisition_items"),
          count(c, "subscribers"));
      long lyon = single(c, "select id from units where code = 'OFMIN-LYON'");
      time(c, "national, everything", "1900-01-01", "9000-01-01", true, -1);
      time(c, "OFMIN-LYON, everything", "1900-01-01", "9000-01-01", false, lyon);
      time(c, "national, March 2025", "2025-03-01", "2025-04-01", true, -1);
    }
  }

  private static void load(Connection c, int n) throws SQLException {
    long t = System.nanoTime();
    try (Statement s = c.createStatement()) {
      s.execute("""
          insert into sources (code, name, kind, country) values
            ('NCMEC', 'NCMEC CyberTipline', 'NCMEC', 'US'),
            ('PHAROS', 'PHAROS', 'PLATFORM', 'FR'), ('SAISIE', 'Saisie manuelle', 'MANUAL', null)
          """);
      // 90 % NCMEC; types skewed like real traffic; 20 % new, 5 % in progress, 2 % superseded;
      // every report in a département, in turn.
      s.execute("""
          insert into reports (source_id, external_id, content_sha256, incident_type,
                               received_at, status, departement_code, raw_format)
          select case when g % 10 = 0 then p.id when g % 97 = 0 then m.id else nc.id end,
                 'B' || g, md5(g::text) || md5(g::text),
                 case when g % 100 < 80
                      then 'Child Pornography (possession, manufacture, and distribution)'
                      when g % 100 < 95 then 'Online Enticement of Children for Sexual Acts'
                      else 'Unsolicited Obscene Material Sent to a Child' end,
                 timestamptz '2025-01-01 00:00:00+00' + g * (interval '365 days' / {n}),
                 case when g % 100 < 20 then 'NEW' when g % 100 < 25 then 'UNDER_REVIEW'
                      when g % 100 < 27 then 'SUPERSEDED' else 'LINKED' end,
                 d.codes[1 + g % 101], 'DEMO'
          from generate_series(1, {n}) g
            cross join (select id from sources where code = 'NCMEC') nc
            cross join (select id from sources where code = 'PHAROS') p
            cross join (select id from sources where code = 'SAISIE') m
            cross join (select array_agg(code order by code) as codes from departements) d
          """.replace("{n}", Integer.toString(n)));
      s.execute("""
          insert into ip_events (report_id, ip_original, ip, ip_version, port, occurred_at,
                                 status)
          select id, '203.0.113.' || (id % 250 + 1), '203.0.113.' || (id % 250 + 1), 4, 40000,
                 received_at - interval '3 days', 'PENDING'
          from reports
          """);
      s.execute("""
          insert into ip_attributions (ip_event_id, report_id, report_ref, ip, port, occurred_at,
                                       outcome, reason, attributed_at)
          select e.id, e.report_id, 'B' || e.report_id, e.ip, e.port, e.occurred_at,
                 case when e.id % 20 < 12 then 'FRANCE' when e.id % 20 < 15 then 'FOREIGN'
                      when e.id % 20 < 17 then 'PORT_NEEDED' when e.id % 20 < 18 then 'EXPIRED'
                      else 'UNATTRIBUTED' end, 'bench', e.occurred_at + interval '4 days'
          from ip_events e where e.id % 10 <> 0
          """);
      // One requisition per thousand events, answered nine days after its first report.
      s.execute("""
          insert into requisitions (reference, operator_id, legal_basis, requesting_officer,
                                    status, created_by, sent_at)
          select 'RQ-B-' || g, (select id from operators where code = 'ORANGE'),
                 'Art. 77-1-1 CPP', 'OPJ Bench', 'ANSWERED', 'bench', now()
          from generate_series(0, {n}) g
          """.replace("{n}", Integer.toString(n / 1000)));
      s.execute("""
          insert into requisition_items (requisition_id, ip_event_id, ip, port, occurred_at)
          select q.id, a.ip_event_id, a.ip, a.port, a.occurred_at
          from ip_attributions a
            join requisitions q on q.reference = 'RQ-B-' || (a.ip_event_id / 1000)
          where a.outcome = 'FRANCE' and a.ip_event_id % 3 <> 0
          """);
      s.execute("""
          insert into requisition_answers (requisition_id, received_at, file_name, imported_by)
          select id, timestamptz '2025-01-01 00:00:00+00'
                     + (substr(reference, 6)::bigint * 1000 + 500) * (interval '365 days' / {n})
                     + interval '9 days', 'reponse.csv', 'bench'
          from requisitions where reference like 'RQ-B-%'
          """.replace("{n}", Integer.toString(n)));
      s.execute("""
          insert into subscribers (answer_id, requisition_item_id, outcome, full_name,
                                   departement_code, unit_id)
          select ra.id, ri.id,
                 case when ri.ip_event_id % 10 < 8 then 'IDENTIFIED'
                      when ri.ip_event_id % 10 < 9 then 'UNKNOWN' else 'EXPIRED' end,
                 'Abonné ' || ri.ip_event_id, r.departement_code, d.unit_id
          from requisition_items ri
            join requisition_answers ra on ra.requisition_id = ri.requisition_id
            join ip_events e on e.id = ri.ip_event_id
            join reports r on r.id = e.report_id
            join departements d on d.code = r.departement_code
          """);
      s.execute("vacuum analyze");
    }
    System.out.printf(Locale.ROOT, "load: %.1f s%n", (System.nanoTime() - t) / 1e9);
  }

  /** Each query's median of 10 runs (after 2 warm-ups), and their sum. */
  private static void time(Connection c, String label, String from, String to,
      boolean national, long unit) throws SQLException {
    System.out.println("=== " + label);
    double total = 0;
    for (Map.Entry<String, String> q : QUERIES) {
      // The bounds as the application computes them: midnight in Paris (winter time here).
      String sql = q.getValue()
          .replace(":from", "timestamptz '" + from + " 00:00:00+01'")
          .replace(":to", "timestamptz '" + to + " 00:00:00+01'")
          .replace(":national", Boolean.toString(national))
          .replace(":unit", Long.toString(unit));
      List<Double> ms = new ArrayList<>();
      long rows = 0;
      for (int run = 0; run < 12; run++) {
        long t = System.nanoTime();
        rows = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            rows++;
          }
        }
        if (run >= 2) {
          ms.add((System.nanoTime() - t) / 1e6);
        }
      }
      Collections.sort(ms);
      double median = (ms.get(4) + ms.get(5)) / 2;
      total += median;
      System.out.printf(Locale.ROOT, "%-16s %8.1f ms  (%d rows)%n", q.getKey(), median, rows);
    }
    System.out.printf(Locale.ROOT, "%-16s %8.1f ms%n", "page (sum)", total);
  }

  private static long count(Connection c, String table) throws SQLException {
    return single(c, "select count(*) from " + table);
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
