package fr.vigie.app.suspects.internal;

import static fr.vigie.app.storage.Timestamps.instant;

import fr.vigie.app.security.Access;
import fr.vigie.app.suspects.SuspectHub;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads, for the suspect page, what the earlier stages hold about a suspect (reports, IP events,
 * attribution, requisitions, media, matches, targets). Read-only.
 *
 * <p>The reports of a suspect are those naming one of its identifiers for their reported person
 * (or for no person: demo and form reports name identifiers without one). A suspect identifier
 * holds linking's value ({@code LinkKeys.value}: a platform account qualified by its platform,
 * {@code réseau démo:zed}); one registered directly (the demo's) may hold the bare canonical key,
 * and both agree with the reported identifier.
 */
@Repository
public class JdbcSuspectHub {

  /** The (report, node) pairs of one suspect (:id), and its current reports. */
  private static final String NAMED = """
      with named as (
        select ri.report_id, si.kind || '|' || si.canonical_key as node
        from suspect_identifiers si
        join reported_identifiers ri on ri.kind = si.kind
          and (ri.canonical_key = si.canonical_key
            or ri.canonical_key = substr(si.canonical_key, strpos(si.canonical_key, ':') + 1))
        left join report_persons p on p.id = ri.person_id
        where si.suspect_id = :id
          and (ri.person_id is null or p.role = 'REPORTED')
          and (si.canonical_key = ri.canonical_key
            or (ri.kind in ('SCREEN_NAME', 'ACCOUNT_ID', 'URL') and si.canonical_key =
                replace(lower(btrim(coalesce(ri.platform, ''))), ':', '_') || ':' || ri.canonical_key))
      ),
      hub_reports as (
        select r.id from reports r
        where r.status <> 'SUPERSEDED' and r.id in (select report_id from named)
        order by r.received_at desc, r.id desc
        limit :limit
      )
      """;

  private final JdbcClient jdbc;

  JdbcSuspectHub(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public SuspectHub of(Access access, long suspectId, Collection<Long> alsoReports) {
    List<SuspectHub.Report> reports = jdbc.sql(NAMED + """
        select r.id, r.external_id, so.name as source_name, r.incident_type, r.received_at,
          array(select distinct n.node from named n where n.report_id = r.id order by 1) as nodes
        from hub_reports h join reports r on r.id = h.id join sources so on so.id = r.source_id
        order by r.received_at desc, r.id desc
        """).param("id", suspectId).param("limit", SuspectHub.LIMIT + 1)
        .query((rs, n) -> new SuspectHub.Report(rs.getLong("id"), rs.getString("external_id"),
            rs.getString("source_name"), rs.getString("incident_type"),
            instant(rs, "received_at"), strings(rs.getArray("nodes"))))
        .list();
    boolean truncated = reports.size() > SuspectHub.LIMIT;
    if (truncated) {
      reports = reports.subList(0, SuspectHub.LIMIT);
    }
    List<SuspectHub.Event> events = jdbc.sql(NAMED + """
        select e.id, e.report_id, r.external_id, e.ip, e.port, e.occurred_at, e.offset_missing,
          e.status, a.outcome, q.id as requisition_id, q.reference as requisition_ref
        from hub_reports h join reports r on r.id = h.id
        join ip_events e on e.report_id = r.id
        left join ip_attributions a on a.ip_event_id = e.id
        left join lateral (
          select q.id, q.reference from requisition_items it
          join requisitions q on q.id = it.requisition_id
          where it.ip_event_id = e.id and q.status <> 'CANCELLED'
            and (:national or q.unit_id = :unit)
          order by q.created_at desc, q.id desc limit 1) q on true
        order by e.occurred_at desc nulls last, e.id
        limit :limit
        """).param("id", suspectId).param("limit", SuspectHub.LIMIT)
        .param("national", access.national()).param("unit", access.unitOrNone())
        .query((rs, n) -> new SuspectHub.Event(rs.getLong("id"), rs.getLong("report_id"),
            rs.getString("external_id"), rs.getString("ip"), rs.getObject("port", Integer.class),
            instant(rs, "occurred_at"), rs.getBoolean("offset_missing"), rs.getString("status"),
            rs.getString("outcome"), rs.getObject("requisition_id", Long.class),
            rs.getString("requisition_ref")))
        .list();
    List<SuspectHub.File> files = jdbc.sql(NAMED + """
        select m.id, m.report_id, r.external_id, m.file_name, m.status,
          (select max(mt.category) from matches mt where mt.media_id = m.id and mt.active)
            as category
        from hub_reports h join reports r on r.id = h.id
        join media m on m.report_id = r.id
        order by r.received_at desc, m.report_id desc, m.id
        limit :limit
        """).param("id", suspectId).param("limit", SuspectHub.LIMIT)
        .query((rs, n) -> new SuspectHub.File(rs.getLong("id"), rs.getLong("report_id"),
            rs.getString("external_id"), rs.getString("file_name"), rs.getString("status"),
            rs.getObject("category", Integer.class)))
        .list();
    List<SuspectHub.TargetLine> targets = jdbc.sql("""
        select t.id, o.code, o.name, o.planned_for, t.status, u.code as unit_code
        from targets t join operations o on o.id = t.operation_id
        join units u on u.id = t.unit_id
        where t.suspect_id = :id and (:national or t.unit_id = :unit)
        order by o.planned_for desc nulls last, t.id
        """).param("id", suspectId)
        .param("national", access.national()).param("unit", access.unitOrNone())
        .query((rs, n) -> new SuspectHub.TargetLine(rs.getLong("id"), rs.getString("code"),
            rs.getString("name"), rs.getObject("planned_for", java.time.LocalDate.class),
            rs.getString("status"), rs.getString("unit_code")))
        .list();
    Map<Long, String> references = new HashMap<>();
    reports.forEach(r -> references.put(r.id(), r.externalId()));
    if (!alsoReports.isEmpty()) {
      jdbc.sql("select id, external_id from reports where id in (:ids)")
          .param("ids", List.copyOf(alsoReports))
          .query(rs -> {
            references.put(rs.getLong("id"), rs.getString("external_id"));
          });
    }
    return new SuspectHub(reports, events, files, targets, truncated, references);
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    try {
      return new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    } finally {
      array.free();
    }
  }
}
