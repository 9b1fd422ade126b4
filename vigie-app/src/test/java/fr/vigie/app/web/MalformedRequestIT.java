package fr.vigie.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Requests whose query or form is not valid UTF-8 ({@code %C3%28}: a lead byte followed by a
 * byte that cannot continue it), sent to the real web server, whose parameter parser is where
 * they fail: a page in the person's language saying so, or under {@code /api/} a JSON body.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "server.address=127.0.0.1")
class MalformedRequestIT {

  @LocalServerPort
  int port;

  @Autowired
  UserAccounts accounts;

  private final HttpClient client = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersAPageInFrenchThatNamesTheFieldWhenTheQueryIsNotUtf8() throws Exception {
    HttpResponse<String> page = get("/login?lang=%C3%28");
    assertEquals(400, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
        page.headers().toString());
    assertTrue(page.body().contains("<html lang=\"fr\">"), page.body());
    assertTrue(page.body().contains("n’est pas en UTF-8"), page.body());
    assertTrue(page.body().contains("« lang »"), page.body());
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("")
        .contains("frame-ancestors 'none'"), "the protective headers of every page");
  }

  @Test
  void answersInEnglishForSomeoneWhoChoseEnglish() throws Exception {
    HttpResponse<String> page = get("/login?q=caf%C3%A9&x=%C3%28", "Cookie", "vigie-lang=en",
        "Accept", "text/html");
    assertEquals(400, page.statusCode());
    assertTrue(page.body().contains("<html lang=\"en\">"), page.body());
    assertTrue(page.body().contains("is not valid UTF-8"), page.body());
    assertTrue(page.body().contains("“x”"), page.body());
  }

  @Test
  void answersAPageWhenAFormIsNotUtf8() throws Exception {
    HttpResponse<String> page = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=%C3%28&password=x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
        page.headers().toString());
    assertTrue(page.body().contains("Le formulaire envoyé n’est pas en UTF-8"), page.body());
  }

  @Test
  void answersJsonThatSaysWhyUnderTheApi() throws Exception {
    accounts.createIfAbsent(new NewUser("capteur.utf8", "Capteur UTF-8", "un-mot-de-passe-capteur",
        Role.SENSOR, null));
    String token = accounts.issueToken("capteur.utf8", "test", Duration.ofDays(1));
    assertEquals(200, get("/api/me?since=caf%C3%A9", "Authorization", "Bearer " + token)
        .statusCode());
    HttpResponse<String> answer = get("/api/me?since=%C3%28", "Authorization", "Bearer " + token);
    assertEquals(400, answer.statusCode());
    assertTrue(answer.headers().firstValue("Content-Type").orElse("")
        .startsWith("application/json"), answer.headers().toString());
    assertTrue(answer.body().contains("\"status\":400"), answer.body());
    assertTrue(answer.body().contains("not valid UTF-8"), answer.body());
    assertTrue(answer.body().contains("\"field\":\"since\""), answer.body());
  }

  @Test
  void stillServesValidUtf8() throws Exception {
    HttpResponse<String> page = get("/login?q=caf%C3%A9%20cr%C3%A8me");
    assertEquals(200, page.statusCode());
    assertFalse(page.body().contains("UTF-8</p>"), page.body());
  }
}
