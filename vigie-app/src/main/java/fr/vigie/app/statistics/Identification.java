package fr.vigie.app.statistics;

import java.util.Map;

/**
 * How many reports and IP events ended in an identified person, and where the others stopped;
 * the median time from a report's receipt to its first identifying answer, in hours (null when
 * no report of the period was identified).
 */
public record Identification(long reports, Map<IdentificationOutcome, Long> reportOutcomes,
    long ipEvents, Map<IdentificationOutcome, Long> ipEventOutcomes,
    Double medianHoursToIdentification) {

  public Identification {
    reportOutcomes = Map.copyOf(reportOutcomes);
    ipEventOutcomes = Map.copyOf(ipEventOutcomes);
  }

  public long identifiedReports() {
    return reportOutcomes.getOrDefault(IdentificationOutcome.IDENTIFIED, 0L);
  }

  public long identifiedIpEvents() {
    return ipEventOutcomes.getOrDefault(IdentificationOutcome.IDENTIFIED, 0L);
  }

  /** The share of reports identified, 0 to 1 (null when there is no report). */
  public Double reportRate() {
    return reports == 0 ? null : (double) identifiedReports() / reports;
  }

  /** The share of IP events identified, 0 to 1 (null when there is none). */
  public Double ipEventRate() {
    return ipEvents == 0 ? null : (double) identifiedIpEvents() / ipEvents;
  }

  public long reports(IdentificationOutcome outcome) {
    return reportOutcomes.getOrDefault(outcome, 0L);
  }

  public long ipEvents(IdentificationOutcome outcome) {
    return ipEventOutcomes.getOrDefault(outcome, 0L);
  }
}
