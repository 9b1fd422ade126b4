package fr.vigie.app.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every browser test shares: Chromium installed (else skipped, or failed when strict), a
 * fresh embedded database, a fresh headless browser for each test, quit after it with a
 * screenshot of the last page in {@code target/screenshots/<test class>.png}, and the server's
 * address. Subclasses carry their own {@code @SpringBootTest} (a random port on 127.0.0.1).
 */
public abstract class BrowserTest {

  @LocalServerPort
  protected int port;

  protected ChromeDriver browser;

  @BeforeAll
  protected static void needsChromium() {
    Browser.requireChromium();
  }

  @DynamicPropertySource
  protected static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @BeforeEach
  protected void openBrowser() throws IOException {
    browser = Browser.start();
  }

  @AfterEach
  protected void closeBrowser() throws IOException {
    if (browser != null) {
      Path shots = Path.of("target", "screenshots");
      Files.createDirectories(shots);
      Files.write(shots.resolve(getClass().getSimpleName() + ".png"),
          browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
  }

  /** The address of {@code path} on the server under test. */
  protected String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
