package fr.vigie.app.intake;

import fr.vigie.app.storage.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read access to the IP events intake stored, for attribution: those of one import run, or all
 * of them in id order, in pages. Intake owns {@code ip_events}; others read it only through here.
 */
@Service
public class IpEvents {

  private static final String SELECT = """
      select e.id, e.report_id, s.code as source_code, r.external_id, r.version, e.ip, e.port,
             e.occurred_at, r.import_job_id
      from ip_events e
      join reports r on r.id = e.report_id
      join sources s on s.id = r.source_id
      """;

  private final JdbcClient jdbc;

  IpEvents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Returns the events of the reports written by one import run, in id order. */
  public List<IpEvent> ofImportJob(long importJobId) {
    return jdbc.sql(SELECT + " where r.import_job_id = ? order by e.id").param(importJobId)
        .query(IpEvents::map).list();
  }

  /** Returns up to {@code limit} events with an id above {@code afterId}, in id order. */
  public List<IpEvent> after(long afterId, int limit) {
    return jdbc.sql(SELECT + " where e.id > ? order by e.id fetch first " + limit + " rows only")
        .param(afterId).query(IpEvents::map).list();
  }

  /** Returns the events with these ids (any order). */
  public List<IpEvent> byIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(SELECT + " where e.id in (:ids) order by e.id").param("ids", ids)
        .query(IpEvents::map).list();
  }

  private static IpEvent map(ResultSet rs, int n) throws SQLException {
    int port = rs.getInt("port");
    Integer maybePort = rs.wasNull() ? null : port;
    long job = rs.getLong("import_job_id");
    Long maybeJob = rs.wasNull() ? null : job;
    String ref = rs.getString("source_code") + " " + rs.getString("external_id")
        + (rs.getInt("version") > 1 ? " v" + rs.getInt("version") : "");
    return new IpEvent(rs.getLong("id"), rs.getLong("report_id"), ref, rs.getString("ip"),
        maybePort, Timestamps.instant(rs, "occurred_at"), maybeJob);
  }
}
