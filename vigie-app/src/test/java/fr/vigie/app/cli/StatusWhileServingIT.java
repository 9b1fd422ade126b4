package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.intake.Reports;
import fr.vigie.app.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A second {@code vigie} process works on the embedded database while the server holds it open:
 * both use the one embedded PostgreSQL of the data folder, which the server started.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=120", "server.address=127.0.0.1"})
class StatusWhileServingIT {

  static Path home;

  @Autowired
  Reports reports;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    // The same file URL that ./vigie derives from its home folder.
    home = TestDatabases.useEmbeddedHome(registry);
  }

  @Test
  void anotherProcessReadsTheDatabaseTheServerHasOpen() throws Exception {
    assertEquals(120, reports.counts().reports());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(List.of(java.toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        VigieCommand.class.getName(), "status", "--home", home.toString()))
        .redirectErrorStream(true)
        .start();
    String output;
    try {
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "vigie status did not finish");
    } finally {
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.destroyForcibly();
    }
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("reports:         120"), output);
    assertTrue(output.contains("départements:    101"), output);
  }
}
