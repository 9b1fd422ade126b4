package fr.vigie.app.intake;

import java.util.Set;

/**
 * Where a report stands: new → under review → linked (to a suspect or a case) or no further
 * action (with a reason). SUPERSEDED is the importer's alone: an older version of a report that
 * a newer one replaced, which linking and triage leave out; no person moves a report to or from
 * it.
 */
public enum ReportStatus {
  NEW,
  UNDER_REVIEW,
  LINKED,
  NO_ACTION,
  SUPERSEDED;

  /** Returns the statuses a person may move a report in this status to. */
  public Set<ReportStatus> next() {
    return switch (this) {
      case NEW -> Set.of(UNDER_REVIEW, LINKED, NO_ACTION);
      case UNDER_REVIEW -> Set.of(LINKED, NO_ACTION);
      // Reopened: a closed report can come back under review, never straight to "new".
      case LINKED -> Set.of(UNDER_REVIEW, NO_ACTION);
      case NO_ACTION -> Set.of(UNDER_REVIEW);
      case SUPERSEDED -> Set.of();
    };
  }

  /** Returns whether a move to {@code to} needs a stated reason. */
  public static boolean needsReason(ReportStatus to) {
    return to == NO_ACTION;
  }

  /** Returns whether the report still waits for someone (new or under review). */
  public boolean open() {
    return this == NEW || this == UNDER_REVIEW;
  }

  /** The status with this code, or null when none has it. */
  public static ReportStatus parse(String code) {
    if (code == null) {
      return null;
    }
    for (ReportStatus s : values()) {
      if (s.name().equals(code.strip())) {
        return s;
      }
    }
    return null;
  }
}
