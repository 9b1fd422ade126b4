package fr.vigie.app.cases.internal;

import fr.vigie.app.cases.WorkloadCase;
import fr.vigie.app.cases.WorkloadTask;
import fr.vigie.app.security.Access;
import fr.vigie.app.storage.Timestamps;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of one person's workload: their open cases and tasks, within their scope. */
@Repository
public class JdbcCaseWorkload {

  private static final String SCOPE = "(:national or c.unit_id = :unit)";

  private final JdbcClient jdbc;

  JdbcCaseWorkload(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The open cases the caller may see that are theirs: their unit's, opened by them, or with
   * an open task given to them; the most recently opened first.
   */
  public List<WorkloadCase> cases(Access access, int limit) {
    return jdbc.sql("""
        select c.id, c.reference, c.title, u.code as unit_code, c.status, c.opened_at,
          (select count(*) from case_tasks t where t.case_id = c.id and t.done_at is null)
            as open_tasks
        from cases c left join units u on u.id = c.unit_id
        where c.status <> 'CLOSED' and\s""" + SCOPE + """
          and (c.unit_id = :unit or c.opened_by = :me or exists (
            select 1 from case_tasks t
            where t.case_id = c.id and t.assignee = :me and t.done_at is null))
        order by c.opened_at desc, c.id desc
        limit :limit
        """)
        .param("national", access.national()).param("unit", access.unitOrNone())
        .param("me", access.caller().username()).param("limit", limit)
        .query((rs, n) -> new WorkloadCase(rs.getLong("id"), rs.getString("reference"),
            rs.getString("title"), rs.getString("unit_code"), rs.getString("status"),
            Timestamps.instant(rs, "opened_at"), rs.getLong("open_tasks")))
        .list();
  }

  /**
   * The open tasks given to the caller in cases they may see: the earliest due first (so the
   * overdue ones lead), those without a due date last.
   */
  public List<WorkloadTask> tasks(Access access, int limit) {
    return jdbc.sql("""
        select t.id, t.title, t.due_at, c.id as case_id, c.reference, c.title as case_title
        from case_tasks t join cases c on c.id = t.case_id
        where t.assignee = :me and t.done_at is null and\s""" + SCOPE + """
        order by t.due_at asc nulls last, t.id
        limit :limit
        """)
        .param("national", access.national()).param("unit", access.unitOrNone())
        .param("me", access.caller().username()).param("limit", limit)
        .query((rs, n) -> new WorkloadTask(rs.getLong("id"), rs.getString("title"),
            Timestamps.instant(rs, "due_at"), rs.getLong("case_id"), rs.getString("reference"),
            rs.getString("case_title")))
        .list();
  }
}
