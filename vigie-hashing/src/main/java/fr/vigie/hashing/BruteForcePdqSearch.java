package fr.vigie.hashing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Finds matches by comparing the query with every entry: the reference the index is tested
 * against, and the faster choice for small sets or very large distances.
 *
 * <p>A scan reads the entries sequentially, 32 bytes and four popcounts each; it is bound by memory
 * bandwidth, about 3.5 to 5.5 ns an entry on the 2-core development machine: 35 to 55 ms a query
 * over 10 million hashes (docs/benchmarks.md).
 */
public final class BruteForcePdqSearch implements PdqSearch {

  private final PdqEntries entries;
  private final int maxDistance;

  /** Returns a scan with the default distance of 31. */
  public BruteForcePdqSearch(PdqEntries entries) {
    this(entries, DEFAULT_MAX_DISTANCE);
  }

  /** Returns a scan whose {@link #search(PdqHash)} uses {@code maxDistance}. */
  public BruteForcePdqSearch(PdqEntries entries, int maxDistance) {
    this.entries = entries;
    this.maxDistance = PdqIndex.checkDistance(maxDistance);
  }

  @Override
  public List<PdqMatch> search(PdqHash query, int maxDistance) {
    PdqIndex.checkDistance(maxDistance);
    return scan(entries, query, maxDistance);
  }

  static List<PdqMatch> scan(PdqEntries entries, PdqHash query, int maxDistance) {
    long q0 = query.w0();
    long q1 = query.w1();
    long q2 = query.w2();
    long q3 = query.w3();
    List<PdqMatch> matches = new ArrayList<>();
    int n = entries.size();
    for (int i = 0; i < n; i++) {
      int d = entries.distance(i, q0, q1, q2, q3);
      if (d <= maxDistance) {
        matches.add(new PdqMatch(entries.ids[i], d));
      }
    }
    Collections.sort(matches);
    return matches;
  }

  @Override
  public int maxDistance() {
    return maxDistance;
  }

  @Override
  public int size() {
    return entries.size();
  }
}
