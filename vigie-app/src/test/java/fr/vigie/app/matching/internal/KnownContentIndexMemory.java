package fr.vigie.app.matching.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HexFormat;
import java.util.Random;

/**
 * Measures the heap the known-content index takes per entry: builds it from N random entries
 * (a third each MD5, SHA-1, SHA-256, or all PDQ with "pdq") and compares the used heap after a
 * full GC before and after. Not a test: run it by hand (docs/benchmarks.md).
 */
public final class KnownContentIndexMemory {

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    boolean pdq = args.length > 1 && args[1].equals("pdq");
    // Hex strings are made up front so that only the index stays reachable after building.
    Random random = new Random(20260101);
    String[] algorithms = {"MD5", "SHA1", "SHA256"};
    int[] lengths = {32, 40, 64};
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[(pdq ? 64 : lengths[i % 3]) / 2];
      random.nextBytes(b);
      values[i] = HexFormat.of().formatHex(b);
    }
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = used(memory);
    KnownContentIndex.Builder builder = KnownContentIndex.builder(n, 31);
    for (int i = 0; i < n; i++) {
      builder.add(i + 1L, i % 5, pdq ? "PDQ" : algorithms[i % 3], values[i], i % 4);
    }
    KnownContentIndex index = builder.build("memory");
    builder = null; // its arrays are copied: only the index stays reachable
    long after = used(memory);
    System.out.printf(java.util.Locale.ROOT,
        "%,d %s entries: %,d bytes of heap, %.1f bytes per entry%n",
        index.size(), pdq ? "PDQ" : "exact (MD5/SHA-1/SHA-256 in thirds)", after - before,
        (after - before) / (double) n);
    long started = System.nanoTime();
    int hits = 0;
    for (int i = 0; i < 1_000_000; i++) {
      int k = (int) ((i * 7919L) % n);
      if (!pdq) {
        hits += index.exact(algorithms[k % 3], values[k]).size();
      }
    }
    if (!pdq) {
      System.out.printf(java.util.Locale.ROOT, "1,000,000 exact lookups: %d ms (%d hits)%n",
          (System.nanoTime() - started) / 1_000_000, hits);
    }
  }

  private static long used(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
