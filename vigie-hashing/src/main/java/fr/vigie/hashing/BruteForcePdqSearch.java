package fr.vigie.hashing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Finds matches by comparing the query with every entry: the reference the index is tested
 * against, and the yardstick its speed is measured against.
 *
 * <p>To keep that yardstick honest it is the fastest plain scan we know how to write, not a
 * strawman: it keeps its own copy of the hash words as a structure of arrays (one {@code long[]}
 * per word, 32 bytes a hash more) so that the distance loop, four {@code Long.bitCount} over
 * four sequential streams, has no branch or call and can be compiled to vector instructions
 * (AVX-512 {@code vpopcntq} where available); distances are computed a block at a time and then compared, keeping the rare
 * match out of the vector loop. On the 2-core development machine it reads 10 million hashes in
 * about 30 ms of CPU, close to the memory bandwidth of one core (docs/benchmarks.md).
 */
public final class BruteForcePdqSearch implements PdqSearch {

  /** Distances computed per block: 2 KiB of ints, stays in the L1 cache. */
  private static final int BLOCK = 512;

  private final PdqEntries entries;
  private final int maxDistance;
  private final long[] w0;
  private final long[] w1;
  private final long[] w2;
  private final long[] w3;

  /** Returns a scan with the default distance of 31. */
  public BruteForcePdqSearch(PdqEntries entries) {
    this(entries, DEFAULT_MAX_DISTANCE);
  }

  /** Returns a scan whose {@link #search(PdqHash)} uses {@code maxDistance}. */
  public BruteForcePdqSearch(PdqEntries entries, int maxDistance) {
    this.entries = entries;
    this.maxDistance = PdqIndex.checkDistance(maxDistance);
    int n = entries.size();
    w0 = new long[n];
    w1 = new long[n];
    w2 = new long[n];
    w3 = new long[n];
    long[] w = entries.words;
    for (int i = 0, b = PdqEntries.PAD; i < n; i++, b += 4) {
      w0[i] = w[b];
      w1[i] = w[b + 1];
      w2[i] = w[b + 2];
      w3[i] = w[b + 3];
    }
  }

  @Override
  public List<PdqMatch> search(PdqHash query, int maxDistance) {
    PdqIndex.checkDistance(maxDistance);
    long q0 = query.w0();
    long q1 = query.w1();
    long q2 = query.w2();
    long q3 = query.w3();
    long[] a = w0;
    long[] b = w1;
    long[] c = w2;
    long[] d = w3;
    int n = a.length;
    int[] dist = new int[BLOCK];
    List<PdqMatch> matches = new ArrayList<>();
    for (int from = 0; from < n; from += BLOCK) {
      int len = Math.min(BLOCK, n - from);
      // Kept free of branches and calls so that the JIT vectorises it.
      for (int i = 0; i < len; i++) {
        int k = from + i;
        dist[i] = Long.bitCount(a[k] ^ q0) + Long.bitCount(b[k] ^ q1)
            + Long.bitCount(c[k] ^ q2) + Long.bitCount(d[k] ^ q3);
      }
      for (int i = 0; i < len; i++) {
        if (dist[i] <= maxDistance) {
          matches.add(new PdqMatch(entries.ids[from + i], dist[i]));
        }
      }
    }
    Collections.sort(matches);
    return matches;
  }

  /** A scan of the shared entries without a copy: the index's fallback for large distances. */
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

  /** Returns the heap bytes of this scan's own copy of the hash words. */
  public long copyBytes() {
    return 32L * w0.length;
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
