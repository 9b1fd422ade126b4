package fr.vigie.app.linking;

import java.util.Set;

/**
 * Published when an incremental linking run (an import, an operator's answer, an analyst's
 * decision) has committed new clusters: these suspects gained or lost identifiers, reports or a
 * unit, so what was computed from them (their risk assessment) is stale.
 *
 * @param kind the run's kind (IMPORT, ANSWER, DECISION)
 * @param suspectIds the active suspects the run wrote
 */
public record SuspectsLinked(String kind, Set<Long> suspectIds) {

  public SuspectsLinked {
    suspectIds = Set.copyOf(suspectIds);
  }
}
