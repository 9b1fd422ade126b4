package fr.vigie.app.triage;

import java.time.Instant;
import java.util.List;

/**
 * A stored assessment of a suspect: the weights' version, the score, the computed tier and its
 * deadline, and an analyst's override beside it when there is one. The queue uses the effective
 * tier and deadline.
 *
 * @param overrideTier null when not overridden
 */
public record RiskAssessment(long id, long suspectId, String weightsVersion, double score,
    Tier computedTier, Instant dueAt, Tier effectiveTier, Instant effectiveDueAt,
    Instant assessedAt, boolean current, Tier overrideTier, String overrideReason,
    String overrideBy, Instant overrideAt, List<Contribution> contributions) {

  public RiskAssessment {
    contributions = List.copyOf(contributions);
  }

  /** Returns whether an analyst overrode the computed tier. */
  public boolean overridden() {
    return overrideTier != null;
  }

  /** Returns whether the effective deadline has passed at {@code now}. */
  public boolean overdueAt(Instant now) {
    return effectiveDueAt.isBefore(now);
  }
}
