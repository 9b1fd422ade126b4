package fr.vigie.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.testing.SharedData;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attribution decision on MaxMind's test databases (fake data): which test IPs resolve to
 * what is in docs/attribution.md. CGNAT ranges are documentation ranges, as in the seed.
 */
class IpAttributorTest {

  static final OperatorRef ORANGE = new OperatorRef(1, "ORANGE", "Orange", 365);
  static final OperatorRef SFR = new OperatorRef(2, "SFR", "SFR", 365);
  static final OperatorRef FREE = new OperatorRef(3, "FREE", "Free", 365);
  static final OperatorRef SHORT = new OperatorRef(4, "SHORT", "Short memory", 30);
  static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  static final Instant RECENT = Instant.parse("2026-10-25T01:30:00Z");

  static GeoIp geo;
  static IpAttributor attributor;

  static Path testDatabases() throws URISyntaxException {
    return SharedData.path("geoip");
  }

  static OperatorDirectory directory() {
    return new OperatorDirectory(Map.of(3215L, ORANGE, 15557L, SFR, 12322L, FREE, 1221L, SHORT),
        CidrTable.of(List.of(Map.entry(CidrBlock.parse("198.51.100.0/25"), ORANGE),
            Map.entry(CidrBlock.parse("203.0.113.0/26"), SFR),
            Map.entry(CidrBlock.parse("203.0.113.0/28"), FREE))));
  }

  @BeforeAll
  static void open() throws URISyntaxException {
    geo = GeoIp.open(testDatabases());
    attributor = new IpAttributor(geo, directory(), Duration.ofDays(365));
  }

  @AfterAll
  static void close() {
    geo.close();
  }

  private static AttributionOutcome attribute(String ip, Integer port, Instant at) {
    return attributor.attribute(new IpEventFacts(ip, port, at), NOW);
  }

  @Test
  void theTestDatabasesAreFoundByTypeAndAnswerAsDocumented() {
    assertTrue(geo.hasLocation() && geo.hasAsn(), geo.status());
    assertTrue(geo.status().contains("GeoIP2-City"), "City preferred to Country: " + geo.status());
    assertEquals("GB", geo.lookup(IpAddress.parse("81.2.69.160")).country());
    assertEquals(3215L, geo.lookup(IpAddress.parse("83.206.36.230")).asn());
    assertEquals("FR", geo.lookup(IpAddress.parse("2a02:cfc0::1")).country());
    assertTrue(geo.lookup(IpAddress.parse("192.0.2.1")).isEmpty());
  }

  @Test
  void aFrenchOperatorsAsnGivesAPendingRequisitionEvenWithoutACountry() {
    var outcome = assertInstanceOf(AttributionOutcome.France.class,
        attribute("83.206.36.230", null, RECENT));
    assertEquals(ORANGE, outcome.operator());
    assertEquals(3215L, outcome.facts().asn());
    assertEquals(SFR, ((AttributionOutcome.France) attribute("77.128.1.1", 51234, RECENT))
        .operator());
    assertEquals(FREE, ((AttributionOutcome.France) attribute("2a01:e00::1", null, RECENT))
        .operator());
  }

  @Test
  void abroadGoesToTheCountrysReferralList() {
    assertEquals("GB", assertInstanceOf(AttributionOutcome.Foreign.class,
        attribute("81.2.69.160", 443, RECENT)).country());
    assertEquals("US", ((AttributionOutcome.Foreign) attribute("216.160.83.56", null, RECENT))
        .country());
    assertEquals("DE", ((AttributionOutcome.Foreign) attribute("2a02:d180::1", null, RECENT))
        .country());
  }

  @Test
  void cgnatWithoutAPortIsInsufficientAndWithAPortPending() {
    var noPort = assertInstanceOf(AttributionOutcome.PortNeeded.class,
        attribute("198.51.100.20", null, RECENT));
    assertEquals(ORANGE, noPort.operator());
    assertEquals("198.51.100.0/25", noPort.cgnat().toString());
    assertTrue(noPort.reason().startsWith("insufficient: port needed"), noPort.reason());
    var withPort = assertInstanceOf(AttributionOutcome.France.class,
        attribute("198.51.100.20", 40000, RECENT));
    assertEquals("198.51.100.0/25", withPort.cgnat().toString());
    // The most specific range wins.
    assertEquals(FREE, ((AttributionOutcome.PortNeeded) attribute("203.0.113.5", null, RECENT))
        .operator());
    assertEquals(SFR, ((AttributionOutcome.PortNeeded) attribute("203.0.113.40", null, RECENT))
        .operator());
    // Outside the seeded ranges a documentation address is in no database.
    assertEquals(UnattributedReason.NOT_IN_GEOIP, assertInstanceOf(
        AttributionOutcome.Unattributed.class, attribute("198.51.100.200", 1, RECENT)).why());
  }

