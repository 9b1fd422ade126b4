package fr.vigie.app.cases;

import java.time.Instant;

/** An open task given to someone, with its case; {@code dueAt} may be null (no due date). */
public record WorkloadTask(long taskId, String title, Instant dueAt, long caseId,
    String caseReference, String caseTitle) {

  /** Returns whether the task is past its due date at {@code now}. */
  public boolean overdueAt(Instant now) {
    return dueAt != null && dueAt.isBefore(now);
  }
}
