package fr.vigie.app.operations;

/**
 * Which ready cases to propose as targets; null means "any".
 *
 * @param tier the suspect's effective triage tier (P1, P2, P3)
 * @param departement the target's département: the identified subscriber's, else the suspect's
 * @param unitCode the case's responsible unit
 * @param maxEvidenceDays only cases whose newest evidence was received at most this many days ago
 */
public record CandidateFilter(String tier, String departement, String unitCode,
    Integer maxEvidenceDays) {

  public static final CandidateFilter ANY = new CandidateFilter(null, null, null, null);
}
