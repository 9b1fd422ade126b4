package fr.vigie.bench;

import fr.vigie.hashing.BruteForcePdqSearch;
import fr.vigie.hashing.PdqEntries;
import fr.vigie.hashing.PdqHash;
import fr.vigie.hashing.PdqIndex;
import fr.vigie.hashing.PdqMatch;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Whole-program check of the target: 10 million PDQ hashes (random, 1% of them planted
 * near-duplicates of others), 100,000 queries at distance 31. Prints build time, memory per hash
 * and queries a second for the index and for a scan, in the same JVM, and checks that both give
 * the same result lists on the scanned queries (the scan takes tens of ms a query, so it runs on
 * fewer queries). Not JMH: one run, wall clock, after a warm-up of both; needs about 2 GB of heap
 * for the entries, the scan's copy and the index.
 *
 * <pre>java -Xmx4g -XX:+UseTransparentHugePages -cp vigie-bench/target/benchmarks.jar \
 *   fr.vigie.bench.PdqIndexScale [size] [queries] [scanQueries]</pre>
 */
public final class PdqIndexScale {

  private PdqIndexScale() {}

  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    int queryCount = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int scanCount = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    SplittableRandom random = new SplittableRandom(42);

    long t0 = System.nanoTime();
    PdqEntries entries = entries(random, size);
    long t1 = System.nanoTime();
    PdqIndex index = new PdqIndex(entries);
    long t2 = System.nanoTime();
    BruteForcePdqSearch scan = new BruteForcePdqSearch(entries);
    PdqHash[] queries = PdqSearchBenchmark.queries(entries, random, queryCount);

    print("entries: %,d hashes (1%% planted near-duplicates), generated in %.1f s", size,
        (t1 - t0) / 1e9);
    print("index: %d chunks, built in %.1f s (%d cores)", index.chunkCount(), (t2 - t1) / 1e9,
        Runtime.getRuntime().availableProcessors());
    print("memory: entries %.1f bytes/hash, index tables %.1f bytes/hash, total %,d MiB;"
            + " scan's own copy %.1f bytes/hash",
        (double) entries.memoryBytes() / size, (double) index.tableBytes() / size,
        (entries.memoryBytes() + index.tableBytes()) >> 20, (double) scan.copyBytes() / size);

    // Warm-up so that the JIT has compiled the search loops of both before timing.
    long found = 0;
    for (int i = 0; i < Math.min(5000, queryCount); i++) {
      found += index.search(queries[i]).size();
    }
    for (int i = 0; i < Math.min(30, scanCount); i++) {
      found += scan.search(queries[i]).size();
    }

    // Interleaved rounds (index queries, then scan queries) so that the other work on a shared
    // machine weighs on both alike; wall clock and this thread's CPU time, summed per side.
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int rounds = Math.max(1, Math.min(100, scanCount));
    long indexWall = 0;
    long indexCpu = 0;
    long scanWall = 0;
    long scanCpu = 0;
    long matches = 0;
    long scanMatches = 0;
    for (int r = 0; r < rounds; r++) {
      int from = (int) ((long) queryCount * r / rounds);
      int to = (int) ((long) queryCount * (r + 1) / rounds);
      long c0 = cpu.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      for (int i = from; i < to; i++) {
        matches += index.search(queries[i]).size();
      }
      long w1 = System.nanoTime();
      long c1 = cpu.getCurrentThreadCpuTime();
      for (int i = scanCount * r / rounds; i < scanCount * (r + 1) / rounds; i++) {
        scanMatches += scan.search(queries[i]).size();
      }
      long w2 = System.nanoTime();
      long c2 = cpu.getCurrentThreadCpuTime();
      indexWall += w1 - w0;
      indexCpu += c1 - c0;
      scanWall += w2 - w1;
      scanCpu += c2 - c1;
    }
    double indexNs = indexWall / (double) queryCount;
    double scanNs = scanWall / (double) scanCount;
    print("index: %,d queries in %.2f s = %,.0f queries/s (%.1f us/query; CPU %.1f us),"
            + " %,d matches", queryCount, indexWall / 1e9, 1e9 / indexNs, indexNs / 1e3,
        indexCpu / 1e3 / queryCount, matches);
    print("scan: %,d queries in %.2f s = %,.1f queries/s (%.2f ms/query; CPU %.2f ms),"
            + " %,d matches", scanCount, scanWall / 1e9, 1e9 / scanNs, scanNs / 1e6,
        scanCpu / 1e6 / scanCount, scanMatches);
    print("speed-up of the index over the scan: %.0fx wall clock, %.0fx CPU time", scanNs / indexNs,
        (scanCpu / (double) scanCount) / (indexCpu / (double) queryCount));

    // Same lists, not just the same counts: ids and distances, in order.
    int differ = 0;
    for (int i = 0; i < scanCount; i++) {
      List<PdqMatch> want = scan.search(queries[i]);
      if (!want.equals(index.search(queries[i]))) {
        differ++;
      }
    }
    print("identical results on the %,d scanned queries: %s", scanCount,
        differ == 0 ? "yes" : "NO, " + differ + " differ");
    if (found < 0 || differ != 0) {
      throw new IllegalStateException("index and scan disagree");
    }
  }

  /**
   * Random hashes; every 100th is a near-duplicate: a copy of an earlier random one (one of those
   * at multiples of 100) with up to 40 bits flipped.
   */
  static PdqEntries entries(SplittableRandom random, int size) {
    PdqEntries.Builder builder = PdqEntries.builder(size);
    long[] w = new long[4];
    long[] planted = new long[4 * (size / 100 + 1)];
    for (int i = 0; i < size; i++) {
      if (i % 100 == 99) {
        int j = random.nextInt(i);
        // Builder entries are not readable before build(): copy one of those kept aside.
        int slot = (j / 100) * 4;
        System.arraycopy(planted, slot, w, 0, 4);
        int flips = random.nextInt(41);
        for (int f = 0; f < flips; f++) {
          int k = random.nextInt(256);
          w[k >>> 6] ^= 1L << (k & 63);
        }
      } else {
        for (int k = 0; k < 4; k++) {
          w[k] = random.nextLong();
        }
        if (i % 100 == 0) {
          System.arraycopy(w, 0, planted, (i / 100) * 4, 4);
        }
      }
      builder.add(i, w[0], w[1], w[2], w[3]);
    }
    return builder.build();
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
