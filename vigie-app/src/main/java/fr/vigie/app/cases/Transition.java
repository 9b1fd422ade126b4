package fr.vigie.app.cases;

import java.util.List;

/**
 * What asking a case to move to another status gave: it moved, or it was refused with every
 * reason at once (so that the user fixes them all in one go, not one per attempt).
 */
public sealed interface Transition {

  /** The case moved; the timeline and the audit log say so. */
  record Moved(CaseStatus from, CaseStatus to) implements Transition {}

  /** The case stayed where it was, for these reasons. */
  record Refused(CaseStatus from, CaseStatus to, List<Reason> reasons) implements Transition {
    public Refused {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a refusal needs at least one reason");
      }
    }
  }

  /**
   * One unmet precondition.
   *
   * @param code message key shown to the user (e.g. "case.refused.noSubscriber")
   * @param detail the same in plain English, for logs, the audit trail and tests
   */
  record Reason(String code, String detail) {}
}
