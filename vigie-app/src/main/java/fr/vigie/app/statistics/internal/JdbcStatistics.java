package fr.vigie.app.statistics.internal;

import fr.vigie.app.statistics.DepartementCount;
import fr.vigie.app.statistics.Identification;
import fr.vigie.app.statistics.IdentificationOutcome;
import fr.vigie.app.statistics.MonthlyCount;
import fr.vigie.app.statistics.StatisticsScope;
import fr.vigie.app.storage.Timestamps;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The statistics' SQL: every figure is a count, a grouping or a percentile the database computes
 * over the pipeline's tables; Java only names the groups. Each query starts from the same
 * common table {@code r}: the reports of the period (received from {@code :from}, included, to
 * {@code :to}, excluded; superseded versions left out) in the scope — national, or a unit's:
 * reports of a département the unit covers, or whose IP events led to a subscriber assigned to
 * the unit.
 */
@Repository
public class JdbcStatistics {

  private static final String REPORTS = """
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

  /**
   * Every IP event of the reports in {@code r} with its outcome's rank (0: identified; see
   * {@link IdentificationOutcome} for the order) and, when identified, the first answer's time.
   * The operator's answers decide first; without one, the attribution's outcome.
   */
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

  private static final IdentificationOutcome[] BY_RANK = {
      IdentificationOutcome.IDENTIFIED, IdentificationOutcome.OPERATOR_UNANSWERED,
      IdentificationOutcome.NOT_YET_ATTRIBUTED, IdentificationOutcome.UNKNOWN_TO_OPERATOR,
      IdentificationOutcome.PORT_NEEDED, IdentificationOutcome.EXPIRED,
      IdentificationOutcome.FOREIGN, IdentificationOutcome.UNATTRIBUTED,
      IdentificationOutcome.NO_IP_EVENT};

  private final JdbcClient jdbc;

  JdbcStatistics(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The bounds and scope every query takes. */
  public record Bounds(Instant from, Instant to, StatisticsScope scope) {}

  private JdbcClient.StatementSpec sql(String sql, Bounds b) {
    return jdbc.sql(sql)
        .param("from", Timestamps.utc(b.from()))
        .param("to", Timestamps.utc(b.to()))
        .param("national", b.scope().national())
        .param("unit", b.scope().national() ? -1L : b.scope().unitId());
  }

  public long reports(Bounds b) {
    return sql("with " + REPORTS + " select count(*) from r", b).query(Long.class).single();
  }

  public long backlog(Bounds b) {
    return sql("with " + REPORTS + " select count(*) from r where r.status in ('NEW', 'PROCESSING')",
        b).query(Long.class).single();
  }

  public List<MonthlyCount> bySource(Bounds b) {
    return sql("with " + REPORTS + """
        select to_char(r.received_at at time zone 'Europe/Paris', 'YYYY-MM') as month,
               s.code, s.name, count(*) as n
        from r join sources s on s.id = r.source_id
        group by month, s.code, s.name
        order by month, s.code
        """, b).query((rs, i) -> new MonthlyCount(rs.getString("month"), rs.getString("code"),
        rs.getString("name"), rs.getLong("n"))).list();
  }

  public List<MonthlyCount> byIncidentType(Bounds b) {
    return sql("with " + REPORTS + """
        select to_char(r.received_at at time zone 'Europe/Paris', 'YYYY-MM') as month,
               r.incident_type, count(*) as n
        from r
        group by month, r.incident_type
        order by month, r.incident_type
        """, b).query((rs, i) -> new MonthlyCount(rs.getString("month"),
        rs.getString("incident_type"), rs.getString("incident_type"), rs.getLong("n"))).list();
  }

  public Identification identification(Bounds b) {
    Map<IdentificationOutcome, Long> reports = new EnumMap<>(IdentificationOutcome.class);
    Map<IdentificationOutcome, Long> events = new EnumMap<>(IdentificationOutcome.class);
    long[] totals = new long[2];
    sql("with " + EVENTS + """
        select 'R' as kind, rank, count(*) as n from rep group by rank
        union all
        select 'E', rank, count(*) from ev group by rank
        """, b).query((rs, i) -> {
          IdentificationOutcome outcome = BY_RANK[rs.getInt("rank")];
          long n = rs.getLong("n");
          if (rs.getString("kind").equals("R")) {
            reports.put(outcome, n);
            totals[0] += n;
          } else {
            events.put(outcome, n);
            totals[1] += n;
          }
          return n;
        }).list();
    List<Double> median = sql("with " + EVENTS + """
        select percentile_cont(0.5) within group (
                 order by extract(epoch from (identified_at - received_at)) / 3600.0)
        from rep where rank = 0 and identified_at is not null
        """, b).query(Double.class).list();
    return new Identification(totals[0], reports, totals[1], events,
        median.isEmpty() ? null : median.get(0));
  }

  /** Every département (zeros included), by code. */
  public List<DepartementCount> byDepartement(Bounds b) {
    return sql("with " + EVENTS + """
        , counts as (
          select departement_code, count(*) as reports,
                 count(*) filter (where rank = 0) as identified
          from rep where departement_code is not null group by departement_code
        )
        select d.code, d.name, coalesce(c.reports, 0) as reports,
               coalesce(c.identified, 0) as identified
        from departements d left join counts c on c.departement_code = d.code
        order by d.code
        """, b).query((rs, i) -> new DepartementCount(rs.getString("code"), rs.getString("name"),
        rs.getLong("reports"), rs.getLong("identified"))).list();
  }
}
