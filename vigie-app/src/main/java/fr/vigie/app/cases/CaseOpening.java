package fr.vigie.app.cases;

import java.util.List;

/**
 * What asking to open a case for suspects in the caller's scope came to. A suspect outside the
 * scope gives no outcome at all (answered as missing, on the record: {@link Cases#openFor}).
 */
public sealed interface CaseOpening {

  /** Opened: the new case's id. */
  record Opened(long id) implements CaseOpening {}

  /**
   * Not opened: one suspect at least is already in an open case. Opening anyway is an explicit
   * choice with a reason ({@link Cases#openFor(fr.vigie.app.security.Access, List, String,
   * String)}).
   */
  record AlreadyOpen(List<HeldBy> holders) implements CaseOpening {
    public AlreadyOpen {
      holders = List.copyOf(holders);
      if (holders.isEmpty()) {
        throw new IllegalArgumentException("a refusal names the open case");
      }
    }
  }

  /** Not opened: "open anyway" was chosen, for suspects held by these cases, without a reason. */
  record ReasonMissing(List<HeldBy> holders) implements CaseOpening {
    public ReasonMissing {
      holders = List.copyOf(holders);
      if (holders.isEmpty()) {
        throw new IllegalArgumentException("a reason is missing only beside an open case");
      }
    }
  }
}
