package fr.vigie.app.matching;

import java.util.List;

/**
 * What the active hash sets say about one media item: matches in NOTABLE sets (known material,
 * most severe category first) and, apart, hits in KNOWN_GOOD sets (NSRL), which only lower
 * priority and never clear an item.
 */
public record MatchResult(List<KnownMatch> notable, List<KnownMatch> knownGood) {

  public MatchResult {
    notable = List.copyOf(notable);
    knownGood = List.copyOf(knownGood);
  }

  /** Returns the highest category among notable matches, or -1 when there is none. */
  public int highestCategory() {
    return notable.stream().mapToInt(KnownMatch::category).max().orElse(-1);
  }
}
