package fr.vigie.app.support;

import fr.vigie.app.demo.DemoAccounts;
import fr.vigie.app.security.Totp;
import fr.vigie.testing.Strictness;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through chromedriver, for browser tests. Skipped with one line
 * when Chromium is not installed (failed instead under VIGIE_TEST_STRICT).
 */
public final class Browser {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  /** Skips (or fails, when strict) unless Chromium and chromedriver are installed. */
  public static void requireChromium() {
    Strictness.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Browser tests skipped: install Debian's chromium and chromium-driver "
            + "(apt-get install -y chromium chromium-driver) to run them.");
  }

  /** Starts a fresh headless browser with its own empty profile; quit it when done. */
  public static ChromeDriver start() throws java.io.IOException {
    Path profile = Files.createTempDirectory("vigie-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--window-size=1280,900", "--lang=fr-FR",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /**
   * Waits until the page after a form post has loaded and bears {@code title}; a click that
   * submits a form may return before the next page has replaced the current one.
   */
  public static void awaitTitle(WebDriver driver, String title) {
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.titleIs(title));
  }

  /** Waits until the current address matches {@code regex} (after a click that navigates). */
  public static String awaitUrl(WebDriver driver, String regex) {
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(regex));
    return driver.getCurrentUrl();
  }

  /**
   * Signs a demo account in through the pages (password, then the TOTP code of this instant) and
   * waits for the dashboard.
   *
   * @param baseUrl e.g. {@code http://127.0.0.1:PORT}
   */
  public static void signIn(WebDriver driver, String baseUrl, DemoAccounts.Account account) {
    driver.get(baseUrl + "/");
    driver.findElement(By.id("username")).sendKeys(account.username());
    driver.findElement(By.id("password")).sendKeys(account.password());
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    // The click may return before the code page has replaced the password page.
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("code")))
        .sendKeys(Totp.code(account.totpSecret(), Totp.step(Instant.now())));
    driver.findElement(By.cssSelector("form[action='/login/totp'] button.primary")).click();
    awaitTitle(driver, "Tableau de bord — Vigie");
  }
}
