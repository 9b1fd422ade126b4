package fr.vigie.app.operations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An operation to plan, with its targets: suspect ids and the unit (code) acting on each. */
public record OperationDraft(String code, String name, String coordinatingUnitCode,
    LocalDate plannedFor, String createdBy, List<TargetDraft> targets) {

  public OperationDraft {
    targets = List.copyOf(targets);
  }

  /** A target: the suspect, the unit that acts, and when. */
  public record TargetDraft(long suspectId, String unitCode, Instant plannedAt) {}
}
