package fr.vigie.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * How fast is the triage queue at 100,000 suspects on PostgreSQL? Creates a scratch schema,
 * applies Vigie's migrations, inserts suspects with current (and some older) assessments and
 * every factor row, then times the queue's pages: national first page, a page deep into the
 * queue by keyset, a unit's first page, a filtered page, the other sorts. The SQL is the shape
 * {@code JdbcAssessments.queue} sends (count + page). The schema is dropped at the end.
 *
 * <pre>
 * java -cp vigie-bench/target/benchmarks.jar fr.vigie.bench.TriageQueueScale \
 *   jdbc:postgresql://127.0.0.1:5432/test postgres 100000 vigie-app/src/main/resources/db/migration
 * </pre>
 */
public final class TriageQueueScale {

  private static final String[] FACTORS = {"access_to_children", "contact_with_minors",
      "unknown_material", "self_produced", "severity", "volume", "duration", "distribution",
      "videos", "prior_record", "age"};
  private static final int RUNS = 7;

  private TriageQueueScale() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test";
    String user = args.length > 1 ? args[1] : "postgres";
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    Path migrations = Path.of(args.length > 3 ? args[3]
        : "vigie-app/src/main/resources/db/migration");
    String schema = "bench_triage_" + System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?")
        + "reWriteBatchedInserts=true", user, System.getenv().getOrDefault("PGPASSWORD", ""))) {
      try (Statement s = c.createStatement()) {
        s.execute("create schema " + schema);
        s.execute("set search_path to " + schema);
      }
      try {
        migrate(c, migrations);
        long t0 = System.nanoTime();
        insert(c, count);
        try (Statement s = c.createStatement()) {
          s.execute("analyze");
        }
        System.out.printf(Locale.ROOT, "inserted %,d suspects with assessments in %.1f s%n",
            count, (System.nanoTime() - t0) / 1e9);
        measure(c);
      } finally {
        try (Statement s = c.createStatement()) {
          s.execute("drop schema " + schema + " cascade");
        }
      }
    }
  }

  private static void migrate(Connection c, Path dir) throws IOException, SQLException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
          .sorted(Comparator.comparingInt(p -> Integer.parseInt(
              p.getFileName().toString().substring(1).split("__")[0])))
          .toList();
    }
    for (Path file : files) {
      try (Statement s = c.createStatement()) {
        s.execute(Files.readString(file));
      }
    }
    System.out.println("migrations: " + files.stream().map(p -> p.getFileName().toString())
        .toList());
  }

  private static void insert(Connection c, int count) throws SQLException {
    List<String[]> departements = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select code, unit_id from departements order by code")) {
      while (rs.next()) {
        departements.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    Random random = new Random(20261129L);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    c.setAutoCommit(false);
    try (PreparedStatement suspect = c.prepareStatement("""
        insert into suspects (id, reference, display_name, unit_id, departement_code, status,
          created_at, updated_at) overriding system value
        values (?, ?, ?, ?, ?, ?, ?, ?)
        """);
        PreparedStatement assessment = c.prepareStatement("""
        insert into risk_assessments (id, suspect_id, weights_version, score, computed_tier,
          factors, assessed_at, due_at, current_version, effective_tier, effective_due_at)
          overriding system value
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """);
        PreparedStatement factor = c.prepareStatement("""
        insert into risk_assessment_factors (assessment_id, factor, points, evidence)
        values (?, ?, ?, ?)
        """)) {
      long assessmentId = 0;
      for (int i = 1; i <= count; i++) {
        String[] d = departements.get(random.nextInt(departements.size()));
        // One in seven not attributed yet, as in the demo.
        boolean attributed = random.nextInt(7) != 0;
        OffsetDateTime created = utc(now.minus(random.nextInt(700), ChronoUnit.DAYS));
        suspect.setLong(1, i);
        suspect.setString(2, String.format(Locale.ROOT, "S-B-%07d", i));
        suspect.setString(3, "Suspect " + i);
        suspect.setObject(4, attributed ? Long.valueOf(d[1]) : null);
        suspect.setString(5, attributed ? d[0] : null);
        suspect.setString(6, random.nextInt(20) == 0 ? "CLOSED" : "ACTIVE");
        suspect.setObject(7, created);
        suspect.setObject(8, created);
        suspect.addBatch();
        // Some suspects were scored before with older weights: history rows, not current.
        int versions = random.nextInt(5) == 0 ? 2 : 1;
        for (int v = 0; v < versions; v++) {
          boolean current = v == versions - 1;
          double[] points = new double[FACTORS.length];
          double score = 0;
          for (int f = 0; f < FACTORS.length; f++) {
            points[f] = random.nextInt(4) == 0 ? 5 + random.nextInt(30) : 0;
            score += points[f];
          }
          String tier = score >= 60 ? "P1" : score >= 25 ? "P2" : "P3";
          long deadlineHours = tier.equals("P1") ? 48 : tier.equals("P2") ? 720 : 8760;
          Instant assessed = now.minus(random.nextInt(400 * 24), ChronoUnit.HOURS);
          OffsetDateTime due = utc(assessed.plus(deadlineHours, ChronoUnit.HOURS));
          assessmentId++;
          assessment.setLong(1, assessmentId);
          assessment.setLong(2, i);
          assessment.setString(3, current ? "2026.1" : "2025.9");
          assessment.setDouble(4, score);
          assessment.setString(5, tier);
          assessment.setString(6, "{\"weightsVersion\":\"2026.1\"}");
          assessment.setObject(7, utc(assessed));
          assessment.setObject(8, due);
          assessment.setBoolean(9, current);
          assessment.setString(10, tier);
          assessment.setObject(11, due);
          assessment.addBatch();
          for (int f = 0; f < FACTORS.length; f++) {
            factor.setLong(1, assessmentId);
            factor.setString(2, FACTORS[f]);
            factor.setDouble(3, points[f]);
            factor.setString(4, points[f] > 0 ? "élément synthétique" : "absent");
            factor.addBatch();
          }
        }
        if (i % 2000 == 0 || i == count) {
          suspect.executeBatch();
          assessment.executeBatch();
          factor.executeBatch();
          c.commit();
        }
      }
    }
    c.setAutoCommit(true);
  }

  private static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  /** The queue's WHERE clause as JdbcAssessments builds it; extra filters appended. */
  private static final String WHERE = """
      a.current_version and (? or s.unit_id = ?) and s.status <> 'MERGED'
      """;

  private record Query(String name, String where, String order, String keyset,
      List<Object> filterParams, List<Object> keysetParams) {}

  private static void measure(Connection c) throws SQLException {
    long lyon = single(c, "select id from units where code = 'OFMIN-LYON'");
    OffsetDateTime now = utc(Instant.now());
    // A cursor 90,000 rows deep (by deadline) and 80,000 deep (by score), found once, untimed.
    Object[] deep = row(c, """
        select a.effective_due_at, a.id from risk_assessments a join suspects s on s.id = a.suspect_id
        where a.current_version and s.status <> 'MERGED'
        order by a.effective_due_at, a.id offset 90000 limit 1
        """);
    Object[] deepScore = row(c, """
        select a.score, a.id from risk_assessments a join suspects s on s.id = a.suspect_id
        where a.current_version and s.status <> 'MERGED'
        order by a.score desc, a.id desc offset 80000 limit 1
        """);
    String factor = " and exists (select 1 from risk_assessment_factors x"
        + " where x.assessment_id = a.id and x.factor = ? and x.points > 0)";
    List<Query> queries = List.of(
        new Query("national, first page (deadline)", "", "a.effective_due_at, a.id", "",
            List.of(true, -1L), List.of()),
        new Query("national, page 1,800 (keyset at row 90,000)", "", "a.effective_due_at, a.id",
            " and (a.effective_due_at, a.id) > (?, ?)", List.of(true, -1L),
            Arrays.asList(deep)),
        new Query("Lyon unit, first page", "", "a.effective_due_at, a.id", "",
            List.of(false, lyon), List.of()),
        new Query("national, overdue only", " and a.effective_due_at < ?",
            "a.effective_due_at, a.id", "", List.of(true, -1L, now), List.of()),
        new Query("national, P1 + dept 69 + unknown material",
            " and a.effective_tier = ? and s.departement_code = ?" + factor,
            "a.effective_due_at, a.id", "", List.of(true, -1L, "P1", "69", "unknown_material"),
            List.of()),
        new Query("Lyon, factor access_to_children", factor, "a.effective_due_at, a.id", "",
            List.of(false, lyon, "access_to_children"), List.of()),
        new Query("national, tier then deadline, first page", "",
            "a.effective_tier, a.effective_due_at, a.id", "", List.of(true, -1L), List.of()),
        new Query("national, score, keyset at row 80,000", "", "a.score desc, a.id desc",
            " and (a.score, a.id) < (?, ?)", List.of(true, -1L), Arrays.asList(deepScore)));
    System.out.println();
    System.out.println("| page | rows of total (capped at 10,001) | count (ms, median of " + RUNS
        + ") | page (ms, median) |");
    System.out.println("|---|---|---|---|");
    for (Query q : queries) {
      // Capped as the application counts: up to 10,001.
      String countSql = "select count(*) from (select 1 from risk_assessments a join suspects s "
          + "on s.id = a.suspect_id where " + WHERE + q.where() + " limit 10001) capped";
      String pageSql = """
          select a.id, a.suspect_id, s.reference, s.display_name, u.code as unit_code,
            s.departement_code, s.status, a.score, a.computed_tier, a.effective_tier,
            a.effective_due_at, a.override_tier
          from risk_assessments a join suspects s on s.id = a.suspect_id
          left join units u on u.id = s.unit_id
          where %s%s%s
          order by %s
          limit 51
          """.formatted(WHERE, q.where(), q.keyset(), q.order());
      List<Object> pageParams = new ArrayList<>(q.filterParams());
      pageParams.addAll(q.keysetParams());
      long[] countTimes = new long[RUNS];
      long[] pageTimes = new long[RUNS];
      long total = 0;
      int rows = 0;
      for (int r = 0; r < RUNS; r++) {
        long t = System.nanoTime();
        total = (Long) run(c, countSql, q.filterParams(), true);
        countTimes[r] = System.nanoTime() - t;
        t = System.nanoTime();
        @SuppressWarnings("unchecked")
        List<Object> ids = (List<Object>) run(c, pageSql, pageParams, false);
        rows = ids.size();
        // The page's factor chips: one more query by the page's ids (included in the time).
        if (!ids.isEmpty()) {
          run(c, "select count(*) from risk_assessment_factors where assessment_id in ("
              + String.join(",", java.util.Collections.nCopies(ids.size(), "?"))
              + ") and points > 0", ids, true);
        }
        pageTimes[r] = System.nanoTime() - t;
      }
      System.out.printf(Locale.ROOT, "| %s | %d of %,d | %.1f | %.1f |%n", q.name(), rows, total,
          median(countTimes), median(pageTimes));
      if (q.name().startsWith("national, page 1,800")) {
        explain(c, pageSql, pageParams);
      }
    }
    long[] tiers = new long[RUNS];
    long[] exact = new long[RUNS];
    for (int r = 0; r < RUNS; r++) {
      long t = System.nanoTime();
      for (String tier : List.of("P1", "P2", "P3")) {
        run(c, "select count(*) from (select 1 from risk_assessments a join suspects s "
            + "on s.id = a.suspect_id where a.current_version and a.effective_tier = ? "
            + "and (? or s.unit_id = ?) and s.status <> 'MERGED' limit 10001) capped",
            List.of(tier, true, -1L), true);
      }
      tiers[r] = System.nanoTime() - t;
      t = System.nanoTime();
      run(c, "select count(*) from risk_assessments a join suspects s on s.id = a.suspect_id "
          + "where " + WHERE, List.of(true, -1L), true);
      exact[r] = System.nanoTime() - t;
    }
    System.out.printf(Locale.ROOT, "%nnational tier counts (3 capped counts): %.1f ms; "
        + "exact national count, for comparison: %.1f ms (medians)%n", median(tiers),
        median(exact));
  }

  private static void explain(Connection c, String sql, List<Object> params) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("explain (analyze, costs off) " + sql)) {
      bind(p, params);
      try (ResultSet rs = p.executeQuery()) {
        StringBuilder plan = new StringBuilder();
        while (rs.next()) {
          plan.append("    ").append(rs.getString(1)).append('\n');
        }
        System.err.println("plan of the deep page:\n" + plan);
      }
    }
  }

  private static Object run(Connection c, String sql, List<Object> params, boolean count)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, params);
      try (ResultSet rs = p.executeQuery()) {
        if (count) {
          rs.next();
          return rs.getLong(1);
        }
        List<Object> ids = new ArrayList<>();
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
        return ids;
      }
    }
  }

  private static void bind(PreparedStatement p, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      p.setObject(i + 1, params.get(i));
    }
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Object[] row(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return new Object[] {rs.getObject(1), rs.getObject(2)};
    }
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }
}