  @Test
  void olderThanTheRetentionIsExpiredWithTheDate() {
    var expired = assertInstanceOf(AttributionOutcome.Expired.class,
        attribute("83.206.36.230", 1234, Instant.parse("2025-11-29T09:59:59Z")));
    assertEquals(LocalDate.of(2026, 11, 29), expired.expiredOn());
    assertInstanceOf(AttributionOutcome.France.class,
        attribute("83.206.36.230", 1234, Instant.parse("2025-11-29T10:00:01Z")));
    // Expired wins over "port needed": asking for the port would not help either.
    assertInstanceOf(AttributionOutcome.Expired.class,
        attribute("198.51.100.20", null, Instant.parse("2024-01-01T00:00:00Z")));
    // An operator that keeps less than the law allows: its own period applies.
    var shortMemory = assertInstanceOf(AttributionOutcome.Expired.class,
        attribute("1.128.0.1", 1, Instant.parse("2026-10-01T00:00:00Z")));
    assertEquals(LocalDate.of(2026, 10, 31), shortMemory.expiredOn());
  }

  @Test
  void everythingElseSaysWhy() {
    assertEquals(UnattributedReason.NO_TIME, ((AttributionOutcome.Unattributed)
        attribute("83.206.36.230", 1, null)).why());
    assertEquals(UnattributedReason.INVALID_ADDRESS, ((AttributionOutcome.Unattributed)
        attribute("example.org", 1, RECENT)).why());
    assertEquals(UnattributedReason.PRIVATE_ADDRESS, ((AttributionOutcome.Unattributed)
        attribute("192.168.1.10", 1, RECENT)).why());
    assertEquals(UnattributedReason.SHARED_ADDRESS_SPACE, ((AttributionOutcome.Unattributed)
        attribute("100.70.1.2", 1, RECENT)).why());
    var frenchUnknown = (AttributionOutcome.Unattributed) attribute("2a02:cfc0::1", 1, RECENT);
    assertEquals(UnattributedReason.FRENCH_UNKNOWN_OPERATOR, frenchUnknown.why());
    var bouygues = (AttributionOutcome.Unattributed) attribute("89.80.1.1", 1, RECENT);
    assertEquals(UnattributedReason.NO_COUNTRY, bouygues.why(), bouygues.reason());
    assertTrue(bouygues.detail().startsWith("AS5410"), bouygues.detail());
  }

  @Test
  void withoutDatabasesTheReasonSaysSoAndCgnatStillWorks() {
    GeoIp none = GeoIp.open(Path.of("/nonexistent/geoip"));
    assertFalse(none.available());
    IpAttributor blind = new IpAttributor(none, directory(), Duration.ofDays(365));
    var outcome = assertInstanceOf(AttributionOutcome.Unattributed.class,
        blind.attribute(new IpEventFacts("83.206.36.230", 1, RECENT), NOW));
    assertEquals(UnattributedReason.NO_GEOIP_DATABASE, outcome.why());
    assertTrue(outcome.reason().contains("no GeoIP database"), outcome.reason());
    assertTrue(outcome.detail().contains("/nonexistent/geoip"), outcome.detail());
    assertInstanceOf(AttributionOutcome.France.class,
        blind.attribute(new IpEventFacts("198.51.100.1", 2, RECENT), NOW));
    assertEquals("no GeoIP database: vigie.geoip.dir (VIGIE_GEOIP_DIR) is not set",
        GeoIp.open(null).status());
  }

  @Test
  void addressesAndBlocksParseStrictly() {
    assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("256.1.1.1"));
    assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("1.2.3"));
    assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("localhost"));
    assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse("198.51.100.1/24"));
    assertTrue(CidrBlock.parse("2001:db8::/32").contains(IpAddress.parse("2001:db8:1::5")));
    assertFalse(CidrBlock.parse("2001:db8::/32").contains(IpAddress.parse("2001:db9::5")));
    assertFalse(CidrBlock.parse("0.0.0.0/0").contains(IpAddress.parse("::1")));
    assertTrue(CidrBlock.parse("0.0.0.0/0").contains(IpAddress.parse("203.0.113.9")));
  }

  @Test
  void addressesPrintAsIntakeStoresThem() {
    assertEquals("2001:db8::5", IpAddress.parse("2001:DB8:0:0:0:0:0:5").toString());
    assertEquals("2001:db8:0:1::", IpAddress.parse("2001:db8:0:1:0:0:0:0").toString());
    assertEquals("2001:0:0:1::1", IpAddress.parse("2001:0:0:1:0:0:0:1").toString());
    assertEquals("::1", IpAddress.parse("::1").toString());
    assertEquals("::", IpAddress.parse("::").toString());
    assertEquals("2001:db8:1:2:3:4:5:6", IpAddress.parse("2001:db8:1:2:3:4:5:6").toString());
    assertEquals("192.0.2.7", IpAddress.parse("::ffff:192.0.2.7").toString());
    assertEquals("2001:db8::1:0:0:1", IpAddress.parse("2001:db8:0:0:1:0:0:1").toString());
  }
}
