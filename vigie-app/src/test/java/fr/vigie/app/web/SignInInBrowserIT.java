package fr.vigie.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.demo.DemoAccounts;
import fr.vigie.app.intake.Reports;
import fr.vigie.app.support.Browser;
import fr.vigie.app.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A real browser signs in with a demo account and reads the dashboard's counts. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=1500", "server.address=127.0.0.1"})
class SignInInBrowserIT {

  @LocalServerPort
  int port;

  @Autowired
  Reports reports;

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
      Files.write(shots.resolve("dashboard.png"), browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
  }

  @Test
  void signsInAndSeesTheSeededCountsOnTheDashboard() {
    browser.get("http://127.0.0.1:" + port + "/");
    assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
    assertEquals("Connexion — Vigie", browser.getTitle());

    DemoAccounts.Account analyst = DemoAccounts.ALL.get(1);
    browser.findElement(By.id("username")).sendKeys(analyst.username());
    browser.findElement(By.id("password")).sendKeys(analyst.password());
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    assertEquals("Tableau de bord — Vigie", browser.getTitle());
    String shown = browser.findElement(By.cssSelector("#count-reports .figure")).getText();
    assertEquals(reports.counts().reports(), Long.parseLong(shown.replaceAll("\\s", "")));
    assertEquals(1500, reports.counts().reports());
    String media = browser.findElement(By.cssSelector("#count-media .figure")).getText();
    assertEquals(reports.counts().media(), Long.parseLong(media.replaceAll("\\s", "")));

    // Keyboard: the navigation carries access keys, and the language switch works.
    assertEquals("2", browser.findElement(By.cssSelector("a[href='/signalements']"))
        .getDomAttribute("accesskey"));
    browser.findElement(By.linkText("EN")).click();
    assertEquals("Dashboard — Vigie", browser.getTitle());
  }
}
