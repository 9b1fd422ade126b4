package fr.vigie.app.audit;

/** The outcome of walking the audit chain. */
public sealed interface ChainVerification {

  /** Every entry's hash and link agree, and the head points at the last entry. */
  record Intact(long entries) implements ChainVerification {}

  /**
   * The first entry (by id) where the chain breaks.
   *
   * @param entryId the id of the first entry that does not verify (or the head's expected id)
   * @param reason what does not agree
   */
  record Broken(long entryId, long verifiedBefore, String reason) implements ChainVerification {}
}
