package fr.vigie.hashing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

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
 * bits give about 2,900 lookups and 2,500 random candidates per query, against 10 million
 * entries for a scan; the classic 16 chunks of 16 bits would give 272 lookups but about 40,000
 * candidates, since each 16-bit bucket then holds some 150 unrelated hashes.
 *
 * <p>The cost of a query is its cache misses, so the layout is built to have as few as possible:
 * <ul>
 *   <li>per chunk one slot per chunk value ({@code int[2^bits]}), read directly by the value. A
 *       bucket with one entry, the common case when chunks are about log2(size) bits wide, holds
 *       that entry's number in its slot; an empty one holds -1; a larger one points into an
 *       overflow array (count, then entry numbers). So a lookup is one miss, and a candidate
 *       found in a single-entry bucket costs only the miss of checking it;
 *   <li>the candidate is checked against the entry's four words, adjacent and in one cache line
 *       ({@link PdqEntries});
 *   <li>lookups, bucket reads and checks each run as a flat loop of independent loads over all
 *       the probes or candidates, rather than one probe at a time, so the processor keeps many
 *       misses in flight at once.
 * </ul>
 *
 * <p>{@code m} is chosen at build time by that cost model (lookups plus expected candidates,
 * each about one cache miss) for the default distance, with chunks no wider than
 * log2(size) + 1 bits so that the tables stay about the size of the data. A query whose distance
 * makes the index costlier than a scan (large distances, small sets) is answered by a scan.
 * Memory and speed measured at 10 million hashes are in docs/benchmarks.md.
 *
 * <p>An entry near the query is usually found through several chunks; the few that pass the
 * full check are reported once (sorted by entry number and deduplicated), so the many that fail
 * it need no set of seen entries. Immutable; searches are thread-safe.
 */
public final class PdqIndex implements PdqSearch {

  /** A scan reads ~32 bytes sequentially per entry; a lookup or candidate is a cache miss. */
  static final int SCAN_ENTRIES_PER_RANDOM_ACCESS = 32;

  private static final int MIN_CHUNK_BITS_CAP = 12;
  private static final int MAX_CHUNK_BITS = 28;

  /** Slot of a bucket with no entry. */
  private static final int EMPTY = -1;
  /** Build-time mark of a bucket with one entry still to place. */
  private static final int PENDING = Integer.MIN_VALUE;

