package fr.vigie.bench;

import fr.vigie.hashing.BruteForcePdqSearch;
import fr.vigie.hashing.PdqEntries;
import fr.vigie.hashing.PdqHash;
import fr.vigie.hashing.PdqIndex;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Whole-program check of the target: 10 million PDQ hashes, 100,000 queries at distance
 * 31. Prints build time, memory per hash and queries a second for the index and for a scan (the
 * scan on fewer queries, since it needs about 10 ms each). Not JMH: one run, wall-clock, after a
 * short warm-up; run with a heap of at least 3 GB.
 *
 * <pre>java -Xmx3g -cp vigie-bench/target/benchmarks.jar fr.vigie.bench.PdqIndexScale [size] [queries] [scanQueries]</pre>
 */
public final class PdqIndexScale {

  private PdqIndexScale() {}

  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    int queryCount = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int scanCount = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    SplittableRandom random = new SplittableRandom(42);

    long t0 = System.nanoTime();
    PdqEntries.Builder builder = PdqEntries.builder(size);
    for (int i = 0; i < size; i++) {
      builder.add(i, random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }
    PdqEntries entries = builder.build();
    long t1 = System.nanoTime();
    PdqIndex index = new PdqIndex(entries);
    long t2 = System.nanoTime();
    BruteForcePdqSearch scan = new BruteForcePdqSearch(entries);
    PdqHash[] queries = PdqSearchBenchmark.queries(entries, random, queryCount);

    print("entries: %,d random hashes, generated in %.1f s", size, (t1 - t0) / 1e9);
    print("index: %d chunks, built in %.1f s", index.chunkCount(), (t2 - t1) / 1e9);
    print("memory: entries %.1f bytes/hash, index tables %.1f bytes/hash, total %,d MiB",
        (double) entries.memoryBytes() / size, (double) index.tableBytes() / size,
        (entries.memoryBytes() + index.tableBytes()) >> 20);

    // Warm-up so that the JIT has compiled the search loops before timing.
    long found = 0;
    for (int i = 0; i < Math.min(2000, queryCount); i++) {
      found += index.search(queries[i]).size();
    }
    for (int i = 0; i < Math.min(20, scanCount); i++) {
      found += scan.search(queries[i]).size();
    }

    long matches = 0;
    long s0 = System.nanoTime();
    for (PdqHash q : queries) {
      matches += index.search(q).size();
    }
    long s1 = System.nanoTime();
    print("index: %,d queries in %.2f s = %,.0f queries/s (%.1f us/query), %,d matches",
        queryCount, (s1 - s0) / 1e9, queryCount / ((s1 - s0) / 1e9), (s1 - s0) / 1e3 / queryCount,
        matches);

    long scanMatches = 0;
    long indexMatches = 0;
    long b0 = System.nanoTime();
    for (int i = 0; i < scanCount; i++) {
      scanMatches += scan.search(queries[i]).size();
    }
    long b1 = System.nanoTime();
    for (int i = 0; i < scanCount; i++) {
      indexMatches += index.search(queries[i]).size();
    }
    print("scan: %,d queries in %.2f s = %,.1f queries/s (%.2f ms/query), %,d matches (index: %,d)",
        scanCount, (b1 - b0) / 1e9, scanCount / ((b1 - b0) / 1e9), (b1 - b0) / 1e6 / scanCount,
        scanMatches, indexMatches);
    print("speed-up of the index over the scan: %.0fx", ((b1 - b0) / (double) scanCount)
        / ((s1 - s0) / (double) queryCount));
    if (found < 0 || scanMatches != indexMatches) {
      throw new IllegalStateException("index and scan disagree");
    }
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
