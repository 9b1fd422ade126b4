package fr.vigie.app.triage.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.security.Access;
import fr.vigie.app.storage.Timestamps;
import fr.vigie.app.triage.Contribution;
import fr.vigie.app.triage.Factor;
import fr.vigie.app.triage.QueueFilter;
import fr.vigie.app.triage.QueuePage;
import fr.vigie.app.triage.QueueRow;
import fr.vigie.app.triage.RiskAssessment;
import fr.vigie.app.triage.RiskOverride;
import fr.vigie.app.triage.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL over {@code risk_assessments}, {@code risk_assessment_factors} and {@code risk_overrides},
 * and the queue: scoped like every read, {@code (:national or s.unit_id = :unit)}, and paged by
 * keyset on the sort's own index so that the thousandth page costs what the first does.
 */
@Repository
public class JdbcAssessments {

  private static final String COLUMNS = """
      a.id, a.suspect_id, a.weights_version, a.score, a.computed_tier, a.due_at,
      a.effective_tier, a.effective_due_at, a.assessed_at, a.current_version, a.override_tier,
      a.override_reason, a.override_by, a.override_at
      """;

  /** Counts above this are shown as "more than": see {@link QueuePage#total()}. */
  public static final int COUNT_CAP = QueuePage.COUNT_CAP;

  private final JdbcClient jdbc;

  JdbcAssessments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A new assessment to store. */
  public record NewAssessment(long suspectId, String weightsVersion, double score,
      Tier computedTier, Instant dueAt, Tier effectiveTier, Instant effectiveDueAt,
      Instant assessedAt, Tier overrideTier, String overrideReason, String overrideBy,
      Instant overrideAt, String factorsJson, List<Contribution> contributions) {}

