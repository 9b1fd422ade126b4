package fr.vigie.bench;

import fr.vigie.bittorrent.dht.DhtClient;
import fr.vigie.bittorrent.dht.DhtLookup;
import fr.vigie.bittorrent.dht.DhtOptions;
import fr.vigie.bittorrent.fakes.FakeDht;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Question: how many iterative get_peers lookups a second does the sensor's DHT client make
 * against a loopback DHT of 1,000 nodes (the module's FakeDht: 8 nodes a bucket, peers on the 8
 * closest nodes), and how many KRPC packets a second per core does that mean, client and nodes
 * together in one JVM? Half the infohashes looked up have peers, half have none (a lookup for
 * nothing runs until its k closest nodes have answered).
 *
 * <p>Usage: DhtLookupScale [nodes=1000] [lookups=2000] [parallel=8]
 */
public final class DhtLookupScale {

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int parallel = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    InetAddress loopback = InetAddress.getLoopbackAddress();
    SplittableRandom random = new SplittableRandom(5);
    List<byte[]> hashes = new ArrayList<>();
    try (FakeDht dht = FakeDht.start(nodes, 14, loopback)) {
      for (int i = 0; i < 200; i++) {
        byte[] h = new byte[20];
        for (int j = 0; j < 20; j++) {
          h[j] = (byte) random.nextInt(256);
        }
        hashes.add(h);
        if (i % 2 == 0) {
          dht.store(h, List.of(new InetSocketAddress(loopback, 10_000 + i), new InetSocketAddress(loopback, 20_000 + i)));
        }
      }
      DhtOptions options = DhtOptions.defaults(Clock.systemUTC()).withBind(loopback).withBootstrap(dht.bootstrap(4))
          .withLimits(Duration.ofSeconds(1), 64, 1_000_000, Duration.ofSeconds(10));
      try (DhtClient client = new DhtClient(options)) {
        run(client, hashes, Math.min(200, lookups), parallel); // warm-up
        long packets0 = dht.packets.get() + client.packetsReceived() + client.packetsSent();
        long t0 = System.nanoTime();
        long[] r = run(client, hashes, lookups, parallel);
        double s = (System.nanoTime() - t0) / 1e9;
        long packets = dht.packets.get() + client.packetsReceived() + client.packetsSent() - packets0;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("%d lookups in %.2f s: %.0f lookups/s (%d in parallel); %.1f queries a lookup, %d timeouts; found peers in %d of %d%n",
            lookups, s, lookups / s, parallel, r[0] / (double) lookups, r[1], r[2], lookups);
        System.out.printf("KRPC packets (sent and received, client and nodes): %d, %.0f/s, %.0f/s per core (%d cores); load average %.2f%n",
            packets, packets / s, packets / s / cores, cores, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("announce_peer queries sent: %d%n", dht.queries("announce_peer"));
      }
    }
  }

  /** Returns {queries, timeouts, lookups that found peers}. */
  private static long[] run(DhtClient client, List<byte[]> hashes, int lookups, int parallel) throws Exception {
    AtomicLong queries = new AtomicLong();
    AtomicLong timeouts = new AtomicLong();
    AtomicLong found = new AtomicLong();
    AtomicLong next = new AtomicLong();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < parallel; w++) {
        workers.add(pool.submit(() -> {
          long i;
          while ((i = next.getAndIncrement()) < lookups) {
            DhtLookup l = client.getPeers(hashes.get((int) (i % hashes.size())));
            queries.addAndGet(l.queries());
            timeouts.addAndGet(l.timeouts());
            if (!l.peers().isEmpty()) {
              found.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    }
    return new long[] {queries.get(), timeouts.get(), found.get()};
  }
}
