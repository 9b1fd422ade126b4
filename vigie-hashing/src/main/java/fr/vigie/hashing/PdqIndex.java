package fr.vigie.hashing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Finds every stored PDQ hash within a Hamming distance of a query, in time well below a scan:
 * multi-index hashing with a cost model, exact like {@link BruteForcePdqSearch}.
 *
 * <p>How: the 256 bits are cut into {@code m} contiguous chunks. Two hashes within distance
 * {@code t} have, by pigeonhole, some chunk within {@code r = t / m} bits; more precisely (the
 * refinement of Norouzi et al., PAMI 2014), with {@code a = t % m}, one of the first {@code a+1}
 * chunks is within {@code r} bits or one of the others within {@code r-1}. For each chunk the
 * query enumerates the chunk values within that radius, looks each up in a table, and checks the
 * entries found with the full distance. At t = 31 over 10 million hashes, 11 chunks of 23-24
 * bits give about 2,800 lookups and as many random candidates per query, against 10 million
 * entries for a scan; the classic 16 chunks of 16 bits would give 272 lookups but about 40,000
 * candidates, since each 16-bit bucket then holds some 150 unrelated hashes.
 *
 * <p>{@code m} is chosen at build time by that cost model (lookups plus expected candidates,
 * each about one cache miss) for the default distance, with chunks no wider than
 * log2(size) + 1 bits so that the tables stay about the size of the data. A query whose distance
 * makes the index costlier than a scan (large distances, small sets) is answered by a scan.
 *
 * <p>Memory: per chunk, entry numbers sorted by chunk value ({@code int[size]}) and a directory
 * of bucket starts indexed directly by the chunk value ({@code int[2^bits + 1]}); no per-entry
 * objects. Measured at 10 million: 91 bytes a hash of tables, 131 with the entries, and about
 * 1,200 queries a second on one core, 66 times a scan (docs/benchmarks.md).
 *
 * <p>A candidate seen through several chunks is reported once: only by the first chunk whose
 * radius admits it, which needs no set of seen entries. Immutable; searches are thread-safe.
 */
public final class PdqIndex implements PdqSearch {

  /** A scan reads ~32 bytes sequentially per entry; a lookup or candidate is a cache miss. */
  static final int SCAN_ENTRIES_PER_RANDOM_ACCESS = 32;

  private static final int MIN_CHUNK_BITS_CAP = 12;
  private static final int MAX_CHUNK_BITS = 28;

  private final PdqEntries entries;
  private final int maxDistance;
  private final int[] chunkStart;
  private final int[] chunkBits;
  /** Per chunk: entry numbers ordered by chunk value. */
  private final int[][] ordinals;
  /** Per chunk: bucket v holds ordinals[directory[v] .. directory[v+1]). */
  private final int[][] directory;

  /** Returns an index for the default distance of 31. */
  public PdqIndex(PdqEntries entries) {
    this(entries, DEFAULT_MAX_DISTANCE);
  }

  /** Returns an index tuned for, and searching by default within, {@code maxDistance}. */
  public PdqIndex(PdqEntries entries, int maxDistance) {
    this(entries, maxDistance, bestChunkCount(entries.size(), checkDistance(maxDistance)));
  }

  /** Returns an index with exactly {@code chunks} chunks (tests force every geometry). */
  PdqIndex(PdqEntries entries, int maxDistance, int chunks) {
    this.entries = Objects.requireNonNull(entries, "entries");
    this.maxDistance = checkDistance(maxDistance);
    this.chunkBits = chunkSizes(chunks);
    this.chunkStart = new int[chunks];
    for (int c = 1; c < chunks; c++) {
      chunkStart[c] = chunkStart[c - 1] + chunkBits[c - 1];
    }
    this.ordinals = new int[chunks][];
    this.directory = new int[chunks][];
    for (int c = 0; c < chunks; c++) {
      buildChunk(c);
    }
  }

