package fr.vigie.app.suspects;

import java.time.Instant;

/**
 * One link of a suspect's identifiers, as the suspect's page explains it: which two identifiers,
 * by which rule, with what weight, on what evidence (a report; a subscriber identified for an IP
 * event of a report; an analyst's decision), and where it stands.
 *
 * @param otherSuspectId the suspect of the other end when it is not this one (a proposal)
 * @param evidenceReportId the report the evidence leads to (the report itself, or the report of
 *     the IP event a subscriber answer covers)
 * @param ipEventId the IP event of a subscriber answer
 */
public record SuspectLink(long id, String fromKind, String fromValue, String toKind,
    String toValue, Long otherSuspectId, String otherReference, String rule, String kind,
    double weight, String status, String evidenceType, long evidenceId, Long evidenceReportId,
    Long ipEventId, String decidedBy, Instant decidedAt) {

  public String fromKey() {
    return fromKind + "|" + fromValue;
  }

  public String toKey() {
    return toKind + "|" + toValue;
  }
}
