package fr.vigie.app.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.Browser;
import fr.vigie.app.support.BrowserTest;
import fr.vigie.app.support.SignIn;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A real browser: an analyst signs in, goes from the suspects to one suspect, opens a case, and
 * downloads its PDF; the search box answers to "/".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=200", "server.address=127.0.0.1"})
class CaseInBrowserIT extends BrowserTest {

  @Test
  void opensACaseFromASuspectAndDownloadsItsPdf() {
    var account = SignIn.demo("analyste");
    Browser.signIn(browser, url(""), account);

    // The national queue when triage provides it, else the suspects list.
    browser.get(url("/suspects"));
    // A suspect is in one open case at most and the demo opened some: take the first in none.
    int row = 0;
    while (true) {
      List<WebElement> links =
          browser.findElements(By.cssSelector("#suspects a[href^='/suspects/']"));
      assertTrue(row < Math.min(links.size(), 30), "a suspect in no case near the top of the list");
      links.get(row).click();
      Browser.awaitUrl(browser, ".*/suspects/\\d+$");
      if (!browser.findElements(By.id("no-case")).isEmpty()) {
        break;
      }
      browser.navigate().back();
      Browser.awaitUrl(browser, ".*/suspects$");
      row++;
    }
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
