package fr.vigie.app.cases;

import fr.vigie.app.cases.internal.JdbcCaseWorkload;
import fr.vigie.app.security.Access;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One person's cases and tasks, read through their scope like every case read: what a work
 * page lists. The caller records the read of the page.
 */
@Service
public class CaseWorkload {

  private final JdbcCaseWorkload workload;

  CaseWorkload(JdbcCaseWorkload workload) {
    this.workload = workload;
  }

  /** The open cases that are the caller's: their unit's, opened by them, or with their tasks. */
  @Transactional(readOnly = true)
  public List<WorkloadCase> cases(Access access, int limit) {
    return workload.cases(access, limit);
  }

  /** The caller's open tasks, the earliest due first, those with no due date last. */
  @Transactional(readOnly = true)
  public List<WorkloadTask> tasks(Access access, int limit) {
    return workload.tasks(access, limit);
  }
}
