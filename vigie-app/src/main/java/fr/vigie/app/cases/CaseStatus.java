package fr.vigie.app.cases;

import java.util.Optional;

/** Where a case stands: ouvert → identification → prêt pour action → en opération → clos. */
public enum CaseStatus {
  OPEN,
  IDENTIFICATION,
  READY_FOR_ACTION,
  IN_OPERATION,
  CLOSED;

  /** Returns the step after this one on the way forward (closing aside), if there is one. */
  public Optional<CaseStatus> next() {
    return switch (this) {
      case OPEN -> Optional.of(IDENTIFICATION);
      case IDENTIFICATION -> Optional.of(READY_FOR_ACTION);
      case READY_FOR_ACTION -> Optional.of(IN_OPERATION);
      case IN_OPERATION, CLOSED -> Optional.empty();
    };
  }
}
