package fr.vigie.bittorrent.dht;

import java.util.concurrent.locks.LockSupport;

/** At most {@code perSecond} permits a second, spaced evenly; callers wait their turn. Thread-safe. */
final class RateLimiter {

  private final long intervalNanos;
  private long next = System.nanoTime();

  RateLimiter(int perSecond) {
    this.intervalNanos = 1_000_000_000L / perSecond;
  }

  void acquire() {
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      // no credit saved up beyond one second: a burst after idling stays bounded
      next = Math.max(next, now - 1_000_000_000L + intervalNanos);
      wait = next - now;
      next += intervalNanos;
    }
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }
}
