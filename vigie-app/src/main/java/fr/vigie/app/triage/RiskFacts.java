package fr.vigie.app.triage;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What an analyst entered about a suspect that reports do not say: access to children, prior
 * record, date of birth, a producing indicator. Each fact is a factor's evidence when true.
 *
 * @param dateOfBirth null when unknown
 * @param updatedBy null for facts not yet saved
 */
public record RiskFacts(boolean worksWithChildren, boolean childrenInHousehold,
    boolean volunteersWithChildren, boolean priorSexualConviction, boolean registryEntry,
    boolean otherConvictions, boolean selfProducedIndicator, LocalDate dateOfBirth, String note,
    String updatedBy, Instant updatedAt) {

  /** Returns facts with nothing known. */
  public static RiskFacts none() {
    return new RiskFacts(false, false, false, false, false, false, false, null, null, null, null);
  }

  /** Returns the facts as one line for the audit record. */
  public String summary() {
    return "works_with_children=" + worksWithChildren + ", children_in_household="
        + childrenInHousehold + ", volunteers_with_children=" + volunteersWithChildren
        + ", prior_sexual_conviction=" + priorSexualConviction + ", registry_entry="
        + registryEntry + ", other_convictions=" + otherConvictions + ", self_produced="
        + selfProducedIndicator + ", date_of_birth=" + dateOfBirth;
  }
}
