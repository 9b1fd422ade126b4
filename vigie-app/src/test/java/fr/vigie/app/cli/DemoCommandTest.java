package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.demo.DemoGeoIp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @Test
  void withoutVigieGeoIpDirTheDemoUsesItsOwnFilesInItsDataFolder(@TempDir Path home)
      throws Exception {
    Map<String, Object> properties = DemoCommand.properties(home, null);
    Path folder = home.resolve("demo-geoip");
    assertEquals(Map.of("vigie.demo.enabled", "true", "vigie.geoip.dir", folder), properties);
    assertTrue(Files.size(folder.resolve(DemoGeoIp.COUNTRY_FILE)) > 0);
    assertTrue(Files.size(folder.resolve(DemoGeoIp.ASN_FILE)) > 0);
    long written = Files.getLastModifiedTime(folder.resolve(DemoGeoIp.ASN_FILE)).toMillis();
    Files.setLastModifiedTime(folder.resolve(DemoGeoIp.ASN_FILE),
        java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
    DemoCommand.properties(home, "");
    assertEquals(written - 60_000,
        Files.getLastModifiedTime(folder.resolve(DemoGeoIp.ASN_FILE)).toMillis(),
        "the same bytes are not written again at the next start");
  }

  @Test
  void theUsersMaxMindFilesWin(@TempDir Path home) {
    assertEquals(Map.of("vigie.demo.enabled", "true"),
        DemoCommand.properties(home, "/srv/geoip"));
    assertFalse(Files.exists(home.resolve("demo-geoip")));
  }
}
