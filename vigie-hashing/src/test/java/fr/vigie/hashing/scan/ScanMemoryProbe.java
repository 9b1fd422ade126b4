package fr.vigie.hashing.scan;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a forked JVM with a small heap by {@link ScanMemoryTest}: scans a tree with a sink that
 * only counts, and prints the heap in use after a full GC early and late in the scan.
 */
public final class ScanMemoryProbe {

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    long early = Long.parseLong(args[1]);
    long late = Long.parseLong(args[2]);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong count = new AtomicLong();
    long[] used = new long[2];
    ScanSummary summary = new ScanSummary();
    ScanSink sink = outcome -> {
      summary.accept(outcome);
      long n = count.incrementAndGet();
      if (n == early || n == late) {
        System.gc();
        used[n == early ? 0 : 1] = memory.getHeapMemoryUsage().getUsed();
      }
    };
    TreeScanner.hashingOnly(2).scan(root, sink, new ScanProgress());
    System.out.println("entries=" + count.get() + " hashed=" + summary.hashedFiles()
        + " usedEarly=" + used[0] + " usedLate=" + used[1]
        + " max=" + memory.getHeapMemoryUsage().getMax());
  }
}
