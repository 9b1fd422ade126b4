package fr.vigie.app.cases;

import java.time.Instant;
import java.util.List;

/**
 * What is still open on a case, shown before it is closed: tasks not done, requisitions not
 * answered.
 */
public record OpenWork(List<CaseTask> openTasks, List<PendingRequisition> requisitions) {

  public OpenWork {
    openTasks = List.copyOf(openTasks);
    requisitions = List.copyOf(requisitions);
  }

  public boolean isEmpty() {
    return openTasks.isEmpty() && requisitions.isEmpty();
  }

  /**
   * A requisition about the case not answered yet.
   *
   * @param status DRAFTED, SENT or OVERDUE
   */
  public record PendingRequisition(long id, String reference, String operatorName,
      String status, Instant sentAt, Instant dueAt) {}
}
