package fr.vigie.app.operations.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.operations.OperationDraft;
import fr.vigie.app.operations.Target;
import fr.vigie.app.security.Access;
import fr.vigie.app.storage.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL over {@code operations} and {@code targets}; reads for a caller carry the scope. */
@Repository
public class JdbcOperations {

  private static final String SELECT = """
      select t.id, o.code as operation_code, o.name as operation_name, o.planned_for,
             s.reference as suspect_reference, s.display_name as suspect_name, t.unit_id,
             u.code as unit_code, t.status, t.planned_at
      from targets t
        join operations o on o.id = t.operation_id
        join suspects s on s.id = t.suspect_id
        join units u on u.id = t.unit_id
      """;
  private static final String SCOPE = "(:national or t.unit_id = :unit)";

  private final JdbcClient jdbc;

  JdbcOperations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Target> findVisibleTargets(Access access) {
    return jdbc.sql(SELECT + " where " + SCOPE + " order by o.planned_for, u.code, s.reference")
        .param("national", access.national()).param("unit", access.unitOrNone())
        .query(JdbcOperations::target).list();
  }

  public Optional<Target> findVisibleTarget(Access access, long id) {
    return jdbc.sql(SELECT + " where t.id = :id and " + SCOPE)
        .param("id", id).param("national", access.national()).param("unit", access.unitOrNone())
        .query(JdbcOperations::target).optional();
  }

  /** Unscoped: only to record, in the audit log, where a refused id belongs. */
  public Optional<Target> findAnyTargetForAudit(long id) {
    return jdbc.sql(SELECT + " where t.id = :id").param("id", id)
        .query(JdbcOperations::target).optional();
  }

  public long insert(OperationDraft draft) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into operations (code, name, coordinating_unit_id, planned_for, status, created_by)
        values (:code, :name, (select id from units where code = :unit), :day, 'PLANNING', :by)
        """)
        .param("code", draft.code()).param("name", draft.name())
        .param("unit", draft.coordinatingUnitCode()).param("day", draft.plannedFor())
        .param("by", draft.createdBy())
        .update(keys, "id");
    long id = keys.getKey().longValue();
    for (OperationDraft.TargetDraft target : draft.targets()) {
      jdbc.sql("""
          insert into targets (operation_id, suspect_id, unit_id, status, planned_at)
          values (:operation, :suspect, (select id from units where code = :unit), 'PLANNED', :at)
          """)
          .param("operation", id).param("suspect", target.suspectId())
          .param("unit", target.unitCode()).param("at", utc(target.plannedAt()))
          .update();
    }
    return id;
  }

  private static Target target(ResultSet rs, int n) throws SQLException {
    long unit = rs.getLong("unit_id");
    Long unitId = rs.wasNull() ? null : unit;
    return new Target(rs.getLong("id"), rs.getString("operation_code"),
        rs.getString("operation_name"), rs.getObject("planned_for", LocalDate.class),
        rs.getString("suspect_reference"), rs.getString("suspect_name"), unitId,
        rs.getString("unit_code"), rs.getString("status"), Timestamps.instant(rs, "planned_at"));
  }
}
