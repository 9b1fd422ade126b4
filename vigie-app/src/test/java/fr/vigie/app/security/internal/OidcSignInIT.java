package fr.vigie.app.security.internal;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.support.TestDatabases;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * OpenID Connect configured with Spring Boot's standard properties only, against explicit
 * endpoints on loopback (nothing is fetched at start-up): the sign-in page offers it, the start
 * of the flow goes to the provider with the right parameters, and a person the provider vouches
 * for gets their Vigie account's role, or nothing at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
    OidcSignInIT.REGISTRATION + "client-id=vigie",
    OidcSignInIT.REGISTRATION + "client-secret=not-a-real-secret",
    OidcSignInIT.REGISTRATION + "authorization-grant-type=authorization_code",
    OidcSignInIT.REGISTRATION + "scope=openid,profile",
    OidcSignInIT.REGISTRATION + "client-name=Keycloak",
    // Spring Boot 4 has no default: without it the application does not start.
    OidcSignInIT.REGISTRATION + "redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
    OidcSignInIT.PROVIDER + "authorization-uri=" + OidcSignInIT.AUTHORIZATION_URI,
    OidcSignInIT.PROVIDER + "token-uri=" + OidcSignInIT.REALM
        + "/protocol/openid-connect/token",
    OidcSignInIT.PROVIDER + "jwk-set-uri=" + OidcSignInIT.REALM
        + "/protocol/openid-connect/certs",
    OidcSignInIT.PROVIDER + "user-info-uri=" + OidcSignInIT.REALM
        + "/protocol/openid-connect/userinfo",
    OidcSignInIT.PROVIDER + "user-name-attribute=preferred_username"})
@AutoConfigureMockMvc
class OidcSignInIT {

  static final String REGISTRATION = "spring.security.oauth2.client.registration.keycloak.";
  static final String PROVIDER = "spring.security.oauth2.client.provider.keycloak.";
  /** Port 9 (discard): nothing listens, and nothing needs to. */
  static final String REALM = "http://127.0.0.1:9/realms/vigie";
  static final String AUTHORIZATION_URI = REALM + "/protocol/openid-connect/auth";

  @Autowired
  MockMvc mvc;

  @Autowired
  SignInGuard guard;

  @Autowired
  UserAccounts accounts;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @AfterEach
  void forgetTheSignedInPerson() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void theSignInPageOffersTheProvider() throws Exception {
    mvc.perform(get("/login")).andExpect(status().isOk())
        .andExpect(content().string(containsString("href=\"/oauth2/authorization/keycloak\"")));
  }

  @Test
  void startingSignInRedirectsToTheProviderWithAnAuthorizationCodeRequest() throws Exception {
    String location = mvc.perform(get("/oauth2/authorization/keycloak"))
        .andExpect(status().is3xxRedirection())
        .andReturn().getResponse().getRedirectedUrl();
    assertTrue(location.startsWith(AUTHORIZATION_URI + "?"), location);
    Map<String, String> query = UriComponentsBuilder.fromUri(URI.create(location)).build()
        .getQueryParams().toSingleValueMap();
    assertEquals("vigie", query.get("client_id"));
    assertEquals("code", query.get("response_type"));
    assertTrue(Arrays.asList(decoded(query.get("scope")).split(" ")).contains("openid"),
        query.toString());
    assertTrue(query.get("state") != null && query.get("state").length() >= 16, query.toString());
    assertEquals("http://localhost/login/oauth2/code/keycloak",
        decoded(query.get("redirect_uri")));
  }

  @Test
  void aKnownPersonIsSignedInWithTheRoleAndUnitOfTheirVigieAccount() throws Exception {
    String username = "oidc." + UUID.randomUUID().toString().substring(0, 8);
    accounts.createIfAbsent(new NewUser(username, "Par Keycloak", "mot-de-passe-inutilise",
        Role.INVESTIGATOR, "OFMIN-RENNES"));
    MockHttpServletRequest request = new MockHttpServletRequest("GET",
        "/login/oauth2/code/keycloak");
    request.setRemoteAddr("198.51.100.31");
    // The flow always has a session by now: it kept the authorization request in it.
    MockHttpSession during = new MockHttpSession();
    request.setSession(during);
    String idDuring = during.getId();
    MockHttpServletResponse response = new MockHttpServletResponse();

    signIn(username.toUpperCase(java.util.Locale.ROOT), request, response);

    assertEquals("/", response.getRedirectedUrl());
    assertNotEquals(idDuring, request.getSession(false).getId());
    SecurityContext saved = (SecurityContext) request.getSession(false).getAttribute(
        HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
    Caller caller = assertInstanceOf(Caller.class, saved.getAuthentication().getPrincipal());
    assertEquals(username, caller.username());
    assertEquals(Role.INVESTIGATOR, caller.role());
    assertTrue(caller.unitId() != null);
    assertEquals(List.of("ROLE_INVESTIGATOR"), saved.getAuthentication().getAuthorities()
        .stream().map(a -> a.getAuthority()).collect(Collectors.toList()));
  }

  @Test
  void anUnknownPersonOrAMachineAccountIsSentBackWithAnError() throws Exception {
    String sensor = "oidc.capteur." + UUID.randomUUID().toString().substring(0, 8);
    accounts.createIfAbsent(new NewUser(sensor, "Capteur", "mot-de-passe-du-capteur",
        Role.SENSOR, null));
    String disabled = "oidc.parti." + UUID.randomUUID().toString().substring(0, 8);
    accounts.createIfAbsent(new NewUser(disabled, "Parti", "mot-de-passe-de-parti",
        Role.ANALYST, null));
    accounts.setEnabled(disabled, false);
    for (String username : new String[] {"personne.inconnue", sensor, disabled}) {
      MockHttpServletRequest request = new MockHttpServletRequest("GET",
          "/login/oauth2/code/keycloak");
      request.setRemoteAddr("198.51.100.32");
      request.setSession(new MockHttpSession());
      MockHttpServletResponse response = new MockHttpServletResponse();
      signIn(username, request, response);
      assertEquals("/login?error", response.getRedirectedUrl(), username);
      assertNull(SecurityContextHolder.getContext().getAuthentication(), username);
      assertNull(request.getSession(false), username);
    }
  }

  /** Hands OidcSignIn what Spring Security would after a successful code exchange. */
  private void signIn(String preferredUsername, MockHttpServletRequest request,
      MockHttpServletResponse response) throws Exception {
    Instant now = Instant.now();
    OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
        .issuer(REALM).subject(UUID.randomUUID().toString()).audience(List.of("vigie"))
        .issuedAt(now).expiresAt(now.plusSeconds(300))
        .claim("preferred_username", preferredUsername).build();
    var authorities = List.of(new OidcUserAuthority(idToken),
        new SimpleGrantedAuthority("SCOPE_openid"));
    DefaultOidcUser user = new DefaultOidcUser(authorities, idToken, "sub");
    new OidcSignIn(guard, "preferred_username").onAuthenticationSuccess(request, response,
        new OAuth2AuthenticationToken(user, authorities, "keycloak"));
  }

  private static String decoded(String value) {
    return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
