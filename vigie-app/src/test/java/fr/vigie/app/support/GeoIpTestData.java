package fr.vigie.app.support;

import fr.vigie.testing.SharedData;
import org.springframework.test.context.DynamicPropertyRegistry;

/** MaxMind's test databases (the shared reference data's {@code geoip/}) for attribution. */
public final class GeoIpTestData {

  private GeoIpTestData() {}

  /**
   * Points attribution at the test databases and turns the job worker off, so that the tests run
   * the queued jobs themselves instead of racing it.
   */
  public static void register(DynamicPropertyRegistry registry) {
    registry.add("vigie.geoip.dir", () -> SharedData.path("geoip").toString());
    registry.add("vigie.jobs.worker-enabled", () -> "false");
  }
}
