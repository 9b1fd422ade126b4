package fr.vigie.app.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.demo.DemoAccounts;
import fr.vigie.app.support.Browser;
import fr.vigie.app.support.BrowserTest;
import fr.vigie.app.support.SignIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * An analyst types in a report received by phone in a real browser, first with a time without
 * its offset (refused beside the field), then corrected; the report is then in the list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=60", "server.address=127.0.0.1",
        "vigie.jobs.worker-enabled=false"})
class IntakeInBrowserIT extends BrowserTest {

  private void waitFor(By element) {
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.presenceOfElementLocated(element));
  }

  private void signIn(DemoAccounts.Account account) {
    Browser.signIn(browser, url(""), account);
  }

  @Test
  void anAnalystTypesInAReportAndFindsItInTheList() {
    signIn(SignIn.demo("analyste"));
    browser.findElement(By.cssSelector("a[href='/signalements']")).click();
    Browser.awaitTitle(browser, "Signalements — Vigie");
    browser.findElement(By.cssSelector("a[href='/signalements/nouveau']")).click();
    Browser.awaitTitle(browser, "Saisir un signalement — Vigie");

    browser.findElement(By.id("externalRef")).sendKeys("TEL-2026-0007");
    new Select(browser.findElement(By.id("incidentType"))).selectByValue("ONLINE_ENTICEMENT");
    browser.findElement(By.id("incidentTime")).sendKeys("2026-11-27T21:15");
    browser.findElement(By.id("screenName")).sendKeys("pseudo_exemple");
    browser.findElement(By.id("platform")).sendKeys("ExampleChat");
    browser.findElement(By.id("ip")).sendKeys("198.51.100.23");
    browser.findElement(By.id("port")).sendKeys("40123");
    // Enter in a field submits the form: no mouse needed.
    browser.findElement(By.id("ipTime")).sendKeys("2026-11-27T21:14:00+01:00", Keys.ENTER);

    // Submitting, like clicking, may return before the next page has loaded: wait for it.
    waitFor(By.id("incidentTime-error"));
    assertEquals("Saisir un signalement — Vigie", browser.getTitle(), "refused: no offset");
    assertTrue(browser.findElement(By.id("incidentTime-error")).getText()
        .contains("Indiquez le décalage"));
    assertEquals("true", browser.findElement(By.id("incidentTime")).getDomAttribute(
        "aria-invalid"));
    assertEquals("TEL-2026-0007", browser.findElement(By.id("externalRef"))
        .getDomProperty("value"), "what was typed is kept");

    browser.findElement(By.id("incidentTime")).clear();
    browser.findElement(By.id("incidentTime")).sendKeys("2026-11-27T21:15+01:00");
    browser.findElement(By.id("save")).click();

    waitFor(By.id("ip-events"));
    assertEquals("Signalement SAISIE TEL-2026-0007 — Vigie", browser.getTitle());
    assertTrue(browser.findElement(By.cssSelector("#ip-events")).getText()
        .contains("2026-11-27 20:14:00 UTC"), browser.findElement(By.id("ip-events")).getText());
    assertTrue(browser.findElement(By.cssSelector("#ip-events")).getText()
        .contains("2026-11-27 21:14:00 +01:00"));

    browser.get(url("/signalements"));
    new Select(browser.findElement(By.id("source"))).selectByValue("SAISIE");
    browser.findElement(By.cssSelector("form.filters button.primary")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.urlContains("source=SAISIE"));
    waitFor(By.id("reports"));
    var rows = browser.findElements(By.cssSelector("#reports tbody tr"));
    assertEquals(1, rows.size());
    assertTrue(rows.getFirst().getText().contains("TEL-2026-0007"), rows.getFirst().getText());
    rows.getFirst().findElement(By.linkText("TEL-2026-0007")).click();
    waitFor(By.id("ip-events"));
    assertEquals("Signalement SAISIE TEL-2026-0007 — Vigie", browser.getTitle());
  }

  @Test
  void anAnalystSendsAFileFromTheImportsPageAndLandsOnItsJob() throws Exception {
    Path example = Path.of("..", "docs", "examples", "reports.jsonl").toAbsolutePath()
        .normalize();
    assertTrue(Files.isRegularFile(example), example.toString());
    // Another account than the other test's: a TOTP code is accepted once per account.
    signIn(SignIn.demo("superviseur"));
    browser.get(url("/imports"));
    waitFor(By.id("upload"));

    browser.findElement(By.id("file")).sendKeys(example.toString());
    Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(Path.of("target", "screenshots", "imports-upload.png"),
        browser.getScreenshotAs(OutputType.BYTES));
    browser.findElement(By.cssSelector("#upload button.primary")).click();

    String job = Browser.awaitUrl(browser, ".*/imports/\\d+$");
    waitFor(By.cssSelector("main .notice"));
    assertTrue(browser.findElement(By.cssSelector("main .notice")).getText()
        .contains("en file d’import"), browser.findElement(By.cssSelector("main")).getText());
    assertTrue(browser.findElement(By.tagName("main")).getText().contains("reports.jsonl"),
        job);
  }
}
