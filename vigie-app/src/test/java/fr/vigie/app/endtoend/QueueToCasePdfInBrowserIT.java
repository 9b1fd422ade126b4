package fr.vigie.app.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.matching.MediaMatching;
import fr.vigie.app.support.Browser;
import fr.vigie.app.support.BrowserTest;
import fr.vigie.app.support.SignIn;
import fr.vigie.app.triage.TriageRescoring;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 7's browser walk: the central office's analyst opens the national queue, goes to the
 * suspect at its top, opens a case from the suspect's page and downloads the case file PDF.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=300",
        "server.address=127.0.0.1", "vigie.jobs.worker-enabled=false"})
class QueueToCasePdfInBrowserIT extends BrowserTest {

  @Autowired
  MediaMatching matching;

  @Autowired
  TriageRescoring rescoring;

  @BeforeEach
  void runWhatTheWorkerWould() {
    // The worker is off: run what it would have run on the demo data (matching, scoring).
    matching.matchAll();
    rescoring.rescoreAll();
  }

  @Test
  void fromTheNationalQueueToACaseFilePdf() {
    var account = SignIn.demo("analyste");
    Browser.signIn(browser, url(""), account);

    browser.get(url("/file-attente"));
    assertTrue(browser.getTitle().startsWith("File d’attente"), browser.getTitle());
    List<WebElement> rows = browser.findElements(By.cssSelector("#queue tbody tr"));
    assertFalse(rows.isEmpty(), "the national queue lists the demo's suspects");
    String tier = rows.get(0).findElement(By.cssSelector(".tier")).getText();
    assertTrue(List.of("P1", "P2", "P3").contains(tier), tier);
    // The demo has already opened cases for some suspects, and a suspect is in one open case
    // at most: follow the queue down to the first suspect that is in none.
    int row = 0;
    while (true) {
      rows = browser.findElements(By.cssSelector("#queue tbody tr"));
      assertTrue(row < Math.min(rows.size(), 30), "a suspect in no case near the top of the queue");
      String suspectHref = rows.get(row).getDomAttribute("data-href");
      rows.get(row).findElement(By.cssSelector("a[href^='/suspects/']")).click();
      Browser.awaitUrl(browser, ".*" + java.util.regex.Pattern.quote(suspectHref) + "$");
      if (!browser.findElements(By.id("no-case")).isEmpty()) {
        break;
      }
      browser.navigate().back();
      Browser.awaitUrl(browser, ".*/file-attente$");
      row++;
    }
    assertTrue(browser.findElement(By.id("risque")).getText().contains("Évaluation du risque"));
    browser.findElement(By.id("open-case")).click();
    Browser.awaitUrl(browser, ".*/dossiers/\\d+$");
    String reference = browser.findElement(By.id("case-reference")).getText();
    assertTrue(reference.startsWith("D-"), reference);
    assertEquals("ouvert", browser.findElement(By.id("status")).getText());

    String href = browser.findElement(By.id("export-pdf")).getDomAttribute("href");
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    Object download = browser.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'})
          .then(r => Promise.all([r.headers.get('content-type'), r.arrayBuffer()]))
          .then(([type, b]) => done(type + ' ' + b.byteLength + ' '
              + String.fromCharCode(...new Uint8Array(b).slice(0, 4))))
          .catch(e => done('error ' + e));
        """, href);
    String[] parts = download.toString().split(" ");
    assertTrue(parts[0].startsWith("application/pdf"), download.toString());
    assertTrue(Integer.parseInt(parts[1]) > 1000, download.toString());
    assertEquals("%PDF", parts[2], download.toString());
  }
}
