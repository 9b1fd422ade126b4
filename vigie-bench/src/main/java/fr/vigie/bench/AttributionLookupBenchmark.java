package fr.vigie.bench;

import fr.vigie.geo.AttributionOutcome;
import fr.vigie.geo.CidrBlock;
import fr.vigie.geo.CidrTable;
import fr.vigie.geo.GeoFacts;
import fr.vigie.geo.GeoIp;
import fr.vigie.geo.IpAddress;
import fr.vigie.geo.IpAttributor;
import fr.vigie.geo.IpEventFacts;
import fr.vigie.geo.OperatorDirectory;
import fr.vigie.geo.OperatorRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many IP events a second one core attributes: GeoIP (City + ASN, MaxMind's reader with its
 * CHMCache) plus the operators directory (ASN map, CGNAT ranges) and the decision.
 *
 * <p>Databases: {@code -Dvigie.bench.geoip=DIR} (default: MaxMind's test databases in
 * vigie-geo's test resources, run from the repository root). Addresses: 4096 random ones drawn
 * from the networks those databases know (French operators by ASN, foreign, IPv6) plus
 * documentation CGNAT ranges and addresses in no database, so each lookup walks the tree.
 * {@code lookup} is GeoIP alone on parsed addresses; {@code attribute} is the whole decision from
 * the text of the address, as the attribution job does it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class AttributionLookupBenchmark {

  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

  private GeoIp geo;
  private IpAttributor attributor;
  private IpEventFacts[] events;
  private IpAddress[] addresses;

  /** Per-thread cursor, so that threads do not contend on one counter. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup(Level.Trial)
  public void open() {
    Path dir = Path.of(System.getProperty("vigie.bench.geoip",
        "../shared/data/geoip"));
    geo = GeoIp.open(dir);
    if (!geo.available()) {
      throw new IllegalStateException(geo.status());
    }
    OperatorRef orange = new OperatorRef(1, "ORANGE", "Orange", 365);
    OperatorRef sfr = new OperatorRef(2, "SFR", "SFR", 365);
    OperatorRef bouygues = new OperatorRef(3, "BOUYGUES", "Bouygues Telecom", 365);
    OperatorRef free = new OperatorRef(4, "FREE", "Free", 365);
    OperatorRef freeMobile = new OperatorRef(5, "FREE-MOBILE", "Free Mobile", 365);
    OperatorDirectory directory = new OperatorDirectory(Map.of(3215L, orange, 5511L, orange,
        15557L, sfr, 5410L, bouygues, 12844L, bouygues, 12322L, free, 51207L, freeMobile,
        16276L, new OperatorRef(6, "OVHCLOUD", "OVHcloud", 365),
        12876L, new OperatorRef(7, "SCALEWAY", "Scaleway", 365)),
        CidrTable.of(List.of(Map.entry(CidrBlock.parse("198.51.100.0/26"), orange),
            Map.entry(CidrBlock.parse("198.51.100.64/26"), sfr),
            Map.entry(CidrBlock.parse("203.0.113.0/26"), bouygues),
            Map.entry(CidrBlock.parse("203.0.113.64/26"), freeMobile))));
    attributor = new IpAttributor(geo, directory, Duration.ofDays(365));
    SplittableRandom random = new SplittableRandom(7);
    String[] v4Prefixes = {"83.206.%d.%d", "77.%d.%d.1", "78.%d.%d.1", "176.%d.%d.1",
        "89.%d.%d.1", "81.2.%d.%d", "216.160.%d.%d", "198.51.100.%d", "203.0.113.%d",
        "192.0.2.%d"};
    List<String> ips = new ArrayList<>();
    for (int i = 0; i < 4096; i++) {
      int kind = random.nextInt(v4Prefixes.length + 2);
      String ip;
      if (kind == v4Prefixes.length) {
        ip = String.format(Locale.ROOT, "2a02:cfc0:%x::%x", random.nextInt(8),
            1 + random.nextInt(60000));
      } else if (kind == v4Prefixes.length + 1) {
        ip = String.format(Locale.ROOT, "2a01:c000:%x::%x", random.nextInt(8192),
            1 + random.nextInt(60000));
      } else {
        String pattern = v4Prefixes[kind];
        ip = pattern.endsWith("%d") && pattern.chars().filter(c -> c == '%').count() == 1
            ? String.format(Locale.ROOT, pattern, random.nextInt(256))
            : String.format(Locale.ROOT, pattern, 128 + random.nextInt(64), random.nextInt(256));
      }
      ips.add(ip);
    }
    events = new IpEventFacts[ips.size()];
    addresses = new IpAddress[ips.size()];
    for (int i = 0; i < ips.size(); i++) {
      Integer port = random.nextInt(3) == 0 ? null : 1024 + random.nextInt(60000);
      events[i] = new IpEventFacts(ips.get(i), port,
          NOW.minus(Duration.ofDays(random.nextInt(500))));
      addresses[i] = IpAddress.parse(ips.get(i));
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    geo.close();
  }

  @Benchmark
  public GeoFacts lookup(Cursor cursor) {
    return geo.lookup(addresses[cursor.next++ & (addresses.length - 1)]);
  }

  @Benchmark
  public AttributionOutcome attribute(Cursor cursor) {
    return attributor.attribute(events[cursor.next++ & (events.length - 1)], NOW);
  }
}
