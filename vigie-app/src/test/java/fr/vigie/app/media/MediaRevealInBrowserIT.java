package fr.vigie.app.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.demo.DemoAccounts;
import fr.vigie.app.support.Browser;
import fr.vigie.app.support.BrowserTest;
import fr.vigie.app.support.SignIn;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real browser, keyboard only: open the reveal form, type a reason, see the picture in clear,
 * and see it hidden again by itself after the configured time (3 s here), or at once on Escape;
 * the link it came through no longer works.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=40", "vigie.demo.images=3",
        "vigie.media.reveal-for=3s", "server.address=127.0.0.1"})
class MediaRevealInBrowserIT extends BrowserTest {

  @Autowired
  JdbcClient jdbc;

  private void signIn(DemoAccounts.Account account) {
    Browser.signIn(browser, url(""), account);
  }

  private long naturalWidth(WebElement image) {
    return ((Number) browser.executeScript("return arguments[0].naturalWidth;", image))
        .longValue();
  }

  /** Opens the form with the keyboard, types the reason, submits with Enter on the button. */
  /**
   * Opens the media page, asks to reveal from the keyboard with a reason, and returns the
   * picture once the page the submit leads to shows it (the key press returns before that page
   * has loaded, more so on a busy machine).
   */
  private WebElement revealWithKeyboard(long mediaId) {
    browser.get(url("/media/" + mediaId));
    WebElement summary = browser.findElement(By.cssSelector("details.reveal summary"));
    summary.sendKeys(Keys.ENTER);
    WebElement reason = browser.findElement(By.id("reason"));
    assertTrue(reason.isDisplayed(), "the form opens from the keyboard");
    reason.sendKeys("Contrôle du classement avant transmission au parquet");
    browser.findElement(By.cssSelector("details.reveal button[type=submit]"))
        .sendKeys(Keys.ENTER);
    return new WebDriverWait(browser, Duration.ofSeconds(15)).until(
        ExpectedConditions.presenceOfElementLocated(By.id("revealed-image")));
  }

  @Test
  void revealsOnePictureWithAReasonAndHidesItAgainByItself() throws Exception {
    signIn(SignIn.demo("analyste"));
    List<Long> ids = jdbc.sql("select id from media where content_ref is not null order by id")
        .query(Long.class).list();
    browser.get(url("/media/" + ids.get(0)));
    WebElement blurred = browser.findElement(By.cssSelector("#blurred img"));
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> naturalWidth(blurred) > 0);
    assertTrue(browser.findElements(By.id("revealed")).isEmpty(), "nothing in clear at first");

    WebElement clear = revealWithKeyboard(ids.get(0));
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> naturalWidth(clear) > 0);
    assertTrue(clear.isDisplayed());
    assertFalse(browser.findElement(By.id("blurred")).isDisplayed(),
        "the blurred thumbnail steps aside while the picture is shown");
    String link = clear.getDomAttribute("src");
    assertTrue(link.startsWith("/media/revelation/"), link);

    // Hidden again by itself after the configured 3 s.
    new WebDriverWait(browser, Duration.ofSeconds(8)).until(
        d -> d.findElements(By.id("revealed-image")).isEmpty());
    assertTrue(browser.findElement(By.id("reveal-hidden")).isDisplayed());
    assertTrue(browser.findElement(By.id("blurred")).isDisplayed());
    Object status = browser.executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + "fetch(arguments[0]).then(function (r) { done(r.status); });", link);
    assertEquals(404L, ((Number) status).longValue(), "the link worked once");
    assertEquals(1L, jdbc.sql("""
        select count(*) from audit_log where action = 'REVEAL_MEDIA' and actor = 'analyste'
          and object_id = ?
        """).param(Long.toString(ids.get(0))).query(Long.class).single());

    // Escape hides at once.
    WebElement second = revealWithKeyboard(ids.get(1));
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> naturalWidth(second) > 0);
    browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
    new WebDriverWait(browser, Duration.ofSeconds(1)).until(
        d -> d.findElements(By.id("revealed-image")).isEmpty());
  }
}
