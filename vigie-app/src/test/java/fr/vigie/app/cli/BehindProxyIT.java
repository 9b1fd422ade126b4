package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.TestDatabases;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Behind a reverse proxy ({@code VIGIE_BEHIND_PROXY=true}): the audit log records the client's
 * address from X-Forwarded-For, and X-Forwarded-Proto https makes Vigie treat the request as
 * secure (HSTS), as it would behind a proxy terminating TLS on loopback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "server.address=127.0.0.1")
class BehindProxyIT {

  private static final String CLIENT = "203.0.113.45";

  @LocalServerPort
  int port;

  @Autowired
  JdbcClient jdbc;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
    new ProxyOption().serverProperties(Map.of(ProxyOption.VARIABLE, "true")::get)
        .forEach((name, value) -> registry.add(name, () -> value));
  }

  @Test
  void recordsTheClientAddressTheProxyForwardsAndTrustsItsScheme() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    URI login = URI.create("http://127.0.0.1:" + port + "/login");
    HttpResponse<String> page = client.send(HttpRequest.newBuilder(login)
            .header("X-Forwarded-For", CLIENT).header("X-Forwarded-Proto", "https").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Strict-Transport-Security").isPresent(),
        page.headers().map().toString());
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertTrue(csrf.find(), page.body());
    // Carried by hand: the session cookie is marked Secure (the proxy said https), which a
    // cookie store would rightly not send back over this test's plain connection.
    String sessionCookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    assertTrue(page.headers().firstValue("Set-Cookie").orElseThrow().contains("Secure"),
        page.headers().map().toString());

    String username = "inconnu." + UUID.randomUUID().toString().substring(0, 8);
    String form = "username=" + username + "&password=" + URLEncoder.encode("pas-le-bon-mot",
        StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1),
        StandardCharsets.UTF_8);
    HttpResponse<String> refused = client.send(HttpRequest.newBuilder(login)
            .header("X-Forwarded-For", CLIENT).header("X-Forwarded-Proto", "https")
            .header("Cookie", sessionCookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(302, refused.statusCode());

    assertEquals(CLIENT, jdbc.sql("""
        select client_address from audit_log where action = 'SIGN_IN_FAILED' and actor = ?
        """).param(username).query(String.class).single());
  }

  @Test
  void marksTheLanguageCookieSecureWhenTheProxySaysHttpsOnly() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    URI english = URI.create("http://127.0.0.1:" + port + "/login?lang=en");
    for (String scheme : List.of("https", "http")) {
      HttpResponse<String> page = client.send(HttpRequest.newBuilder(english)
              .header("X-Forwarded-For", CLIENT).header("X-Forwarded-Proto", scheme).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      String language = page.headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith("vigie-lang=")).findFirst()
          .orElseThrow(() -> new AssertionError("no language cookie: " + page.headers()));
      assertEquals(scheme.equals("https"), language.contains("; Secure"), scheme + ": " + language);
    }
  }
}
