package fr.vigie.hashing;

import java.util.List;

/**
 * Finds every stored PDQ hash within a Hamming distance of a query.
 *
 * <p>Implementations are exact: they return all and only the entries within the distance, never
 * an approximation. Searches are thread-safe once the structure is built.
 */
public interface PdqSearch {

  /** The PDQ documentation's match threshold: at most 31 differing bits out of 256. */
  int DEFAULT_MAX_DISTANCE = 31;

  /**
   * Returns every entry within {@code maxDistance} bits of the query, nearest first, then by id.
   *
   * @throws IllegalArgumentException if {@code maxDistance} is negative
   */
  List<PdqMatch> search(PdqHash query, int maxDistance);

  /** Returns every entry within this search's default distance of the query. */
  default List<PdqMatch> search(PdqHash query) {
    return search(query, maxDistance());
  }

  /** Returns the default distance of {@link #search(PdqHash)}. */
  int maxDistance();

  /** Returns the number of entries searched. */
  int size();
}