  /** Counting sort of the entries by chunk value: two passes, no comparison sort. */
  private void buildChunk(int c) {
    int n = entries.size();
    int[] dir = new int[(1 << chunkBits[c]) + 1];
    long[] w = entries.words;
    int start = chunkStart[c];
    int bits = chunkBits[c];
    for (int i = 0; i < n; i++) {
      dir[chunk(w, i << 2, start, bits) + 1]++;
    }
    for (int v = 1; v < dir.length; v++) {
      dir[v] += dir[v - 1];
    }
    int[] ord = new int[n];
    int[] next = dir.clone();
    for (int i = 0; i < n; i++) {
      ord[next[chunk(w, i << 2, start, bits)]++] = i;
    }
    ordinals[c] = ord;
    directory[c] = dir;
  }

  @Override
  public List<PdqMatch> search(PdqHash query, int maxDistance) {
    checkDistance(maxDistance);
    int m = chunkBits.length;
    int[] radius = radii(m, maxDistance);
    if (estimatedCost(chunkBits, radius, entries.size())
        > (double) entries.size() / SCAN_ENTRIES_PER_RANDOM_ACCESS) {
      return BruteForcePdqSearch.scan(entries, query, maxDistance);
    }
    Query q = new Query(query, maxDistance, radius);
    for (int c = 0; c < m; c++) {
      if (radius[c] >= 0) {
        q.probeCount = 0;
        enumerate(q, q.chunks[c], 0, chunkBits[c], Math.min(radius[c], chunkBits[c]));
        probeChunk(q, c);
      }
    }
    Collections.sort(q.matches);
    return q.matches;
  }

  /** Lists {@code value} and every value reached by flipping up to {@code left} more bits. */
  private static void enumerate(Query q, int value, int fromBit, int bits, int left) {
    q.addProbe(value);
    if (left == 0) {
      return;
    }
    for (int bit = fromBit; bit < bits; bit++) {
      enumerate(q, value ^ (1 << bit), bit + 1, bits, left - 1);
    }
  }

  /**
   * Looks up all the probe values of one chunk in three flat passes (bucket bounds, entry
   * numbers, full distances) rather than one probe at a time. Each pass is a loop of independent
   * loads, so the processor keeps many cache misses in flight at once; probe by probe, each miss
   * waited for the previous one. Measured: about twice as fast over a million hashes.
   */
  private void probeChunk(Query q, int c) {
    int[] dir = directory[c];
    int[] ord = ordinals[c];
    int[] probes = q.probes;
    int n = q.probeCount;
    // Pass 1: bucket bounds; keep the non-empty buckets, reusing the probe array's front.
    int[] ends = q.ends(n);
    int nonEmpty = 0;
    int candidates = 0;
    for (int i = 0; i < n; i++) {
      int v = probes[i];
      int from = dir[v];
      int to = dir[v + 1];
      if (to > from) {
        probes[nonEmpty] = from;
        ends[nonEmpty++] = to;
        candidates += to - from;
      }
    }
    // Pass 2: entry numbers.
    int[] cand = q.candidates(candidates);
    int k = 0;
    for (int i = 0; i < nonEmpty; i++) {
      for (int j = probes[i], to = ends[i]; j < to; j++) {
        cand[k++] = ord[j];
      }
    }
    // Pass 3: full distances.
    for (int i = 0; i < k; i++) {
      int e = cand[i];
      int d = entries.distance(e, q.w0, q.w1, q.w2, q.w3);
      if (d <= q.maxDistance && firstChunkToAdmit(q, e) == c) {
        q.matches.add(new PdqMatch(entries.ids[e], d));
      }
    }
  }

  /** The chunk that reports entry e: the first whose radius it is within (one exists, d <= t). */
  private int firstChunkToAdmit(Query q, int e) {
    long[] w = entries.words;
    for (int c = 0; ; c++) {
      if (q.radius[c] >= 0 && Integer.bitCount(chunk(w, e << 2, chunkStart[c], chunkBits[c])
          ^ q.chunks[c]) <= q.radius[c]) {
        return c;
      }
    }
  }

  /** Bits [start, start + bits) of the 256 (bit 0 = top of w0) as an int; bits <= 31. */
  static int chunk(long[] words, int base, int start, int bits) {
    int wi = start >>> 6;
    int end = (start & 63) + bits;
    long x = words[base + wi];
    long v = end <= 64 ? x >>> (64 - end)
        : (x << (end - 64)) | (words[base + wi + 1] >>> (128 - end));
    return (int) v & ((1 << bits) - 1);
  }