  /** Stores the assessment as the suspect's current one; the previous stays, not current. */
  public long insertCurrent(NewAssessment n) {
    jdbc.sql("""
        update risk_assessments set current_version = false
        where suspect_id = ? and current_version
        """).param(n.suspectId()).update();
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into risk_assessments (suspect_id, weights_version, score, computed_tier, factors,
          assessed_at, due_at, current_version, override_tier, override_reason, override_by,
          override_at, effective_tier, effective_due_at)
        values (:suspect, :version, :score, :tier, :factors, :at, :due, true, :otier, :oreason,
          :oby, :oat, :etier, :edue)
        """)
        .param("suspect", n.suspectId()).param("version", n.weightsVersion())
        .param("score", n.score()).param("tier", n.computedTier().name())
        .param("factors", n.factorsJson()).param("at", utc(n.assessedAt()))
        .param("due", utc(n.dueAt()))
        .param("otier", n.overrideTier() == null ? null : n.overrideTier().name())
        .param("oreason", n.overrideReason()).param("oby", n.overrideBy())
        .param("oat", utc(n.overrideAt())).param("etier", n.effectiveTier().name())
        .param("edue", utc(n.effectiveDueAt()))
        .update(keys, "id");
    long id = keys.getKey().longValue();
    for (Contribution c : n.contributions()) {
      jdbc.sql("""
          insert into risk_assessment_factors (assessment_id, factor, points, evidence)
          values (?, ?, ?, ?)
          """).params(id, c.factor().key(), c.points(), c.evidence()).update();
    }
    return id;
  }

  /** Returns the suspect's current assessment, unscoped (callers have checked the scope). */
  public Optional<RiskAssessment> current(long suspectId) {
    return jdbc.sql("select " + COLUMNS + " from risk_assessments a "
            + "where a.suspect_id = ? and a.current_version")
        .param(suspectId).query(this::assessment).optional()
        .map(a -> withContributions(a));
  }

  /** Returns every assessment of the suspect, newest first, without their factors. */
  public List<RiskAssessment> history(long suspectId) {
    return jdbc.sql("select " + COLUMNS + " from risk_assessments a where a.suspect_id = ? "
            + "order by a.assessed_at desc, a.id desc")
        .param(suspectId).query(this::assessment).list();
  }

  public List<RiskOverride> overrides(long suspectId) {
    return jdbc.sql("""
        select computed_tier, override_tier, reason, decided_by, decided_at from risk_overrides
        where suspect_id = ? order by decided_at desc, id desc
        """).param(suspectId)
        .query((rs, n) -> new RiskOverride(Tier.of(rs.getString("computed_tier")),
            rs.getString("override_tier") == null ? null : Tier.of(rs.getString("override_tier")),
            rs.getString("reason"), rs.getString("decided_by"),
            Timestamps.instant(rs, "decided_at")))
        .list();
  }

  /** Sets (or with a null tier withdraws) the override on an assessment, and records it. */
  public void override(RiskAssessment a, Tier tier, String reason, String by, Instant at,
      Tier effectiveTier, Instant effectiveDue) {
    jdbc.sql("""
        update risk_assessments set override_tier = :tier, override_reason = :reason,
          override_by = :by, override_at = :at, effective_tier = :etier,
          effective_due_at = :edue
        where id = :id
        """)
        .param("tier", tier == null ? null : tier.name()).param("reason", reason)
        .param("by", by).param("at", utc(at)).param("etier", effectiveTier.name())
        .param("edue", utc(effectiveDue)).param("id", a.id())
        .update();
    jdbc.sql("""
        insert into risk_overrides (suspect_id, assessment_id, computed_tier, override_tier,
          reason, decided_by, decided_at)
        values (?, ?, ?, ?, ?, ?, ?)
        """).params(a.suspectId(), a.id(), a.computedTier().name(),
            tier == null ? null : tier.name(), reason, by, utc(at)).update();
  }

  /** Returns the active suspects after {@code afterId} (by id), for re-scoring in batches. */
  public List<Long> suspectIdsAfter(long afterId, int limit) {
    return jdbc.sql("""
        select id from suspects where id > ? and status <> 'MERGED' order by id limit ?
        """).params(afterId, limit).query(Long.class).list();
  }

  /** Returns how many active suspects lack a current assessment made with {@code version}. */
  public long countNotAssessedWith(String version) {
    return jdbc.sql("""
        select count(*) from suspects s
        where s.status <> 'MERGED' and not exists (
          select 1 from risk_assessments a
          where a.suspect_id = s.id and a.current_version and a.weights_version = ?)
        """).param(version).query(Long.class).single();
  }

  /**
   * Returns the number of current assessments per effective tier within the scope, each count
   * capped at {@link #COUNT_CAP} + 1.
   */
  public Map<Tier, Long> countByTier(Access access) {
    Map<Tier, Long> counts = new java.util.EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      counts.put(tier, jdbc.sql("""
          select count(*) from (select 1 from risk_assessments a
            join suspects s on s.id = a.suspect_id
            where a.current_version and a.effective_tier = :tier
              and (:national or s.unit_id = :unit) and s.status <> 'MERGED'
            limit :cap) capped
          """).param("tier", tier.name()).param("national", access.national())
          .param("unit", access.unitOrNone()).param("cap", COUNT_CAP + 1)
          .query(Long.class).single());
    }
    return counts;
  }

  /** Returns one page of the queue within the caller's scope. */
  public QueuePage queue(Access access, QueueFilter f, Instant now, int size) {
    StringBuilder where = new StringBuilder("""
        a.current_version and (:national or s.unit_id = :unit) and s.status <> 'MERGED'
        """);
    Map<String, Object> params = new HashMap<>();
    params.put("national", access.national());
    params.put("unit", access.unitOrNone());
    if (f.tier() != null) {
      where.append(" and a.effective_tier = :tier");
      params.put("tier", f.tier().name());
    }
    if (f.departement() != null) {
      where.append(" and s.departement_code = :departement");
      params.put("departement", f.departement());
    }
    if (f.status() != null) {
      where.append(" and s.status = :status");
      params.put("status", f.status());
    }
    if (f.factor() != null) {
      where.append(" and exists (select 1 from risk_assessment_factors x"
          + " where x.assessment_id = a.id and x.factor = :factor and x.points > 0)");
      params.put("factor", f.factor().key());
    }
    if (f.deadline() != null) {
      where.append(" and a.effective_due_at < :dueBefore");
      Instant before = switch (f.deadline()) {
        case "overdue" -> now;
        case "48h" -> now.plus(48, ChronoUnit.HOURS);
        default -> now.plus(30, ChronoUnit.DAYS);
      };
      params.put("dueBefore", utc(before));
    }
    // Counting stops past the cap: an exact count of 100,000 rows costs more than the page.
    params.put("cap", COUNT_CAP + 1);
    long total = jdbc.sql("select count(*) from (select 1 from risk_assessments a join suspects s "
            + "on s.id = a.suspect_id where " + where + " limit :cap) capped")
        .params(params).query(Long.class).single();

    String order;
    StringBuilder page = new StringBuilder(where);
    switch (f.sort()) {
      case "tier" -> {
        order = "a.effective_tier, a.effective_due_at, a.id";
        if (f.after() != null) {
          String[] c = f.after().split("_");
          page.append(" and (a.effective_tier, a.effective_due_at, a.id) > (:ct, :cd, :ci)");
          params.put("ct", Tier.of(c[0]).name());
          params.put("cd", utc(micros(c[1])));
          params.put("ci", Long.parseLong(c[2]));
        }
      }
      case "score" -> {
        order = "a.score desc, a.id desc";
        if (f.after() != null) {
          String[] c = f.after().split("_");
          page.append(" and (a.score, a.id) < (:cs, :ci)");
          params.put("cs", Double.parseDouble(c[0]));
          params.put("ci", Long.parseLong(c[1]));
        }
      }
      default -> {
        order = "a.effective_due_at, a.id";
        if (f.after() != null) {
          String[] c = f.after().split("_");
          page.append(" and (a.effective_due_at, a.id) > (:cd, :ci)");
          params.put("cd", utc(micros(c[0])));
          params.put("ci", Long.parseLong(c[1]));
        }
      }
    }
    params.put("size", size + 1);
    List<QueueRow> rows = new ArrayList<>(jdbc.sql("""
        select a.id, a.suspect_id, s.reference, s.display_name, u.code as unit_code,
          s.departement_code, s.status, a.score, a.computed_tier, a.effective_tier,
          a.effective_due_at, a.override_tier
        from risk_assessments a join suspects s on s.id = a.suspect_id
        left join units u on u.id = s.unit_id
        where %s
        order by %s
        limit :size
        """.formatted(page, order))
        .params(params)
        .query((rs, n) -> row(rs, now, f.sort(), List.of())).list());
    String next = null;
    if (rows.size() > size) {
      rows.removeLast();
      next = rows.getLast().cursor();
    }
    return new QueuePage(withFactors(rows), total, next);
  }

  private List<QueueRow> withFactors(List<QueueRow> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Long, List<Factor>> present = new HashMap<>();
    jdbc.sql("""
        select assessment_id, factor from risk_assessment_factors
        where assessment_id in (:ids) and points > 0 order by points desc
        """).param("ids", rows.stream().map(QueueRow::assessmentId).toList())
        .query((rs, n) -> present.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
            .add(Factor.ofKey(rs.getString(2)))).list();
    return rows.stream().map(r -> new QueueRow(r.assessmentId(), r.suspectId(), r.reference(),
        r.displayName(), r.unitCode(), r.departementCode(), r.status(), r.score(),
        r.computedTier(), r.effectiveTier(), r.effectiveDueAt(), r.overridden(), r.overdue(),
        present.getOrDefault(r.assessmentId(), List.of()), r.cursor())).toList();
  }

  private static QueueRow row(ResultSet rs, Instant now, String sort, List<Factor> factors)
      throws SQLException {
    long id = rs.getLong("id");
    Instant due = Timestamps.instant(rs, "effective_due_at");
    Tier tier = Tier.of(rs.getString("effective_tier"));
    double score = rs.getDouble("score");
    String cursor = switch (sort) {
      case "tier" -> tier.name() + "_" + micros(due) + "_" + id;
      case "score" -> Double.toString(score) + "_" + id;
      default -> micros(due) + "_" + id;
    };
    return new QueueRow(id, rs.getLong("suspect_id"), rs.getString("reference"),
        rs.getString("display_name"), rs.getString("unit_code"),
        rs.getString("departement_code"), rs.getString("status"), score,
        Tier.of(rs.getString("computed_tier")), tier, due, rs.getString("override_tier") != null,
        due.isBefore(now), factors, cursor);
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static Instant micros(String text) {
    return Instant.EPOCH.plus(Long.parseLong(text), ChronoUnit.MICROS);
  }

  private RiskAssessment withContributions(RiskAssessment a) {
    List<Contribution> contributions = jdbc.sql("""
        select factor, points, evidence from risk_assessment_factors where assessment_id = ?
        """).param(a.id())
        .query((rs, n) -> new Contribution(Factor.ofKey(rs.getString("factor")),
            rs.getDouble("points"), rs.getString("evidence")))
        .list().stream()
        .sorted(java.util.Comparator.comparing(Contribution::factor)).toList();
    return new RiskAssessment(a.id(), a.suspectId(), a.weightsVersion(), a.score(),
        a.computedTier(), a.dueAt(), a.effectiveTier(), a.effectiveDueAt(), a.assessedAt(),
        a.current(), a.overrideTier(), a.overrideReason(), a.overrideBy(), a.overrideAt(),
        contributions);
  }

  private RiskAssessment assessment(ResultSet rs, int n) throws SQLException {
    String o = rs.getString("override_tier");
    return new RiskAssessment(rs.getLong("id"), rs.getLong("suspect_id"),
        rs.getString("weights_version"), rs.getDouble("score"),
        Tier.of(rs.getString("computed_tier")), Timestamps.instant(rs, "due_at"),
        Tier.of(rs.getString("effective_tier")), Timestamps.instant(rs, "effective_due_at"),
        Timestamps.instant(rs, "assessed_at"), rs.getBoolean("current_version"),
        o == null ? null : Tier.of(o), rs.getString("override_reason"),
        rs.getString("override_by"), Timestamps.instant(rs, "override_at"), List.of());
  }
}
