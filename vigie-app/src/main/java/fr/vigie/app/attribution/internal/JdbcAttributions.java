package fr.vigie.app.attribution.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.attribution.AttributedEvent;
import fr.vigie.app.attribution.AttributionOverview;
import fr.vigie.app.storage.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over {@code ip_attributions}. */
@Repository
public class JdbcAttributions {

  /** A row to write. */
  public record Row(long ipEventId, long reportId, String reportRef, String ip, Integer port,
      Instant occurredAt, String outcome, String reasonCode, String reason, String country,
      Long asn, String asOrganization, Long operatorId, String cgnatRange, LocalDate expiredOn,
      Long importJobId) {}

  /** Requisitions that still count: a cancelled one gives its events back. */
  static final String OPEN_ITEM = """
      select i.ip_event_id from requisition_items i join requisitions q on q.id = i.requisition_id
      where q.status <> 'CANCELLED'
      """;

  private static final String SELECT = """
      select a.*, o.code as operator_code, o.name as operator_name,
             (select min(q.reference) from requisition_items i
                join requisitions q on q.id = i.requisition_id
              where i.ip_event_id = a.ip_event_id and q.status <> 'CANCELLED') as requisition_ref
      from ip_attributions a left join operators o on o.id = a.operator_id
      """;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  JdbcAttributions(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** Returns which of these events a live requisition already asked for. */
  public Set<Long> inOpenRequisitions(Collection<Long> eventIds) {
    if (eventIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(jdbc.sql(OPEN_ITEM + " and i.ip_event_id in (:ids)")
        .param("ids", eventIds).query(Long.class).list());
  }

  /** Replaces the rows of these events, each by its new decision. */
  public void replace(List<Row> rows, Instant now) {
    if (rows.isEmpty()) {
      return;
    }
    // An upsert, not delete-then-insert: two runs at once (the server's job and
    // ./vigie attribution run) would otherwise both insert the same event and one would fail.
    template.batchUpdate("""
        insert into ip_attributions (ip_event_id, report_id, report_ref, ip, port, occurred_at,
          outcome, reason_code, reason, country_code, asn, as_organization, operator_id,
          cgnat_range, expired_on, import_job_id, attributed_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (ip_event_id) do update set report_id = excluded.report_id,
          report_ref = excluded.report_ref, ip = excluded.ip, port = excluded.port,
          occurred_at = excluded.occurred_at, outcome = excluded.outcome,
          reason_code = excluded.reason_code, reason = excluded.reason,
          country_code = excluded.country_code, asn = excluded.asn,
          as_organization = excluded.as_organization, operator_id = excluded.operator_id,
          cgnat_range = excluded.cgnat_range, expired_on = excluded.expired_on,
          import_job_id = excluded.import_job_id, attributed_at = excluded.attributed_at
        """, rows.stream().map(r -> new Object[] {r.ipEventId(), r.reportId(), r.reportRef(),
            r.ip(), r.port(), utc(r.occurredAt()), r.outcome(), r.reasonCode(), r.reason(),
            r.country(), r.asn(), r.asOrganization(), r.operatorId(), r.cgnatRange(),
            r.expiredOn(), r.importJobId(),
            utc(now)}).toList());
  }

  public Map<String, Long> countByOutcome() {
    return counts("select outcome, count(*) from ip_attributions group by outcome order by 1");
  }

  /** IP events attribution has not decided yet: no row here (the dashboard's "en attente"). */
  public long countNotYetAttributed() {
    return jdbc.sql("""
        select count(*) from ip_events e
        where not exists (select 1 from ip_attributions a where a.ip_event_id = e.id)
        """).query(Long.class).single();
  }

  public Map<String, Long> countUnattributedByReason() {
    return counts("""
        select reason_code, count(*) from ip_attributions where outcome = 'UNATTRIBUTED'
        group by reason_code order by 2 desc, 1
        """);
  }

  public Map<String, Long> countForeignByCountry() {
    return counts("""
        select country_code, count(*) from ip_attributions where outcome = 'FOREIGN'
        group by country_code order by 2 desc, 1
        """);
  }

  /** FRANCE events that no live requisition covers, per operator. */
  public List<AttributionOverview.OperatorCount> pendingByOperator() {
    return jdbc.sql("""
        select o.id, o.code, o.name, count(*) as events
        from ip_attributions a join operators o on o.id = a.operator_id
        where a.outcome = 'FRANCE' and a.ip_event_id not in (""" + OPEN_ITEM + """
        )
        group by o.id, o.code, o.name order by o.name
        """).query((rs, n) -> new AttributionOverview.OperatorCount(rs.getLong("id"),
            rs.getString("code"), rs.getString("name"), rs.getLong("events"))).list();
  }

  /** Ids of the FRANCE events of one operator that no live requisition covers, oldest first. */
  public List<Long> pendingEventIds(long operatorId, int limit) {
    return jdbc.sql("""
        select a.ip_event_id from ip_attributions a
        where a.outcome = 'FRANCE' and a.operator_id = ? and a.ip_event_id not in (""" + OPEN_ITEM
        + """
        ) order by a.occurred_at, a.ip_event_id limit ?
        """).params(operatorId, limit).query(Long.class).list();
  }

  public List<AttributedEvent> byIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(SELECT + " where a.ip_event_id in (:ids) order by a.occurred_at, a.ip_event_id")
        .param("ids", ids).query(JdbcAttributions::map).list();
  }

  /** One page of events with this outcome (all outcomes when null), newest first. */
  public List<AttributedEvent> list(String outcome, String reasonCode, int page, int size) {
    return jdbc.sql(SELECT + """
         where (cast(:outcome as varchar(16)) is null or a.outcome = :outcome)
           and (cast(:reason as varchar(32)) is null or a.reason_code = :reason)
         order by a.occurred_at desc, a.ip_event_id desc limit :size offset :offset
        """).param("outcome", outcome).param("reason", reasonCode).param("size", size)
        .param("offset", (long) page * size).query(JdbcAttributions::map).list();
  }

  /**
   * The next {@code size} attributed events after {@code last} (null: from the newest) in the
   * list's order, optionally of one outcome and reason: keyset, so that an export walks them all.
   */
  public List<AttributedEvent> listAfter(String outcome, String reasonCode, AttributedEvent last,
      int size) {
    return jdbc.sql(SELECT + """
         where (cast(:outcome as varchar(16)) is null or a.outcome = :outcome)
           and (cast(:reason as varchar(32)) is null or a.reason_code = :reason)
           and (cast(:lastAt as timestamptz) is null
             or (a.occurred_at, a.ip_event_id) < (:lastAt, :lastId))
         order by a.occurred_at desc, a.ip_event_id desc limit :size
        """).param("outcome", outcome).param("reason", reasonCode)
        .param("lastAt", last == null ? null : Timestamps.utc(last.occurredAt()))
        .param("lastId", last == null ? 0L : last.ipEventId())
        .param("size", size).query(JdbcAttributions::map).list();
  }

  /** The FOREIGN events of one country, oldest first (the order of a referral). */
  public List<AttributedEvent> foreign(String country) {
    return jdbc.sql(SELECT + """
         where a.outcome = 'FOREIGN' and a.country_code = ?
         order by a.occurred_at, a.ip_event_id
        """).param(country).query(JdbcAttributions::map).list();
  }

  private Map<String, Long> counts(String sql) {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.sql(sql).query(rs -> {
      counts.put(rs.getString(1), rs.getLong(2));
    });
    return counts;
  }

  static AttributedEvent map(ResultSet rs, int n) throws SQLException {
    LocalDate expired = rs.getObject("expired_on", LocalDate.class);
    return new AttributedEvent(rs.getLong("ip_event_id"), rs.getLong("report_id"),
        rs.getString("report_ref"), rs.getString("ip"), nullableInt(rs, "port"),
        Timestamps.instant(rs, "occurred_at"), rs.getString("outcome"),
        rs.getString("reason_code"), rs.getString("reason"), rs.getString("country_code"),
        nullableLong(rs, "asn"), rs.getString("as_organization"),
        rs.getString("operator_code"), rs.getString("operator_name"),
        rs.getString("cgnat_range"), expired,
        Timestamps.instant(rs, "attributed_at"), rs.getString("requisition_ref"));
  }

  static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
