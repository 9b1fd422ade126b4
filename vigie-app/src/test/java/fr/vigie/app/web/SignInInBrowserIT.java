package fr.vigie.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.demo.DemoAccounts;
import fr.vigie.app.intake.Reports;
import fr.vigie.app.security.Totp;
import fr.vigie.app.support.Browser;
import fr.vigie.app.support.BrowserTest;
import fr.vigie.app.support.SignIn;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** A real browser signs in with a demo account and reads the dashboard's counts. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=1500", "server.address=127.0.0.1"})
class SignInInBrowserIT extends BrowserTest {

  @Autowired
  Reports reports;

  private void signIn(DemoAccounts.Account account) {
    browser.get(url("/"));
    assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
    assertEquals("Connexion — Vigie", browser.getTitle());
    browser.findElement(By.id("username")).sendKeys(account.username());
    browser.findElement(By.id("password")).sendKeys(account.password());
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    // Second factor: what the person's authenticator app shows now.
    Browser.awaitTitle(browser, "Deuxième facteur — Vigie");
    browser.findElement(By.id("code"))
        .sendKeys(Totp.code(account.totpSecret(), Totp.step(Instant.now())));
    browser.findElement(By.cssSelector("form[action='/login/totp'] button.primary")).click();
  }

  @Test
  void signsInWithPasswordAndTotpAndSeesTheSeededCountsOnTheDashboard() {
    signIn(SignIn.demo("analyste"));
    Browser.awaitTitle(browser, "Tableau de bord — Vigie");
    String shown = browser.findElement(By.cssSelector("#count-reports .figure")).getText();
    assertEquals(reports.counts().reports(), Long.parseLong(shown.replaceAll("\\s", "")));
    assertEquals(1500, reports.counts().reports());
    String events = browser.findElement(By.cssSelector("#count-ip-events .figure")).getText();
    assertEquals(reports.counts().ipEvents(), Long.parseLong(events.replaceAll("\\s", "")));

    // Keyboard: the navigation carries access keys, and the language switch works.
    assertEquals("2", browser.findElement(By.cssSelector("a[href='/signalements']"))
        .getDomAttribute("accesskey"));
    browser.findElement(By.linkText("EN")).click();
    Browser.awaitTitle(browser, "Dashboard — Vigie");
  }

  @Test
  void anInvestigatorIsRefusedAPageOutsideTheirRole() {
    signIn(SignIn.demo("enqueteur.lyon"));
    Browser.awaitTitle(browser, "Tableau de bord — Vigie");
    assertTrue(browser.findElements(By.cssSelector("a[href='/administration']")).isEmpty(),
        "the navigation does not offer what the role may not open");
    browser.get(url("/administration"));
    assertTrue(browser.getPageSource().contains("Vous n’avez pas accès à cette page."),
        browser.getPageSource());
    assertTrue(browser.findElement(By.tagName("h1")).getText().contains("403"));
  }
}
