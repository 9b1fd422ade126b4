package fr.vigie.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.attribution.Attribution;
import fr.vigie.app.attribution.AttributionOverview;
import fr.vigie.app.attribution.AttributionRun;
import fr.vigie.app.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo's IP events, attributed with the demo's own GeoIP files and the operators' seed, end
 * where real ones would: most in France with an operator, a few abroad, a few French with an
 * operator nobody knows, none for want of a GeoIP database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = "vigie.demo.enabled=true")
class DemoAttributionIT {

  static Path geoIp;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) throws IOException {
    TestDatabases.useFreshDatabase(registry);
    geoIp = DemoGeoIp.writeTo(Files.createTempDirectory("vigie-demo-geoip"));
    registry.add("vigie.geoip.dir", geoIp::toString);
  }

  @AfterAll
  static void removeFiles() throws IOException {
    for (String name : new String[] {DemoGeoIp.COUNTRY_FILE, DemoGeoIp.ASN_FILE}) {
      Files.deleteIfExists(geoIp.resolve(name));
    }
    Files.deleteIfExists(geoIp);
  }

  @Autowired
  Attribution attribution;

  @Test
  void mostDemoEventsEndInFranceWithAnOperator() {
    AttributionRun run = attribution.attributeAll();
    Map<String, Long> outcomes = run.byOutcome();
    long all = outcomes.values().stream().mapToLong(Long::longValue).sum();
    long withOperator = outcomes.getOrDefault("FRANCE", 0L)
        + outcomes.getOrDefault("PORT_NEEDED", 0L) + outcomes.getOrDefault("EXPIRED", 0L);
    assertTrue(all > 500, "the demo has IP events: " + outcomes);
    assertTrue(withOperator >= all * 90 / 100, "90 % or more with an operator: " + outcomes);
    assertTrue(outcomes.getOrDefault("FRANCE", 0L) > all / 2, outcomes.toString());
    assertTrue(outcomes.getOrDefault("FOREIGN", 0L) > 0, "a few abroad: " + outcomes);

    AttributionOverview overview = attribution.overview();
    assertTrue(overview.geoIpStatus().contains(DemoGeoIp.COUNTRY_FILE)
        && overview.geoIpStatus().contains(DemoGeoIp.ASN_FILE), overview.geoIpStatus());
    assertEquals(null, overview.unattributedByReason().get("NO_GEOIP_DATABASE"));
    assertTrue(overview.unattributedByReason().getOrDefault("FRENCH_UNKNOWN_OPERATOR", 0L) > 0,
        "the demo shows a French address whose operator is not in the directory: "
            + overview.unattributedByReason());
    assertEquals(Map.of("BE", outcomes.get("FOREIGN")), overview.foreignByCountry());
    assertTrue(overview.pendingByOperator().size() >= 4,
        "events at most of the seeded operators: " + overview.pendingByOperator());
  }

  @Test
  void twoRunsAtOnceEndAsOne() throws Exception {
    // The server's job and ./vigie attribution run may overlap: neither may fail.
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<AttributionRun>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(two.submit(() -> {
          start.await();
          return attribution.attributeAll();
        }));
      }
      start.countDown();
      Map<String, Long> first = runs.get(0).get(2, TimeUnit.MINUTES).byOutcome();
      assertEquals(first, runs.get(1).get(2, TimeUnit.MINUTES).byOutcome());
      assertEquals(first, attribution.overview().byOutcome());
    } finally {
      two.shutdownNow();
    }
  }
}
