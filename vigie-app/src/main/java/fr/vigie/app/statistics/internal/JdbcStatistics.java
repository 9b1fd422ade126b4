package fr.vigie.app.statistics.internal;

import fr.vigie.app.statistics.DepartementCount;
import fr.vigie.app.statistics.Identification;
import fr.vigie.app.statistics.IdentificationOutcome;
import fr.vigie.app.statistics.MonthlyCount;
import fr.vigie.app.statistics.StatisticsScope;
import fr.vigie.app.storage.Timestamps;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
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

  public long backlog(Bounds b) {
    return sql("with " + REPORTS + " select count(*) from r where r.status in ('NEW', 'UNDER_REVIEW')",
        b).query(Long.class).single();
  }

  public List<MonthlyCount> bySource(Bounds b) {
    return sql("with " + REPORTS + """
        select to_char(m.month, 'YYYY-MM') as month, s.code, s.name, m.n
        from (select date_trunc('month', r.received_at at time zone 'Europe/Paris') as month,
                     r.source_id, count(*) as n
              from r group by 1, 2) m
          join sources s on s.id = m.source_id
        order by m.month, s.code
        """, b).query((rs, i) -> new MonthlyCount(rs.getString("month"), rs.getString("code"),
        rs.getString("name"), rs.getLong("n"))).list();
  }

  public List<MonthlyCount> byIncidentType(Bounds b) {
    return sql("with " + REPORTS + """
        select to_char(m.month, 'YYYY-MM') as month, m.incident_type, m.n
        from (select date_trunc('month', r.received_at at time zone 'Europe/Paris') as month,
                     r.incident_type, count(*) as n
              from r group by 1, 2) m
        order by m.month, m.incident_type
        """, b).query((rs, i) -> new MonthlyCount(rs.getString("month"),
        rs.getString("incident_type"), rs.getString("incident_type"), rs.getLong("n"))).list();
  }

  /** The identification figures and the reports by département: one pass over the events. */
  public record Outcomes(Identification identification, List<DepartementCount> byDepartement) {}

  /**
   * One query for both, so that the events are joined once: the reports' outcomes in total, by
   * rank, by département and by both (grouping sets), the events' in total and by rank, and the
   * median time to identification.
   */
  public Outcomes outcomes(Bounds b) {
    Map<IdentificationOutcome, Long> reports = new EnumMap<>(IdentificationOutcome.class);
    Map<IdentificationOutcome, Long> events = new EnumMap<>(IdentificationOutcome.class);
    Map<String, Long> byDepartement = new HashMap<>();
    Map<String, Long> identifiedByDepartement = new HashMap<>();
    long[] totals = new long[2];
    Double[] median = new Double[1];
    sql("with " + EVENTS + """
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
        """, b).query((rs, i) -> {
          String kind = rs.getString("kind");
          boolean anyRank = rs.getInt("any_rank") == 1;
          boolean anyDepartement = rs.getInt("any_departement") == 1;
          long n = rs.getLong("n");
          String departement = rs.getString("departement_code");
          if (kind.equals("M")) {
            double m = rs.getDouble("median");
            median[0] = rs.wasNull() ? null : m;
          } else if (kind.equals("E")) {
            if (anyRank) {
              totals[1] = n;
            } else {
              events.put(BY_RANK[rs.getInt("rank")], n);
            }
          } else if (anyRank && anyDepartement) {
            totals[0] = n;
          } else if (anyDepartement) {
            reports.put(BY_RANK[rs.getInt("rank")], n);
          } else if (departement != null && anyRank) {
            byDepartement.put(departement, n);
          } else if (departement != null && rs.getInt("rank") == 0) {
            identifiedByDepartement.put(departement, n);
          }
          return kind;
        }).list();
    List<DepartementCount> departements = jdbc.sql(
            "select code, name from departements order by code")
        .query((rs, i) -> new DepartementCount(rs.getString("code"), rs.getString("name"),
            byDepartement.getOrDefault(rs.getString("code"), 0L),
            identifiedByDepartement.getOrDefault(rs.getString("code"), 0L))).list();
    return new Outcomes(new Identification(totals[0], reports, totals[1], events, median[0]),
        departements);
  }

  /** A count of reports of one incident type. */
  public record TypeCount(String type, long count) {}

  /** The reports of the scope, over the whole period, by incident type, most first. */
  public List<TypeCount> incidentTypes(StatisticsScope scope) {
    return sql("with " + REPORTS + """
        select r.incident_type, count(*) as n from r
        group by r.incident_type order by n desc, r.incident_type
        """, new Bounds(Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("9000-01-01T00:00:00Z"),
        scope)).query((rs, i) -> new TypeCount(rs.getString("incident_type"), rs.getLong("n")))
        .list();
  }
}
