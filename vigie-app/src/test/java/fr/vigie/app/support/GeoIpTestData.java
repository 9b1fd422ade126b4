package fr.vigie.app.support;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** MaxMind's test databases (copied into the test resources under /geoip) for attribution. */
public final class GeoIpTestData {

  private GeoIpTestData() {}

  /**
   * Points attribution at the test databases and turns the job worker off, so that the tests run
   * the queued jobs themselves instead of racing it.
   */
  public static void register(DynamicPropertyRegistry registry) {
    registry.add("vigie.geoip.dir", () -> {
      try {
        return Path.of(GeoIpTestData.class.getResource("/geoip/GeoLite2-ASN-Test.mmdb").toURI())
            .getParent().toString();
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    });
    registry.add("vigie.jobs.worker-enabled", () -> "false");
  }
}
