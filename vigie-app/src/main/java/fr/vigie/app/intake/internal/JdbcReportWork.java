package fr.vigie.app.intake.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.intake.AssignedReport;
import fr.vigie.app.intake.ReportEvent;
import fr.vigie.app.security.Access;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the report workflow: the scoped lookup, the changes and the history (V25). */
@Repository
public class JdbcReportWork {

  /** A report as a change needs it: its status, assignment and priority. */
  public record Worked(long id, String externalId, String status, Long unitId, String assignee,
      boolean highPriority) {}

  private final JdbcClient jdbc;

  JdbcReportWork(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  private static final String WORKED = """
      select id, external_id, status, assigned_unit_id, assigned_to, high_priority from reports
      """;

  private static Worked worked(ResultSet rs, int n) throws SQLException {
    long unit = rs.getLong("assigned_unit_id");
    return new Worked(rs.getLong("id"), rs.getString("external_id"), rs.getString("status"),
        rs.wasNull() ? null : unit, rs.getString("assigned_to"), rs.getBoolean("high_priority"));
  }

  /**
   * The report if the caller may change it: the national office acts on every report; a unit
   * only on those given to it or to the caller.
   */
  public Optional<Worked> inScope(Access access, long id) {
    return jdbc.sql(WORKED + """
         where id = :id and (:national or assigned_unit_id = :unit or assigned_to = :me)
        """)
        .param("id", id).param("national", access.national())
        .param("unit", access.unitOrNone()).param("me", access.caller().username())
        .query(JdbcReportWork::worked).optional();
  }

  /** The report whoever's it is: only to write a refusal on the record. */
  public Optional<Worked> anyForAudit(long id) {
    return jdbc.sql(WORKED + " where id = ?").param(id).query(JdbcReportWork::worked).optional();
  }

  /** Moves the report if it is still in {@code from}; false when someone moved it first. */
  public boolean move(long id, String from, String to, String reason) {
    return jdbc.sql("""
        update reports set status = ?, status_reason = ? where id = ? and status = ?
        """).params(to, reason, id, from).update() == 1;
  }

  public void assign(long id, Long unitId, String username) {
    jdbc.sql("update reports set assigned_unit_id = ?, assigned_to = ? where id = ?")
        .params(unitId, username, id).update();
  }

  public void prioritise(long id, boolean high) {
    jdbc.sql("update reports set high_priority = ? where id = ?").params(high, id).update();
  }

  /** Appends one change to the report's history. */
  public void event(long reportId, Instant at, String actor, String kind, String from,
      String to, Long unitId, String assignee, Boolean high, String reason) {
    jdbc.sql("""
        insert into report_events (report_id, at, actor, kind, from_status, to_status, unit_id,
          assignee, high_priority, reason)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """).params(reportId, utc(at), actor, kind, from, to, unitId, assignee, high, reason)
        .update();
  }

  /** The report's history, oldest first. */
  public List<ReportEvent> history(long reportId) {
    return jdbc.sql("""
        select e.id, e.at, e.actor, e.kind, e.from_status, e.to_status, u.code as unit_code,
          e.assignee, e.high_priority, e.reason
        from report_events e left join units u on u.id = e.unit_id
        where e.report_id = ? order by e.id
        """).param(reportId)
        .query((rs, n) -> new ReportEvent(rs.getLong("id"), instant(rs, "at"),
            rs.getString("actor"), rs.getString("kind"), rs.getString("from_status"),
            rs.getString("to_status"), rs.getString("unit_code"), rs.getString("assignee"),
            (Boolean) rs.getObject("high_priority", Boolean.class), rs.getString("reason")))
        .list();
  }

  /**
   * The open reports (new or under review) given to the unit or to the person, high priority
   * first, then oldest received first: the ones waiting longest come up.
   */
  public List<AssignedReport> queue(Long unitId, String username, int limit) {
    return jdbc.sql("""
        select r.id, s.code as source_code, r.external_id, r.incident_type, r.received_at,
          r.status, r.high_priority, u.code as unit_code, r.assigned_to
        from reports r join sources s on s.id = r.source_id
          left join units u on u.id = r.assigned_unit_id
        where (r.assigned_unit_id = :unit or r.assigned_to = :me)
          and r.status in ('NEW', 'UNDER_REVIEW')
        order by r.high_priority desc, r.received_at, r.id
        limit :limit
        """)
        .param("unit", unitId == null ? -1L : unitId).param("me", username)
        .param("limit", limit)
        .query((rs, n) -> new AssignedReport(rs.getLong("id"), rs.getString("source_code"),
            rs.getString("external_id"), rs.getString("incident_type"),
            instant(rs, "received_at"), rs.getString("status"), rs.getBoolean("high_priority"),
            rs.getString("unit_code"), rs.getString("assigned_to")))
        .list();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