  /** Radius per chunk for distance t: r for chunks 0..t%m, r - 1 (maybe -1: skip) after. */
  static int[] radii(int m, int t) {
    int r = t / m;
    int a = t % m;
    int[] radius = new int[m];
    for (int c = 0; c < m; c++) {
      radius[c] = c <= a ? r : r - 1;
    }
    return radius;
  }

  /** Expected cache misses per query: one per lookup, one per candidate of a random set. */
  static double estimatedCost(int[] bits, int[] radius, long n) {
    double cost = 0;
    for (int c = 0; c < bits.length; c++) {
      double lookups = 0;
      double choose = 1;
      for (int k = 0; k <= Math.min(radius[c], bits[c]); k++) {
        lookups += choose;
        choose = choose * (bits[c] - k) / (k + 1);
      }
      cost += lookups + n * lookups / Math.pow(2, bits[c]);
    }
    return cost;
  }

  /** The chunk count with the least estimated cost at distance t for n entries. */
  static int bestChunkCount(int n, int t) {
    int cap = Math.max(MIN_CHUNK_BITS_CAP,
        Math.min(MAX_CHUNK_BITS, 32 - Integer.numberOfLeadingZeros(Math.max(n, 1))));
    int best = -1;
    double bestCost = Double.MAX_VALUE;
    for (int m = (PdqHash.BITS + cap - 1) / cap; m <= 64; m++) {
      double cost = estimatedCost(chunkSizes(m), radii(m, t), n);
      if (cost < bestCost) {
        bestCost = cost;
        best = m;
      }
    }
    return best;
  }

  /** Sizes of m contiguous chunks covering 256 bits, the wider ones first. */
  static int[] chunkSizes(int m) {
    if (m < 1 || (PdqHash.BITS + m - 1) / m > MAX_CHUNK_BITS) {
      throw new IllegalArgumentException("chunk count must give chunks of at most "
          + MAX_CHUNK_BITS + " bits, was " + m);
    }
    int[] bits = new int[m];
    for (int c = 0; c < m; c++) {
      bits[c] = PdqHash.BITS / m + (c < PdqHash.BITS % m ? 1 : 0);
    }
    return bits;
  }

  static int checkDistance(int maxDistance) {
    if (maxDistance < 0) {
      throw new IllegalArgumentException("maxDistance must be >= 0, was " + maxDistance);
    }
    return maxDistance;
  }

  @Override
  public int maxDistance() {
    return maxDistance;
  }

  @Override
  public int size() {
    return entries.size();
  }

  /** Returns the number of chunks the 256 bits are cut into. */
  public int chunkCount() {
    return chunkBits.length;
  }

  /** Returns the heap bytes of the index tables, not counting the shared entries. */
  public long tableBytes() {
    long bytes = 0;
    for (int c = 0; c < chunkBits.length; c++) {
      bytes += 4L * ordinals[c].length + 4L * directory[c].length;
    }
    return bytes;
  }

  /** Per-query state, so that the index itself stays immutable and shareable between threads. */
  private final class Query {
    final long w0;
    final long w1;
    final long w2;
    final long w3;
    final int maxDistance;
    final int[] radius;
    final int[] chunks;
    final List<PdqMatch> matches = new ArrayList<>();
    int[] probes = new int[1024];
    int probeCount;
    private int[] ends = new int[0];
    private int[] candidates = new int[0];

    void addProbe(int value) {
      if (probeCount == probes.length) {
        probes = java.util.Arrays.copyOf(probes, probeCount * 2);
      }
      probes[probeCount++] = value;
    }

    int[] ends(int n) {
      if (ends.length < n) {
        ends = new int[n];
      }
      return ends;
    }

    int[] candidates(int n) {
      if (candidates.length < n) {
        candidates = new int[Math.max(n, 2 * candidates.length)];
      }
      return candidates;
    }

    Query(PdqHash h, int maxDistance, int[] radius) {
      w0 = h.w0();
      w1 = h.w1();
      w2 = h.w2();
      w3 = h.w3();
      this.maxDistance = maxDistance;
      this.radius = radius;
      long[] words = {w0, w1, w2, w3};
      chunks = new int[chunkBits.length];
      for (int c = 0; c < chunks.length; c++) {
        chunks[c] = chunk(words, 0, chunkStart[c], chunkBits[c]);
      }
    }
  }
}
