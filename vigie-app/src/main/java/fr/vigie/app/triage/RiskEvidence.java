package fr.vigie.app.triage;

import java.time.Instant;
import java.util.List;

/**
 * What Vigie knows about a suspect that bears on risk, gathered from the reports its identifiers
 * appear in, the matching results and the analyst's facts. Each list holds short descriptions
 * of the evidence (which report, which fact), shown beside the factor's points.
 *
 * @param maxCategory most severe active match on the Vigie scale, 0 when none
 * @param firstActivity earliest incident or IP event seen, null when none
 * @param age the suspect's age when known, else null; {@code ageSource} says where it came from
 */
public record RiskEvidence(List<String> accessToChildren, List<String> contactWithMinors,
    long unknownMedia, List<String> unknownMaterialReports, List<String> selfProduced,
    int maxCategory, long matchedMedia, long mediaCount, Instant firstActivity,
    Instant lastActivity, long uploadEvents, List<String> distributionReports, long videos,
    boolean priorSexual, boolean registryEntry, boolean otherConvictions, Integer age,
    String ageSource) {

  public RiskEvidence {
    accessToChildren = List.copyOf(accessToChildren);
    contactWithMinors = List.copyOf(contactWithMinors);
    unknownMaterialReports = List.copyOf(unknownMaterialReports);
    selfProduced = List.copyOf(selfProduced);
    distributionReports = List.copyOf(distributionReports);
  }

  /** Returns evidence with nothing in it: a suspect scored on no signal at all. */
  public static RiskEvidence none() {
    return new RiskEvidence(List.of(), List.of(), 0, List.of(), List.of(), 0, 0, 0, null, null,
        0, List.of(), 0, false, false, false, null, null);
  }
}
