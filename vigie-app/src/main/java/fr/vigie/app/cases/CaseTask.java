package fr.vigie.app.cases;

import java.time.Instant;

/** A task on a case: what, for whom, by when; done when {@code doneAt} is set. */
public record CaseTask(long id, String title, String assignee, Instant dueAt, Instant doneAt,
    String doneBy, Instant createdAt, String createdBy) {

  public boolean done() {
    return doneAt != null;
  }
}
