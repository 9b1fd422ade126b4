package fr.vigie.app.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.demo.DemoAccounts;
import fr.vigie.app.intake.Reports;
import fr.vigie.app.security.AccessMatrix;
import fr.vigie.app.security.Role;
import fr.vigie.app.support.SignIn;
import fr.vigie.app.support.TestClock;
import fr.vigie.app.support.TestDatabases;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The web shell: sign-in, navigation, languages, health, headers. */
@Import(TestClock.Config.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=1200"})
@AutoConfigureMockMvc
class WebShellIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  @Autowired
  MockMvc mvc;

  @Autowired
  Reports reports;

  @Autowired
  TestClock clock;

  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void showsTheSignInPageInFrenchByDefaultWhateverTheBrowserAsks() throws Exception {
    mvc.perform(get("/login").header("Accept-Language", "en-US,en;q=0.9"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<html lang=\"fr\">")))
        .andExpect(content().string(containsString("Mot de passe")))
        .andExpect(content().string(containsString("name=\"_csrf\"")));
  }

  @Test
  void switchesToEnglishWithLangAndRemembersIt() throws Exception {
    MvcResult english = mvc.perform(get("/login").param("lang", "en"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Password")))
        .andExpect(content().string(not(containsString("Mot de passe"))))
        .andReturn();
    Cookie remembered = english.getResponse().getCookie("vigie-lang");
    assertFalse(remembered.getSecure(), "plain HTTP: a Secure cookie would never come back");
    mvc.perform(get("/login").cookie(remembered))
        .andExpect(content().string(containsString("Sign in")));
  }

  @Test
  void marksTheLanguageCookieSecureOverHttpsLikeTheSessionCookie() throws Exception {
    Cookie language = mvc.perform(get("/login").param("lang", "en").secure(true))
        .andExpect(status().isOk()).andReturn().getResponse().getCookie("vigie-lang");
    assertTrue(language.getSecure(), "the language cookie over HTTPS");
    assertTrue(language.isHttpOnly());
    assertEquals("Strict", language.getAttribute("SameSite"));
  }

  @Test
  void sendsAnonymousVisitorsToTheSignInPage() throws Exception {
    mvc.perform(get("/")).andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrl("/login"));
    mvc.perform(get("/suspects")).andExpect(status().is3xxRedirection());
  }

  @Test
  void signsInWithADemoAccountAndShowsTheDashboardCounts() throws Exception {
    MockHttpSession session = SignIn.as(mvc, clock, SignIn.demo("analyste"));
    long reportCount = reports.counts().reports();
    mvc.perform(get("/").session(session))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Tableau de bord")))
        .andExpect(content().string(containsString(
            "<a class=\"figure\" href=\"/signalements\">" + groupedFrench(reportCount)
            + "</a>")));
  }

  @Test
  void showsMarkupFromAReportAsTextNeverAsMarkup() throws Exception {
    String hostile = "<script>alert('vigie')</script><img src=x onerror=alert(1)>";
    jdbc.sql("insert into sources (code, name, kind) values ('T-XSS', 'test', 'MANUAL')").update();
    jdbc.sql("""
        insert into reports (source_id, external_id, content_sha256, incident_type, received_at,
          raw_format)
        values ((select id from sources where code = 'T-XSS'), 'x1', ?, ?, current_timestamp,
          'FORM')
        """).params("0".repeat(64), hostile).update();
    String page = mvc.perform(get("/").with(user("someone").roles("ANALYST")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertTrue(page.contains("&lt;script&gt;alert(&#39;vigie&#39;)&lt;/script&gt;&lt;img src=x"),
        page);
    assertFalse(page.contains("<script>alert"), "never raw markup");
    assertFalse(page.contains("<img src=x"), "never raw markup");
  }

  @Test
  void refusesAWrongPassword() throws Exception {
    mvc.perform(post("/login").with(csrf()).param("username", "analyste")
            .param("password", "not-the-password"))
        .andExpect(redirectedUrl("/login?error"));
  }

  @Test
  void refusesASignInWithoutCsrfToken() throws Exception {
    DemoAccounts.Account analyst = DemoAccounts.ALL.get(1);
    mvc.perform(post("/login").param("username", analyst.username())
            .param("password", analyst.password()))
        .andExpect(status().isForbidden());
  }

  @ParameterizedTest
  @EnumSource(Section.class)
  void everySectionAnswersAndThoseNotBuiltSaySo(Section section) throws Exception {
    Role allowed = java.util.Arrays.stream(Role.values())
        .filter(role -> AccessMatrix.allows(role, section.permission())).findFirst().orElseThrow();
    var result = mvc.perform(get(section.path()).with(user("someone").roles(allowed.name())))
        .andExpect(status().isOk());
    if (section.built()) {
      result.andExpect(content().string(not(containsString("pas encore construite"))));
    } else {
      result.andExpect(content().string(containsString("Cette page n’est pas encore construite.")));
    }
    result.andExpect(content().string(containsString("accesskey=\"" + section.accessKey() + "\"")));
  }

  @Test
  void reportsHealthWithoutSignIn() throws Exception {
    mvc.perform(get("/actuator/health")).andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"));
    mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
  }

  @Test
  void sendsProtectiveHeaders() throws Exception {
    mvc.perform(get("/login"))
        .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
        .andExpect(header().string("Content-Security-Policy",
            containsString("frame-ancestors 'none'")))
        .andExpect(header().string("X-Content-Type-Options", "nosniff"))
        .andExpect(header().string("Referrer-Policy", "same-origin"));
  }

  /** Formats like the dashboard does in French: groups of three separated by a space. */
  static String groupedFrench(long n) {
    String digits = Long.toString(n);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        out.append(' ');
      }
      out.append(digits.charAt(i));
    }
    return out.toString();
  }
}
