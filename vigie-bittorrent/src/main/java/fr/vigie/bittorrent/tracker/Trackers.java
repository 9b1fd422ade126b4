package fr.vigie.bittorrent.tracker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Announces to every tracker of every tier. BEP 12 treats later tiers as fallbacks; a sensor wants
 * every lead, so it asks them all (as libtorrent's announce_to_all_tiers does), a bounded number at
 * once. Thread-safe.
 */
public final class Trackers {

  private final TrackerOptions options;
  private final HttpTracker http;
  private final UdpTracker udp;

  public Trackers(TrackerOptions options) {
    this.options = options;
    this.http = new HttpTracker(options);
    this.udp = new UdpTracker(options);
  }

  /** Announces to one tracker, by the scheme of its URL. */
  public AnnounceResult announce(String url, AnnounceRequest request) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return http.announce(url, request);
    }
    if (lower.startsWith("udp://")) {
      return udp.announce(url, request);
    }
    return new AnnounceResult.Failed(url, options.clock().instant(), "unsupported tracker scheme (http, https and udp are)");
  }

  /** Announces to every distinct URL of every tier; results in tier order. */
  public List<AnnounceResult> announceAll(List<List<String>> tiers, AnnounceRequest request) {
    Set<String> urls = new LinkedHashSet<>();
    tiers.forEach(urls::addAll);
    Semaphore slots = new Semaphore(options.concurrency());
    List<Future<AnnounceResult>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String url : urls) {
        futures.add(pool.submit(() -> {
          slots.acquire();
          try {
            return announce(url, request);
          } finally {
            slots.release();
          }
        }));
      }
      List<AnnounceResult> results = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        results.add(get(futures.get(i), List.copyOf(urls).get(i)));
      }
      return results;
    }
  }

  private AnnounceResult get(Future<AnnounceResult> f, String url) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      return new AnnounceResult.Failed(url, options.clock().instant(), "announce failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AnnounceResult.Failed(url, options.clock().instant(), "interrupted");
    }
  }
}
