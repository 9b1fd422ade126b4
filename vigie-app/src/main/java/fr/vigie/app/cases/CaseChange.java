package fr.vigie.app.cases;

import java.util.List;

/**
 * What a change asked of a case within the caller's scope came to. A case outside the scope, or
 * a record of another unit named in the change, gives no outcome at all: the change is answered
 * as missing (404) and the refusal is on the audit record ({@link Cases#forChange}).
 */
public sealed interface CaseChange {

  /**
   * Made, on the case's timeline and the audit record.
   *
   * @param id what the change made or changed: the note or the task, else the case
   */
  record Made(long id) implements CaseChange {}

  /**
   * Not made: what was sent does not do (an empty text, an unknown unit…).
   *
   * @param messageKey shown on the case page
   */
  record Invalid(String messageKey) implements CaseChange {}

  /**
   * Not made: the suspect to add is already in another open case (one open case per suspect;
   * opening a second case for it is the explicit, audited way).
   *
   * @param holders the open cases that hold it
   */
  record AlreadyHeld(List<HeldBy> holders) implements CaseChange {
    public AlreadyHeld {
      holders = List.copyOf(holders);
    }
  }
}
