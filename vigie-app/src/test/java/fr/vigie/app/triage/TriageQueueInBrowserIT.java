package fr.vigie.app.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.demo.DemoAccounts;
import fr.vigie.app.matching.MediaMatching;
import fr.vigie.app.support.Browser;
import fr.vigie.app.support.BrowserTest;
import fr.vigie.app.support.SignIn;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A Lyon investigator walks their queue with the keyboard (j, j, Enter) to the second suspect and
 * finds its risk section; the script runs under the real CSP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=300",
        "server.address=127.0.0.1", "vigie.jobs.worker-enabled=false"})
class TriageQueueInBrowserIT extends BrowserTest {

  @Autowired
  MediaMatching matching;

  @Autowired
  TriageRescoring rescoring;

  @BeforeEach
  void runWhatTheWorkerWould() {
    matching.matchAll();
    rescoring.rescoreAll();
  }

  @Test
  void theKeyboardWalksTheQueueToASuspectsRiskSection() {
    DemoAccounts.Account lyon = SignIn.demo("enqueteur.lyon");
    Browser.signIn(browser, url(""), lyon);

    browser.get(url("/file-attente"));
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
