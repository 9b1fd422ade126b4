package fr.vigie.app.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.Browser;
import fr.vigie.app.support.SignIn;
import fr.vigie.app.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real browser: an analyst signs in, goes from the suspects to one suspect, opens a case, and
 * downloads its PDF; the search box answers to "/".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=200", "server.address=127.0.0.1"})
class CaseInBrowserIT {

  @LocalServerPort
  int port;

  ChromeDriver browser;

  @BeforeAll
  static void needsChromium() {
    Browser.requireChromium();
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshH2(registry);
  }

  @BeforeEach
  void openBrowser() throws Exception {
    browser = Browser.start();
  }

  @AfterEach
  void closeBrowser() throws Exception {
    if (browser != null) {
      Path shots = Path.of("target", "screenshots");
      Files.createDirectories(shots);
      Files.write(shots.resolve("case-last-page.png"), browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Test
  void opensACaseFromASuspectAndDownloadsItsPdf() {
    var account = SignIn.demo("analyste");
    Browser.signIn(browser, url(""), account);

    // The national queue when triage provides it, else the suspects list.
    browser.get(url("/suspects"));
    browser.findElement(By.cssSelector("main a[href^='/suspects/']")).click();
    Browser.awaitUrl(browser, ".*/suspects/\\d+$");
    browser.findElement(By.id("open-case")).click();
    Browser.awaitUrl(browser, ".*/dossiers/\\d+$");
    String reference = browser.findElement(By.id("case-reference")).getText();
    assertTrue(reference.startsWith("D-"), reference);
    assertEquals("ouvert", browser.findElement(By.id("status")).getText());

    String href = browser.findElement(By.id("export-pdf")).getDomAttribute("href");
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    Object head = browser.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'})
          .then(r => r.arrayBuffer())
          .then(b => done(String.fromCharCode(...new Uint8Array(b).slice(0, 4))))
          .catch(e => done('error ' + e));
        """, href);
    assertEquals("%PDF", head);

    // "/" focuses the search box; the case is found by its reference.
    browser.findElement(By.tagName("body")).sendKeys("/");
    assertEquals("shell-q", browser.switchTo().activeElement().getDomAttribute("id"));
    browser.switchTo().activeElement().sendKeys(reference, Keys.ENTER);
    Browser.awaitUrl(browser, ".*/recherche\\?q=.*");
    assertTrue(browser.findElement(By.id("hits-cases")).getText().contains(reference));
  }
}
