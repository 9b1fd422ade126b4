package fr.vigie.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by {@link MaxMindDbWriter}, read back by MaxMind's own readers. */
class MaxMindDbWriterTest {

  static final Instant BUILT = Instant.parse("2026-12-07T10:00:00Z");

  static Map<String, Object> country(String iso) {
    return Map.of("country", Map.of("iso_code", iso, "names", Map.of("en", iso)));
  }

  static Map<String, Object> asn(long number, String organisation) {
    return Map.of("autonomous_system_number", number,
        "autonomous_system_organization", organisation);
  }

  @Test
  void maxMindsReaderFindsEachNetworksRecordAndTheMetadata(@TempDir Path folder)
      throws IOException {
    Files.write(folder.resolve("countries.mmdb"), new MaxMindDbWriter("Test-Country", "test")
        .insert("192.0.2.0/24", country("FR"))
        .insert("192.0.2.128/26", country("BE"))
        .insert("2001:db8::/32", country("FR"))
        .toBytes(BUILT));
    Files.write(folder.resolve("asn.mmdb"), new MaxMindDbWriter("Test-GeoLite2-ASN", "test")
        .insert("192.0.2.0/25", asn(3215, "Orange"))
        .insert("2001:db8:4000::/34", asn(12322, "Free SAS"))
        .toBytes(BUILT));

    try (GeoIp geo = GeoIp.open(folder)) {
      assertTrue(geo.hasLocation() && geo.hasAsn(), geo.status());
      assertEquals(new GeoFacts("FR", 3215L, "Orange"), geo.lookup(IpAddress.parse("192.0.2.1")));
      assertEquals(new GeoFacts("FR", 3215L, "Orange"),
          geo.lookup(IpAddress.parse("192.0.2.127")));
      // A narrower network inserted after a wider one takes its part of it, and only that.
      assertEquals(new GeoFacts("BE", null, null), geo.lookup(IpAddress.parse("192.0.2.130")));
      assertEquals(new GeoFacts("FR", null, null), geo.lookup(IpAddress.parse("192.0.2.200")));
      assertEquals(new GeoFacts("FR", 12322L, "Free SAS"),
          geo.lookup(IpAddress.parse("2001:db8:4abc::1")));
      assertEquals(new GeoFacts("FR", null, null), geo.lookup(IpAddress.parse("2001:db8::1")));
      assertEquals(GeoFacts.NOTHING, geo.lookup(IpAddress.parse("198.51.100.1")));
      assertEquals(GeoFacts.NOTHING, geo.lookup(IpAddress.parse("2001:db9::1")));
    }
    try (DatabaseReader reader = new DatabaseReader.Builder(
        folder.resolve("countries.mmdb").toFile()).build()) {
      assertEquals("Test-Country", reader.metadata().databaseType());
      assertEquals(6, reader.metadata().ipVersion());
      assertEquals(24, reader.metadata().recordSize());
      assertEquals(BUILT, reader.metadata().buildTime());
      assertEquals(Map.of("en", "test"), reader.metadata().description());
      assertEquals(List.of("en"), reader.metadata().languages());
    }
  }

  @Test
  void everyTypeRoundTripsThroughMaxMindsDecoder() throws IOException {
    String longText = "x".repeat(300);
    Map<String, Object> record = Map.of(
        "short", "é", "long", longText, "u16", 65_535, "u32", 4_294_967_295L,
        "zero", 0L, "u64", new BigInteger("18446744073709551615"), "yes", true, "no", false,
        "list", List.of("a", 7L), "nested", Map.of("k", Map.of("deeper", 1)));
    byte[] file = new MaxMindDbWriter("Test-Types", "types")
        .insert("203.0.113.0/24", record).toBytes(BUILT);
    try (Reader reader = new Reader(new ByteArrayInputStream(file))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> read = reader.get(InetAddress.getByName("203.0.113.9"), Map.class);
      assertEquals("é", read.get("short"));
      assertEquals(longText, read.get("long"));
      assertEquals(65_535, read.get("u16"));
      assertEquals(4_294_967_295L, read.get("u32"));
      assertEquals(0L, read.get("zero"));
      assertEquals(new BigInteger("18446744073709551615"), read.get("u64"));
      assertEquals(true, read.get("yes"));
      assertEquals(false, read.get("no"));
      assertEquals(List.of("a", 7L), read.get("list"));
      assertEquals(Map.of("k", Map.of("deeper", 1)), read.get("nested"));
      assertEquals(null, reader.get(InetAddress.getByName("203.0.114.1"), Map.class));
    }
  }

  @Test
  void attributionDecidesOnAWrittenDatabaseAsOnMaxMinds(@TempDir Path folder)
      throws IOException {
    Files.write(folder.resolve("c.mmdb"), new MaxMindDbWriter("Test-Country", "t")
        .insert("192.0.2.0/24", country("FR")).insert("198.51.100.0/24", country("DE"))
        .toBytes(BUILT));
    Files.write(folder.resolve("a.mmdb"), new MaxMindDbWriter("Test-GeoLite2-ASN", "t")
        .insert("192.0.2.0/25", asn(3215, "Orange")).toBytes(BUILT));
    OperatorRef orange = new OperatorRef(1, "ORANGE", "Orange", 365);
    try (GeoIp geo = GeoIp.open(folder)) {
      IpAttributor attributor = new IpAttributor(geo,
          new OperatorDirectory(Map.of(3215L, orange), CidrTable.empty()), Duration.ofDays(365));
      Instant at = BUILT.minus(Duration.ofDays(2));
      AttributionOutcome.France france = assertInstanceOf(AttributionOutcome.France.class,
          attributor.attribute(new IpEventFacts("192.0.2.10", 40_000, at), BUILT));
      assertEquals(orange, france.operator());
      assertEquals("DE", assertInstanceOf(AttributionOutcome.Foreign.class,
          attributor.attribute(new IpEventFacts("198.51.100.3", null, at), BUILT)).country());
      assertInstanceOf(AttributionOutcome.Unattributed.class,
          attributor.attribute(new IpEventFacts("192.0.2.200", 1, at), BUILT));
    }
  }

  @Test
  void refusesWhatItCannotWrite() {
    MaxMindDbWriter writer = new MaxMindDbWriter("Test-Country", "t");
    assertThrows(IllegalArgumentException.class, () -> writer.insert("::/0", country("FR")));
    assertThrows(IllegalArgumentException.class, () -> writer.insert("192.0.2.1/24", country("FR")));
    assertThrows(IllegalArgumentException.class,
        () -> writer.insert("192.0.2.0/24", Map.of("negative", -1L)).toBytes(BUILT));
    assertFalse(new MaxMindDbWriter("Test-Country", "t").toBytes(BUILT).length == 0);
  }
}
