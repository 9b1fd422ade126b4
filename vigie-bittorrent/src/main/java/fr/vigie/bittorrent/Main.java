package fr.vigie.bittorrent;

import fr.vigie.bittorrent.dht.DhtOptions;
import fr.vigie.bittorrent.metainfo.MagnetLink;
import fr.vigie.bittorrent.metainfo.Metainfo;
import fr.vigie.bittorrent.metainfo.MetainfoException;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tries the module alone: one probe round, one JSON line per peer contacted (unsigned: signing is
 * the application's). The application's {@code ./vigie p2p probe} will be built on {@link
 * SwarmProbe}, not on this class.
 *
 * <pre>
 * java -cp vigie-bittorrent.jar fr.vigie.bittorrent.Main (--torrent FILE | --magnet URI)
 *     [--tracker URL]... [--peer HOST:PORT]... [--dht-bootstrap HOST:PORT]... [--pieces N]
 *     [--local-address IP] [--unchoke-wait SECONDS] [--loopback-only] --out FILE.jsonl
 * </pre>
 *
 * Exit 0 when the round ran, whatever it found; 2 for bad arguments.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args));
  }

  static int run(String[] args) throws IOException {
    Target target = null;
    List<String> trackers = new ArrayList<>();
    List<InetSocketAddress> peers = new ArrayList<>();
    List<InetSocketAddress> bootstrap = new ArrayList<>();
    Path out = null;
    ProbeOptions.Builder options = ProbeOptions.builder(Clock.systemUTC());
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--torrent" -> target = Target.of(Metainfo.parse(Files.readAllBytes(Path.of(value(args, ++i, a)))));
          case "--magnet" -> target = Target.of(MagnetLink.parse(value(args, ++i, a)));
          case "--tracker" -> trackers.add(value(args, ++i, a));
          case "--peer" -> peers.add(address(value(args, ++i, a)));
          case "--dht-bootstrap" -> bootstrap.add(address(value(args, ++i, a)));
          case "--pieces" -> options.piecesPerPeer(Integer.parseInt(value(args, ++i, a)));
          case "--local-address" -> options.localAddress(InetAddress.getByName(value(args, ++i, a)));
          case "--unchoke-wait" -> options.unchokeWait(Duration.ofSeconds(Long.parseLong(value(args, ++i, a))));
          case "--loopback-only" -> options.mayContact(ProbeOptions::loopback);
          case "--out" -> out = Path.of(value(args, ++i, a));
          case "--help", "-h" -> {
            usage();
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (target == null || out == null) {
        throw new IllegalArgumentException("--torrent or --magnet, and --out, are required");
      }
    } catch (IllegalArgumentException | MetainfoException e) {
      System.err.println("vigie-bittorrent: " + e.getMessage());
      usage();
      return 2;
    }
    if (!bootstrap.isEmpty()) {
      options.dht(DhtOptions.defaults(Clock.systemUTC()).withBootstrap(bootstrap));
    }
    ProbeResult result = new SwarmProbe(options.build()).probe(target, Leads.fromTarget().withTrackers(trackers).withPeers(peers));
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      ObservationJson.write(w, result.observations());
    }
    long verified = result.observations().stream().filter(o -> o.outcome() instanceof Outcome.Verified).count();
    System.err.printf(java.util.Locale.ROOT, "%s: %d leads, %d peers contacted, %d verified, %d bytes uploaded -> %s%n", result.infoHash().hex(),
        result.leads().size(), result.observations().size(), verified, result.uploadedBytes(), out);
    return 0;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static InetSocketAddress address(String hostPort) {
    MagnetLink.HostPort hp = MagnetLink.HostPort.parse(hostPort);
    try {
      return new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot resolve " + hostPort, e);
    }
  }

  private static void usage() {
    System.err.println("usage: Main (--torrent FILE | --magnet URI) [--tracker URL]... [--peer HOST:PORT]... "
        + "[--dht-bootstrap HOST:PORT]... [--pieces N] [--local-address IP] [--unchoke-wait SECONDS] [--loopback-only] --out FILE.jsonl");
  }
}
