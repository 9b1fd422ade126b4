package fr.vigie.hashing;

/** One search hit: the caller's id of a stored hash and its Hamming distance to the query. */
public record PdqMatch(long id, int distance) implements Comparable<PdqMatch> {

  public PdqMatch {
    if (distance < 0 || distance > PdqHash.BITS) {
      throw new IllegalArgumentException("distance must be 0..256, was " + distance);
    }
  }

  /** Nearest first, then by id, so that results compare as lists. */
  @Override
  public int compareTo(PdqMatch o) {
    int c = Integer.compare(distance, o.distance);
    return c != 0 ? c : Long.compare(id, o.id);
  }
}
