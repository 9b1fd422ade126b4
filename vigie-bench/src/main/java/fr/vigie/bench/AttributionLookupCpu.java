package fr.vigie.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Lookups per second of CPU time, for a shared, busy machine where JMH's wall-clock throughput
 * mostly measures the other processes: the same work as {@link AttributionLookupBenchmark}, timed
 * with the thread's CPU clock. One thread, so the figure is per core.
 *
 * <p>{@code java -cp benchmarks.jar fr.vigie.bench.AttributionLookupCpu [ROUNDS]}
 */
public final class AttributionLookupCpu {

  private AttributionLookupCpu() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    AttributionLookupBenchmark bench = new AttributionLookupBenchmark();
    bench.open();
    AttributionLookupBenchmark.Cursor cursor = new AttributionLookupBenchmark.Cursor();
    long sink = 0;
    int perRound = 2_000_000;
    for (String kind : new String[] {"lookup", "attribute"}) {
      for (int round = -2; round < rounds; round++) { // two warm-up rounds
        long start = cpu.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          Object result = kind.equals("lookup") ? bench.lookup(cursor) : bench.attribute(cursor);
          sink += result.hashCode();
        }
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        if (round >= 0) {
          System.out.printf(Locale.ROOT, "%-9s round %d: %,.0f per CPU-second (%,.0f per "
              + "wall-second)%n", kind, round + 1, perRound / cpuSeconds, perRound / wallSeconds);
        }
      }
    }
    bench.close();
    System.out.println(sink == 42 ? "" : "done");
  }
}
