package fr.vigie.hashing.scan;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of a running scan, safe to read from any thread at any time (for a progress bar).
 * Counts are updated as each entry is finished; they never go down.
 */
public final class ScanProgress {

  private final LongAdder entries = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder unreadable = new LongAdder();
  private final AtomicLong startNanos = new AtomicLong();
  private final AtomicLong endNanos = new AtomicLong();

  /** A consistent-enough view of the counters at one instant. */
  public record Snapshot(long entries, long bytes, long unreadable, Duration elapsed,
      boolean finished) {

    /** Returns entries finished per second since the start, 0 before any time has passed. */
    public double entriesPerSecond() {
      double s = elapsed.toNanos() / 1e9;
      return s > 0 ? entries / s : 0;
    }

    /** Returns megabytes (10^6 bytes) read per second since the start. */
    public double megabytesPerSecond() {
      double s = elapsed.toNanos() / 1e9;
      return s > 0 ? bytes / 1e6 / s : 0;
    }
  }

  /** Returns the counters now; elapsed time stops at the end of the scan. */
  public Snapshot snapshot() {
    long start = startNanos.get();
    long end = endNanos.get();
    long now = end != 0 ? end : System.nanoTime();
    Duration elapsed = start == 0 ? Duration.ZERO : Duration.ofNanos(now - start);
    return new Snapshot(entries.sum(), bytes.sum(), unreadable.sum(), elapsed, end != 0);
  }

  void started() {
    if (!startNanos.compareAndSet(0, System.nanoTime())) {
      throw new IllegalStateException("a ScanProgress serves one scan only");
    }
  }

  void finished() {
    endNanos.set(System.nanoTime());
  }

  void count(ScanOutcome outcome) {
    switch (outcome) {
      case ScanOutcome.Hashed h -> bytes.add(h.size());
      case ScanOutcome.Unreadable u -> {
        unreadable.increment();
        u.hashes().ifPresent(h -> bytes.add(h.size()));
      }
      case ScanOutcome.Skipped s -> { }
    }
    entries.increment();
  }
}
