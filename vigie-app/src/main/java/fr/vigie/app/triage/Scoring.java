package fr.vigie.app.triage;

import java.util.List;

/** The outcome of scoring evidence with one version of the weights. */
public record Scoring(String weightsVersion, double score, Tier tier,
    List<Contribution> contributions) {

  public Scoring {
    contributions = List.copyOf(contributions);
  }

  /** Returns the contribution of a factor. */
  public Contribution of(Factor factor) {
    return contributions.stream().filter(c -> c.factor() == factor).findFirst().orElseThrow();
  }
}
