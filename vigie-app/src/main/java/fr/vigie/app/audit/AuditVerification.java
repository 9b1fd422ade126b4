package fr.vigie.app.audit;

/**
 * A verification of the audit log: the chain walked against the signed checkpoints.
 *
 * @param chain intact, or where it breaks (a checkpoint not in the chain breaks it too)
 * @param checked how many checkpoints the chain was checked against
 * @param lastChecked the checkpoint of the highest entry that held, null if none did
 */
public record AuditVerification(ChainVerification chain, CheckpointReport checkpoints,
    int checked, CheckpointReport.Located lastChecked) {

  /** Whether the chain is intact and every checkpoint line is sound. */
  public boolean passed() {
    return chain instanceof ChainVerification.Intact && checkpoints.problems().isEmpty();
  }
}
