package fr.vigie.app.triage;

import java.time.Instant;
import java.util.List;

/** One suspect in a queue, with its effective tier and deadline. */
public record QueueRow(long assessmentId, long suspectId, String reference, String displayName,
    String unitCode, String departementCode, String status, double score, Tier computedTier,
    Tier effectiveTier, Instant effectiveDueAt, boolean overridden, boolean overdue,
    List<Factor> factors, String cursor) {

  public QueueRow {
    factors = List.copyOf(factors);
  }
}
