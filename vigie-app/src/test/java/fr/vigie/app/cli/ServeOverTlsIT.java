package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Vigie serving HTTPS from a PKCS#12 keystore, configured through the same mapping
 * {@code vigie serve --tls-keystore} uses, reached by a client that trusts that certificate only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "server.address=127.0.0.1")
class ServeOverTlsIT {

  static SelfSignedKeystore keystore;

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) throws Exception {
    TestDatabases.useFreshDatabase(registry);
    keystore = SelfSignedKeystore.create(Files.createTempDirectory("vigie-tls-"));
    TlsOptions tls = new TlsOptions();
    tls.keystore = keystore.file();
    Map<String, Object> properties = tls.serverProperties(
        Map.of(TlsOptions.DEFAULT_PASSWORD_VARIABLE, keystore.password())::get);
    properties.forEach((name, value) -> registry.add(name, () -> value));
  }

  @Test
  void servesTheSignInPageOverHttpsWithStrictTransportSecurity() throws Exception {
    HttpClient client = HttpClient.newBuilder()
        .sslContext(keystore.trustingOnlyThisCertificate())
        .connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("name=\"password\""), response.body());
    String hsts = response.headers().firstValue("Strict-Transport-Security").orElse("");
    assertTrue(hsts.startsWith("max-age="), "Strict-Transport-Security: " + hsts);
  }

  @Test
  void marksTheLanguageCookieSecureLikeTheSessionCookie() throws Exception {
    HttpClient client = HttpClient.newBuilder()
        .sslContext(keystore.trustingOnlyThisCertificate())
        .connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> english = client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login?lang=en")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, english.statusCode());
    List<String> cookies = english.headers().allValues("Set-Cookie");
    String language = cookies.stream().filter(c -> c.startsWith("vigie-lang=")).findFirst()
        .orElseThrow(() -> new AssertionError("no language cookie in " + cookies));
    assertTrue(language.contains("; Secure"), language);
    String session = cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
    assertTrue(session.contains("; Secure"), session);
  }

  @Test
  void answersNoPageOverPlainHttp() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
              .timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      // Tomcat may answer a plain request on a TLS port with a bare 400, never with the page.
      assertNotEquals(200, response.statusCode());
      assertTrue(!response.body().contains("name=\"password\""), response.body());
    } catch (IOException expected) {
      // the connection is refused or reset: plain HTTP does not work, as wanted
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