  private final PdqEntries entries;
  private final int maxDistance;
  private final int[] chunkStart;
  private final int[] chunkBits;
  /** Per chunk and chunk value: an entry number, EMPTY, or -2 - (its position in overflow). */
  private final int[][] slots;
  /** Per chunk: for each bucket of two entries or more, its count then its entry numbers. */
  private final int[][] overflow;

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
    this.slots = new int[chunks][];
    this.overflow = new int[chunks][];
    // Chunks are independent: build them on all cores (the common pool), big sets only.
    IntStream range = IntStream.range(0, chunks);
    (entries.size() >= 100_000 ? range.parallel() : range).forEach(this::buildChunk);
  }

  /**
   * Sorts the entries by chunk value, then fills the slots and the overflow in that order. The
   * sort is a radix sort of (value, entry number) pairs, so every pass reads and writes memory
   * in order; placing each entry straight into a table indexed by its value would be one cache
   * miss per entry and chunk, several times slower at ten million.
   */
  private void buildChunk(int c) {
    int n = entries.size();
    long[] w = entries.words;
    int start = chunkStart[c];
    int bits = chunkBits[c];
    long[] pairs = new long[n];
    for (int i = 0, b = PdqEntries.PAD; i < n; i++, b += 4) {
      pairs[i] = (long) chunk(w, b, start, bits) << 32 | i;
    }
    pairs = sortByValue(pairs, bits);
    long overflowSize = 0;
    for (int i = 0; i < n; ) {
      int j = runEnd(pairs, i);
      if (j - i >= 2) {
        overflowSize += 1 + j - i;
      }
      i = j;
    }
    if (overflowSize > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("too many entries for chunks of " + bits + " bits");
    }
    int[] slot = new int[1 << bits];
    Arrays.fill(slot, EMPTY);
    int[] over = new int[(int) overflowSize];
    int next = 0;
    for (int i = 0; i < n; ) {
      int j = runEnd(pairs, i);
      int v = (int) (pairs[i] >>> 32);
      if (j - i == 1) {
        slot[v] = (int) pairs[i];
      } else {
        slot[v] = -2 - next;
        over[next++] = j - i;
        for (int k = i; k < j; k++) {
          over[next++] = (int) pairs[k];
        }
      }
      i = j;
    }
    slots[c] = slot;
    overflow[c] = over;
  }

  /** The end of the run of pairs with the same value as pairs[i]. */
  private static int runEnd(long[] pairs, int i) {
    long value = pairs[i] >>> 32;
    int j = i + 1;
    while (j < pairs.length && pairs[j] >>> 32 == value) {
      j++;
    }
    return j;
  }

  /** Stable LSD radix sort on the value in the high half, 12 bits a pass. */
  private static long[] sortByValue(long[] pairs, int bits) {
    long[] from = pairs;
    long[] to = new long[pairs.length];
    for (int shift = 0; shift < bits; shift += 12) {
      int digitBits = Math.min(12, bits - shift);
      int mask = (1 << digitBits) - 1;
      int[] start = new int[(1 << digitBits) + 1];
      for (long p : from) {
        start[((int) (p >>> (32 + shift)) & mask) + 1]++;
      }
      for (int d = 1; d < start.length; d++) {
        start[d] += start[d - 1];
      }
      for (long p : from) {
        to[start[(int) (p >>> (32 + shift)) & mask]++] = p;
      }
      long[] t = from;
      from = to;
      to = t;
    }
    return from;
  }

  @Override
  public List<PdqMatch> search(PdqHash query, int maxDistance) {
    checkDistance(maxDistance);
    if (estimatedCost(chunkBits, radii(chunkBits.length, maxDistance), entries.size())
        > (double) entries.size() / SCAN_ENTRIES_PER_RANDOM_ACCESS) {
      return BruteForcePdqSearch.scan(entries, query, maxDistance);
    }
    return searchIndexed(query, maxDistance);
  }

  /** The multi-index search, even where a scan would be cheaper (tests cover every radius). */
  List<PdqMatch> searchIndexed(PdqHash query, int maxDistance) {
    int m = chunkBits.length;
    int[] radius = radii(m, checkDistance(maxDistance));
    Query q = new Query(query);
    for (int c = 0; c < m; c++) {
      if (radius[c] >= 0) {
        q.probeCount = 0;
        probes(q, q.chunks[c], chunkBits[c], Math.min(radius[c], chunkBits[c]));
        lookUp(q, c);
      }
    }
    return check(q, maxDistance);
  }

  /** Lists {@code value} and every value within {@code radius} bits of it. */
  private static void probes(Query q, int value, int bits, int radius) {
    if (radius > 2) {
      enumerate(q, value, 0, bits, radius);
      return;
    }
    // Radii 0 to 2, the usual ones, without recursion.
    int[] p = q.probeRoom(1 + bits + bits * (bits - 1) / 2);
    int n = 0;
    p[n++] = value;
    if (radius >= 1) {
      for (int i = 0; i < bits; i++) {
        int v = value ^ (1 << i);
        p[n++] = v;
        if (radius == 2) {
          for (int j = i + 1; j < bits; j++) {
            p[n++] = v ^ (1 << j);
          }
        }
      }
    }
    q.probeCount = n;
  }

  /** Lists {@code value} and every value reached by flipping up to {@code left} more bits. */
  private static void enumerate(Query q, int value, int fromBit, int bits, int left) {
    q.probeRoom(1)[q.probeCount++] = value;
    if (left == 0) {
      return;
    }
    for (int bit = fromBit; bit < bits; bit++) {
      enumerate(q, value ^ (1 << bit), bit + 1, bits, left - 1);
    }
  }

  /**
   * Adds the entries of chunk c's probed buckets to the candidates, in flat passes: read every
   * probed slot (a loop of independent loads and nothing else, so the processor keeps many
   * cache misses in flight instead of waiting for each in turn), sort the slots read (in the L1
   * cache by then) into single entries and larger buckets, then copy the larger buckets.
   */
  private void lookUp(Query q, int c) {
    int[] slot = slots[c];
    int[] probes = q.probes;
    int n = q.probeCount;
    for (int i = 0; i < n; i++) {
      probes[i] = slot[probes[i]];
    }
    int[] cand = q.room(n);
    int k = q.candidateCount;
    int larger = 0;
    for (int i = 0; i < n; i++) {
      int s = probes[i];
      if (s >= 0) {
        cand[k++] = s;
      } else if (s != EMPTY) {
        probes[larger++] = -2 - s; // overflow positions, in the probe array's front
      }
    }
    q.candidateCount = k;
    int[] over = overflow[c];
    for (int i = 0; i < larger; i++) {
      int p = probes[i];
      int count = over[p];
      cand = q.room(count);
      System.arraycopy(over, p + 1, cand, q.candidateCount, count);
      q.candidateCount += count;
    }
  }

  /** Checks every candidate with the full distance; reports each entry within it once. */
  private List<PdqMatch> check(Query q, int maxDistance) {
    int[] cand = q.candidates;
    int k = q.candidateCount;
    long[] w = entries.words;
    long q0 = q.w0;
    long q1 = q.w1;
    long q2 = q.w2;
    long q3 = q.w3;
    long[] found = q.found;
    int f = 0;
    for (int i = 0; i < k; i++) {
      int e = cand[i];
      int b = PdqEntries.PAD + (e << 2);
      int d = Long.bitCount(w[b] ^ q0) + Long.bitCount(w[b + 1] ^ q1)
          + Long.bitCount(w[b + 2] ^ q2) + Long.bitCount(w[b + 3] ^ q3);
      if (d <= maxDistance) {
        if (f == found.length) {
          found = Arrays.copyOf(found, 2 * f);
        }
        found[f++] = (long) e << 9 | d; // entry number, then distance (at most 256: 9 bits)
      }
    }
    Arrays.sort(found, 0, f);
    List<PdqMatch> matches = new ArrayList<>();
    for (int i = 0; i < f; i++) {
      if (i > 0 && found[i] >>> 9 == found[i - 1] >>> 9) {
        continue; // the same entry found through another chunk
      }
      int e = (int) (found[i] >>> 9);
      matches.add(new PdqMatch(entries.ids[e], (int) (found[i] & 511)));
    }
    Collections.sort(matches);
    return matches;
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
      bytes += 4L * slots[c].length + 4L * overflow[c].length;
    }
    return bytes;
  }

  /** Per-query state, so that the index itself stays immutable and shareable between threads. */
  private final class Query {
    final long w0;
    final long w1;
    final long w2;
    final long w3;
    final int[] chunks;
    int[] probes = new int[1024];
    int probeCount;
    int[] candidates = new int[4096];
    int candidateCount;
    long[] found = new long[64];

    Query(PdqHash h) {
      w0 = h.w0();
      w1 = h.w1();
      w2 = h.w2();
      w3 = h.w3();
      long[] words = {w0, w1, w2, w3};
      chunks = new int[chunkBits.length];
      for (int c = 0; c < chunks.length; c++) {
        chunks[c] = chunk(words, 0, chunkStart[c], chunkBits[c]);
      }
    }

    /** Returns the probe array with room for {@code more} after the current count. */
    int[] probeRoom(int more) {
      if (probes.length - probeCount < more) {
        probes = Arrays.copyOf(probes, Math.max(probeCount + more, 2 * probes.length));
      }
      return probes;
    }

    /** Returns the candidate array with room for {@code more} after the current count. */
    int[] room(int more) {
      if (candidates.length - candidateCount < more) {
        candidates = Arrays.copyOf(candidates,
            Math.max(candidateCount + more, 2 * candidates.length));
      }
      return candidates;
    }
  }
}
