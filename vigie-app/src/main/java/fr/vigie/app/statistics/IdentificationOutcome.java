package fr.vigie.app.statistics;

import java.util.Locale;

/**
 * Where a report or an IP event ended: a person identified, or the reason it did not. A report
 * takes the best of its IP events (identified first, then the reasons in this order: the ones
 * still open before the ones that are final), or {@link #NO_IP_EVENT} when it has none.
 */
public enum IdentificationOutcome {
  /** An operator's answer named the subscriber behind the address. */
  IDENTIFIED,
  /** Attributed to a French operator, requisition not answered yet (or not sent). */
  OPERATOR_UNANSWERED,
  /** Not attributed yet (no attribution run over the event). */
  NOT_YET_ATTRIBUTED,
  /** The operator answered, but did not know who held the address (unknown, not a customer). */
  UNKNOWN_TO_OPERATOR,
  /** Behind a shared (CGNAT) address, and the source gave no port. */
  PORT_NEEDED,
  /** Older than the operator's retention: attribution said so, or the operator answered so. */
  EXPIRED,
  /** Abroad: for a foreign police force, not a French requisition. */
  FOREIGN,
  /** No country or operator could be found for the address. */
  UNATTRIBUTED,
  /** A report with no IP event at all (reports only). */
  NO_IP_EVENT;

  /** The key of the outcome's words in the message bundles, e.g. "statistics.outcome.foreign". */
  public String messageKey() {
    return "statistics.outcome." + name().toLowerCase(Locale.ROOT);
  }

  /** The code scripts read (the JSON and the CSV), e.g. "foreign". */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
