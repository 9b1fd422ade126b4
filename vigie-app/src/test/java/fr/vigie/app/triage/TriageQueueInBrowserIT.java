package fr.vigie.app.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.demo.DemoAccounts;
import fr.vigie.app.matching.MediaMatching;
import fr.vigie.app.support.Browser;
import fr.vigie.app.support.SignIn;
import fr.vigie.app.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Lyon investigator walks their queue with the keyboard (j, j, Enter) to the second suspect and
 * finds its risk section; the script runs under the real CSP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=300",
        "server.address=127.0.0.1", "vigie.jobs.worker-enabled=false"})
class TriageQueueInBrowserIT {

  @LocalServerPort
  int port;

  @Autowired
  MediaMatching matching;

  @Autowired
  TriageRescoring rescoring;

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
    matching.matchAll();
    rescoring.rescoreAll();
    browser = Browser.start();
  }

  @AfterEach
  void closeBrowser() throws Exception {
    if (browser != null) {
      Path shots = Path.of("target", "screenshots");
      Files.createDirectories(shots);
      Files.write(shots.resolve("triage-queue.png"), browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
  }

  @Test
  void theKeyboardWalksTheQueueToASuspectsRiskSection() {
    DemoAccounts.Account lyon = SignIn.demo("enqueteur.lyon");
    Browser.signIn(browser, "http://127.0.0.1:" + port, lyon);

    browser.get("http://127.0.0.1:" + port + "/file-attente");
    assertTrue(browser.getTitle().startsWith("File d’attente"), browser.getTitle());
    List<WebElement> rows = browser.findElements(By.cssSelector("#queue tbody tr"));
    assertTrue(rows.size() >= 2, "the Lyon queue has suspects");
    String second = rows.get(1).getAttribute("data-href");

    new Actions(browser).sendKeys("j").sendKeys("j").perform();
    assertEquals("true", rows.get(1).getAttribute("aria-selected"), "j moved to the second row");
    new Actions(browser).sendKeys("k").sendKeys("j").sendKeys(Keys.ENTER).perform();

    Browser.awaitUrl(browser, ".*" + java.util.regex.Pattern.quote(second) + "$");
    assertTrue(browser.findElement(By.id("risque")).getText().contains("Évaluation du risque"));
    assertTrue(browser.findElements(By.cssSelector("#risk-factors tbody tr")).size()
        == Factor.values().length);
  }
}
