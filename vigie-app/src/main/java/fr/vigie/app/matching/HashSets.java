package fr.vigie.app.matching;

import fr.vigie.app.matching.internal.JdbcHashSets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The hash sets Vigie knows, with their provenance. */
@Service
public class HashSets {

  private final JdbcHashSets sets;

  HashSets(JdbcHashSets sets) {
    this.sets = sets;
  }

  /**
   * Registers the set and its entries unless that name and version exist; returns whether it did.
   */
  @Transactional
  public boolean registerIfAbsent(HashSetDraft draft, String importedBy) {
    if (sets.exists(draft.name(), draft.version())) {
      return false;
    }
    sets.insert(draft, importedBy);
    return true;
  }

  public HashSetCounts counts() {
    return sets.counts();
  }
}
