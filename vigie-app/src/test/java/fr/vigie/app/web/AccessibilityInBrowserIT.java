package fr.vigie.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.demo.DemoAccounts;
import fr.vigie.app.support.Browser;
import fr.vigie.app.support.BrowserTest;
import fr.vigie.app.support.SignIn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * axe-core (Deque's accessibility engine, run inside Chromium) over the pages each role works
 * with: every section of its navigation and the first record of each list (a report, a suspect,
 * a case...). A serious or critical violation of WCAG 2.1 A/AA fails the test, naming the page,
 * the rule and the elements; lesser ones are printed, not counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=300",
        "server.address=127.0.0.1", "vigie.jobs.worker-enabled=false"})
class AccessibilityInBrowserIT extends BrowserTest {

  /** Lists whose first record is a page of its own worth checking. */
  private static final List<String> LISTS = List.of("/signalements", "/suspects", "/dossiers",
      "/requisitions", "/operations", "/imports", "/empreintes", "/file-attente");

  private static final String AXE = axeSource();

  /** One violation in the test's words: page, impact, rule and where. */
  record Violation(String page, String impact, String rule, String help, String targets) {
    @Override
    public String toString() {
      return page + " — " + impact + " " + rule + " (" + help + ") at " + targets;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "analyste", "superviseur", "enqueteur.lyon", "auditeur"})
  void theMainPagesOfEachRoleHaveNoSeriousOrCriticalViolation(String username) {
    DemoAccounts.Account account = SignIn.demo(username);
    Browser.signIn(browser, url(""), account);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));

    Set<String> pages = new LinkedHashSet<>();
    pages.add("/");
    for (WebElement link : browser.findElements(By.cssSelector("nav a[href^='/']"))) {
      pages.add(link.getDomAttribute("href"));
    }
    pages.removeIf(p -> p.startsWith("/logout"));
    for (String list : LISTS) {
      if (!pages.contains(list)) {
        continue;
      }
      browser.get(url(list));
      browser.findElements(By.cssSelector("main table tbody a[href^='/']")).stream()
          .map(a -> a.getDomAttribute("href")).findFirst().ifPresent(pages::add);
    }
    assertTrue(pages.size() >= 4, "the navigation of " + username + " lists pages: " + pages);

    List<Violation> blocking = new ArrayList<>();
    for (String page : pages) {
      browser.get(url(page));
      for (Violation v : axe(page)) {
        if (v.impact().equals("serious") || v.impact().equals("critical")) {
          blocking.add(v);
        } else {
          System.out.println("axe (" + username + ", not counted): " + v);
        }
      }
    }
    System.out.println("axe: " + username + ", " + pages.size() + " pages: " + pages);
    assertEquals(List.of(), blocking, username + " met serious or critical violations on "
        + pages.size() + " pages: " + pages);
  }

  @Test
  void aViolationPlantedInAPageIsFoundAndCountsAsBlocking() {
    // Not one of the accounts above: a TOTP code is accepted once per account.
    Browser.signIn(browser, url(""), SignIn.demo("enqueteur.rennes"));
    browser.get(url("/signalements"));
    assertEquals(List.of(), imagesWithoutText(), "no image without a text alternative at first");
    browser.executeScript("""
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('main').appendChild(img);
        """);
    List<Violation> found = imagesWithoutText();
    assertEquals(1, found.size(), "axe finds the planted image without a text alternative");
    assertEquals("critical", found.get(0).impact());
  }

  private List<Violation> imagesWithoutText() {
    return axe("/signalements").stream().filter(v -> v.rule().equals("image-alt")).toList();
  }

  /** Runs axe over the current page and returns its violations. */
  private List<Violation> axe(String page) {
    browser.executeScript(AXE);
    Object answer = browser.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {
          runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
          resultTypes: ['violations']
        }).then(r => done(['PASSED\\t' + r.passes.length].concat(r.violations.map(v =>
                 [v.impact || 'unknown', v.id, v.help,
                  v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', ')].join('\\t')))
               .join('\\n')))
          .catch(e => done('ERROR\\t' + e));
        """);
    String text = String.valueOf(answer);
    assertTrue(!text.startsWith("ERROR"), "axe could not run on " + page + ": " + text);
    String[] lines = text.split("\n");
    assertTrue(lines[0].startsWith("PASSED\t") && Integer.parseInt(lines[0].substring(7)) > 10,
        "axe evaluated its rules on " + page + ": " + lines[0]);
    List<Violation> violations = new ArrayList<>();
    for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
      String[] f = line.split("\t", -1);
      violations.add(new Violation(page, f[0], f[1], f[2], f.length > 3 ? f[3] : ""));
    }
    return violations;
  }

  private static String axeSource() {
    try (InputStream in = AccessibilityInBrowserIT.class.getClassLoader()
        .getResourceAsStream("axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException("axe.min.js is not on the test classpath "
            + "(com.deque.html.axe-core:selenium)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
