package fr.vigie.app.operations;

import java.util.List;

/** One unit's share of an operation: its targets already, and the candidates it would carry. */
public record UnitLoad(String unitCode, String unitName, long targets, List<Candidate> candidates) {

  public UnitLoad {
    candidates = List.copyOf(candidates);
  }

  /** Targets plus the candidates shown: the unit's load if all were added. */
  public long loadIfAdded() {
    return targets + candidates.size();
  }
}
