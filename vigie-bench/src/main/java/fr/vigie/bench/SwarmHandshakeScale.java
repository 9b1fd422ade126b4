package fr.vigie.bench;

import fr.vigie.bittorrent.Leads;
import fr.vigie.bittorrent.Observation;
import fr.vigie.bittorrent.ProbeOptions;
import fr.vigie.bittorrent.ProbeResult;
import fr.vigie.bittorrent.SwarmProbe;
import fr.vigie.bittorrent.Target;
import fr.vigie.bittorrent.fakes.FakePeer;
import fr.vigie.bittorrent.fakes.TorrentBuilder;
import fr.vigie.bittorrent.metainfo.Metainfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Question: how many peers a second can the sensor observe (TCP connect, BEP 3 handshake, BEP 10
 * extension handshake, bitfield captured) against a loopback swarm of simulated peers spread over
 * several 127.0.0.x addresses, and with how much heap? The simulated peers (the module's FakePeer,
 * honest seeders) run in the same JVM, so the figure is for sensor and swarm together on the
 * machine's cores.
 *
 * <p>Usage: SwarmHandshakeScale [peers=1000] [addresses=10] [rounds=5] [concurrency=128]
 */
public final class SwarmHandshakeScale {

  public static void main(String[] args) throws Exception {
    int peers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int addresses = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 128;

    byte[] content = TorrentBuilder.randomBytes(1, 1024 * 16 * 1024); // 1,024 pieces of 16 KiB: a 128-byte bitfield
    TorrentBuilder builder = TorrentBuilder.named("bench.bin").single(content).pieceLength(16 * 1024);
    Metainfo torrent = Metainfo.parse(builder.build());
    List<FakePeer> swarm = new ArrayList<>();
    List<InetSocketAddress> leads = new ArrayList<>();
    for (int i = 0; i < peers; i++) {
      InetAddress ip = InetAddress.getByName("127.0.0." + (1 + i % addresses));
      FakePeer p = FakePeer.start(ip, torrent.wireHash(), builder.infoBytes(), content, torrent.pieceLength(), FakePeer.Behaviour.seeder());
      swarm.add(p);
      leads.add(p.address());
    }
    ProbeOptions options = ProbeOptions.builder(Clock.systemUTC())
        .connectTimeout(Duration.ofSeconds(5)).handshakeTimeout(Duration.ofSeconds(5)).bitfieldWait(Duration.ofSeconds(5))
        .linger(Duration.ZERO).piecesPerPeer(0).fetchMetadata(false).maxPeers(peers).swarmConcurrency(concurrency)
        .globalConcurrency(new Semaphore(concurrency)).mayContact(ProbeOptions::loopback).build();
    SwarmProbe probe = new SwarmProbe(options);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long baseline = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(baseline);
    Thread sampler = Thread.ofPlatform().daemon().start(() -> {
      while (true) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    System.out.printf("swarm: %d simulated peers on %d addresses (127.0.0.1-%d), %d pieces; heap after setup %d MiB%n",
        peers, addresses, addresses, torrent.pieceCount(), baseline >> 20);
    probe.probe(Target.of(torrent), Leads.only(leads)); // warm-up
    long total = 0;
    long captured = 0;
    long uploaded = 0;
    long start = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      ProbeResult result = probe.probe(Target.of(torrent), Leads.only(leads));
      long ok = result.observations().stream().filter(SwarmHandshakeScale::captured).count();
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("round %d: %d observations, %d with handshake + extension handshake + bitfield, %.2f s, %.0f/s%n",
          r + 1, result.observations().size(), ok, s, ok / s);
      total += result.observations().size();
      captured += ok;
      uploaded += result.uploadedBytes();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.interrupt();
    System.out.printf("captured %d of %d in %.2f s: %.0f peers/s (concurrency %d); uploaded %d bytes%n", captured, total, seconds,
        captured / seconds, concurrency, uploaded);
    System.gc();
    long retained = memory.getHeapMemoryUsage().getUsed();
    System.out.printf("heap: %d MiB after setup, peak %d MiB during rounds, %d MiB after a GC at the end (max heap %d MiB); load average %.2f on %d cores%n",
        baseline >> 20, peak.get() >> 20, retained >> 20, Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    for (FakePeer p : swarm) {
      if (p.piecesFromSensor.get() != 0) {
        throw new IllegalStateException("a piece was uploaded");
      }
      p.close();
    }
  }

  private static boolean captured(Observation o) {
    return o.handshakeAt().isPresent() && o.extensionHandshake().isPresent() && o.bitfield().isPresent();
  }
}
