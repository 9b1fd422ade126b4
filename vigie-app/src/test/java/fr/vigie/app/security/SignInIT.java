package fr.vigie.app.security;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.demo.DemoAccounts;
import fr.vigie.app.support.SignIn;
import fr.vigie.app.support.TestClock;
import fr.vigie.app.support.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Signing in: password, then a second factor; lock-outs; machine tokens. On every database. */
@Import({TestClock.Config.class, SignInIT.CountingPasswordChecks.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"vigie.demo.enabled=true", "vigie.demo.reports=50"})
@AutoConfigureMockMvc
class SignInIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  @Autowired
  MockMvc mvc;

  @Autowired
  TestClock clock;

  @Autowired
  UserAccounts accounts;

  @Autowired
  ServerProperties server;

  @Autowired
  CountingPasswordEncoder argon2;

  @Autowired
  JdbcClient jdbc;

  /** Wraps the application's Argon2id encoder to count the hash checks sign-in runs. */
  @TestConfiguration(proxyBeanMethods = false)
  static class CountingPasswordChecks {
    @Bean
    @Primary
    CountingPasswordEncoder countingPasswordEncoder(
        @Qualifier("passwordEncoder") PasswordEncoder argon2) {
      return new CountingPasswordEncoder(argon2);
    }
  }

  static final class CountingPasswordEncoder implements PasswordEncoder {
    private final PasswordEncoder delegate;
    private final AtomicInteger checks = new AtomicInteger();

    CountingPasswordEncoder(PasswordEncoder delegate) {
      this.delegate = delegate;
    }

    @Override
    public String encode(CharSequence raw) {
      return delegate.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      checks.incrementAndGet();
      return delegate.matches(raw, encoded);
    }

    /** Returns the checks run since the last call. */
    int takeChecks() {
      return checks.getAndSet(0);
    }
  }

  /** An address of its own (2001:db8::/32, documentation) for a test that counts failures. */
  private static String anAddress() {
    return "2001:db8:" + Integer.toHexString(1 + Math.floorMod(UUID.randomUUID().hashCode(), 0xfffe))
        + "::" + Integer.toHexString(1 + Math.floorMod(UUID.randomUUID().hashCode(), 0xfffe));
  }

  /** A username nobody has, never typed before. */
  private static String aName(String prefix) {
    return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
  }

  private String newAccount(String prefix, String pass) {
    String username = prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    accounts.createIfAbsent(new NewUser(username, "Test " + prefix, pass, Role.ANALYST, null));
    return username;
  }

  /** Signs in with the password then the code from {@code ip}; returns where it ended. */
  private String signInFully(DemoAccounts.Account account, String ip) throws Exception {
    MvcResult first = password(account.username(), account.password(), ip);
    if (!"/login/totp".equals(first.getResponse().getRedirectedUrl())) {
      return first.getResponse().getRedirectedUrl();
    }
    MockHttpSession session = (MockHttpSession) first.getRequest().getSession(false);
    return mvc.perform(post("/login/totp").session(session).with(csrf()).with(from(ip))
            .param("code", freshCode(account.totpSecret())))
        .andReturn().getResponse().getRedirectedUrl();
  }

  /** Each test signs in from its own address so that address lock-outs stay within it. */
  private final String address = "198.51.100." + (1 + Math.floorMod(UUID.randomUUID().hashCode(), 250));

  private RequestPostProcessor from(String ip) {
    return request -> {
      request.setRemoteAddr(ip);
      return request;
    };
  }

  private MvcResult password(String username, String password, String ip) throws Exception {
    return mvc.perform(post("/login").with(csrf()).with(from(ip))
        .param("username", username).param("password", password)).andReturn();
  }

  private String freshCode(String secret) {
    clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
    return Totp.code(secret, Totp.step(clock.instant()));
  }

  @Test
  void asksForTheSecondFactorAfterThePasswordAndChangesTheSessionIdAtEachStep() throws Exception {
    DemoAccounts.Account analyst = SignIn.demo("analyste");
    MockHttpSession anonymous = new MockHttpSession();
    String before = anonymous.getId();
    MvcResult first = mvc.perform(post("/login").session(anonymous).with(csrf()).with(from(address))
            .param("username", analyst.username()).param("password", analyst.password()))
        .andExpect(redirectedUrl("/login/totp")).andReturn();
    MockHttpSession session = (MockHttpSession) first.getRequest().getSession(false);
    String afterPassword = session.getId();
    assertNotEquals(before, afterPassword);

    // Half-way, nothing opens but the second factor.
    mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login/totp"));
    mvc.perform(get("/login/totp").session(session)).andExpect(status().isOk())
        .andExpect(content().string(containsString("name=\"code\"")));

    mvc.perform(post("/login/totp").session(session).with(csrf()).with(from(address))
            .param("code", freshCode(analyst.totpSecret())))
        .andExpect(redirectedUrl("/"));
    assertNotEquals(afterPassword, session.getId());
    mvc.perform(get("/").session(session)).andExpect(status().isOk());
  }

  @Test
  void refusesAWrongCodeAndACodeAlreadyUsed() throws Exception {
    DemoAccounts.Account supervisor = SignIn.demo("superviseur");
    String code = freshCode(supervisor.totpSecret());
    MockHttpSession s1 = (MockHttpSession) password(supervisor.username(), supervisor.password(),
        address).getRequest().getSession(false);
    String wrong = code.equals("000000") ? "111111" : "000000";
    mvc.perform(post("/login/totp").session(s1).with(csrf()).with(from(address)).param("code", wrong))
        .andExpect(redirectedUrl("/login/totp?error"));
    mvc.perform(post("/login/totp").session(s1).with(csrf()).with(from(address)).param("code", code))
        .andExpect(redirectedUrl("/"));

    MockHttpSession s2 = (MockHttpSession) password(supervisor.username(), supervisor.password(),
        address).getRequest().getSession(false);
    mvc.perform(post("/login/totp").session(s2).with(csrf()).with(from(address)).param("code", code))
        .andExpect(redirectedUrl("/login/totp?error"));
  }

  @Test
  void enrolsANewAccountWithAQrCodeAndGivesRecoveryCodesThatWorkOnce() throws Exception {
    String username = "nouvel." + UUID.randomUUID().toString().substring(0, 8);
    String pass = "un-mot-de-passe-assez-long";
    accounts.createIfAbsent(new NewUser(username, "Nouvel Enquêteur", pass, Role.INVESTIGATOR,
        "OFMIN-LYON"));
    MockHttpSession session = (MockHttpSession) password(username, pass, address).getRequest()
        .getSession(false);
    mvc.perform(get("/login/totp").session(session)).andExpect(redirectedUrl("/login/enrol"));
    String page = mvc.perform(get("/login/enrol").session(session)).andExpect(status().isOk())
        .andExpect(content().string(containsString("src=\"data:image/svg+xml;base64,")))
        .andReturn().getResponse().getContentAsString();
    Matcher secretShown = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<").matcher(page);
    assertTrue(secretShown.find(), page);
    String secret = secretShown.group(1).replace(" ", "");

    MvcResult enrolled = mvc.perform(post("/login/enrol").session(session).with(csrf())
            .with(from(address)).param("code", freshCode(secret)))
        .andExpect(redirectedUrl("/login/recovery-codes")).andReturn();
    @SuppressWarnings("unchecked")
    List<String> codes = (List<String>) enrolled.getFlashMap().get("recoveryCodes");
    assertEquals(10, codes.size());
    assertEquals(10, codes.stream().distinct().count());
    mvc.perform(get("/login/recovery-codes").session(session).flashAttr("recoveryCodes", codes))
        .andExpect(content().string(containsString(codes.getFirst())));
    mvc.perform(get("/").session(session)).andExpect(status().isOk());

    // A recovery code stands in for the app once, and only once.
    for (int attempt = 0; attempt < 2; attempt++) {
      MockHttpSession again = (MockHttpSession) password(username, pass, address).getRequest()
          .getSession(false);
      mvc.perform(post("/login/totp").session(again).with(csrf()).with(from(address))
              .param("recoveryCode", codes.get(3).toLowerCase(java.util.Locale.ROOT)))
          .andExpect(redirectedUrl(attempt == 0 ? "/" : "/login/totp?error"));
    }
  }

  @Test
  void locksAnAccountAfterRepeatedFailuresThenLetsItInOnceTheLockExpires() throws Exception {
    String username = "verrou." + UUID.randomUUID().toString().substring(0, 8);
    String pass = "le-bon-mot-de-passe-2026";
    accounts.createIfAbsent(new NewUser(username, "Test Verrou", pass, Role.ANALYST, null));
    for (int i = 0; i < 5; i++) {
      mvc.perform(post("/login").with(csrf()).with(from(address)).param("username", username)
          .param("password", "mauvais-" + i)).andExpect(redirectedUrl("/login?error"));
    }
    // Locked: even the right password is refused, from any address.
    mvc.perform(post("/login").with(csrf()).with(from("203.0.113.9")).param("username", username)
        .param("password", pass)).andExpect(redirectedUrl("/login?locked"));
    clock.advance(Duration.ofMinutes(2));
    mvc.perform(post("/login").with(csrf()).with(from("203.0.113.9")).param("username", username)
        .param("password", pass)).andExpect(redirectedUrl("/login/totp"));
  }

  @Test
  void slowsDownOneAddressTryingManyUsernamesWithoutLockingOthersOut() throws Exception {
    String attacker = "192.0.2." + (1 + Math.floorMod(UUID.randomUUID().hashCode(), 250));
    for (int i = 0; i < 20; i++) {
      password("personne" + i, "devinette-" + i, attacker);
    }
    DemoAccounts.Account auditor = SignIn.demo("auditeur");
    assertEquals("/login?locked", password(auditor.username(), auditor.password(), attacker)
        .getResponse().getRedirectedUrl());
    assertEquals("/login/totp", password(auditor.username(), auditor.password(), address)
        .getResponse().getRedirectedUrl());
    clock.advance(Duration.ofMinutes(2));
    assertEquals("/login/totp", password(auditor.username(), auditor.password(), attacker)
        .getResponse().getRedirectedUrl());
  }

  @Test
  void machineAccountsCannotSignInToTheUserInterface() throws Exception {
    DemoAccounts.Account sensor = SignIn.demo("capteur.p2p");
    assertEquals("/login?error", password(sensor.username(), sensor.password(), address)
        .getResponse().getRedirectedUrl());
  }

  @Test
  void apiTakesMachineTokensOnlyAndAnswers401WithoutOne() throws Exception {
    String token = accounts.issueToken("capteur.p2p", "test", Duration.ofDays(1));
    mvc.perform(get("/api/me").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.username").value("capteur.p2p"))
        .andExpect(jsonPath("$.role").value("SENSOR"));
    mvc.perform(get("/api/me")).andExpect(status().isUnauthorized());
    mvc.perform(get("/api/me").header("Authorization", "Bearer vigie_not-a-token"))
        .andExpect(status().isUnauthorized());
    // A person's browser session does not open the API (it has no CSRF protection to offer).
    MockHttpSession person = SignIn.as(mvc, clock, SignIn.demo("analyste"));
    mvc.perform(get("/api/me").session(person)).andExpect(status().isUnauthorized());
  }

  @Test
  void endsIdleSessionsAfterThirtyMinutesByDefault() {
    assertEquals(Duration.ofMinutes(30), server.getServlet().getSession().getTimeout());
  }

  @Test
  void signsOut() throws Exception {
    MockHttpSession session = SignIn.as(mvc, clock, SignIn.demo("analyste"));
    mvc.perform(post("/logout").session(session).with(csrf()))
        .andExpect(redirectedUrl("/login?logout"));
    mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login"));
  }

  @Test
  void forgetsFailuresFromAnAddressOverTimeSoScatteredTyposNeverLockTheOffice() throws Exception {
    String office = anAddress();
    // An office behind one NAT address: a typo every ten minutes, all day.
    for (int i = 0; i < 30; i++) {
      assertEquals("/login?error", password(aName("faute"), "faute-de-frappe", office)
          .getResponse().getRedirectedUrl(), "typo " + (i + 1));
      clock.advance(Duration.ofMinutes(10));
    }
    assertEquals("/", signInFully(SignIn.demo("analyste"), office));
  }

  @Test
  void aSuccessfulSignInClearsTheCountOfItsAddress() throws Exception {
    String office = anAddress();
    for (int i = 0; i < 19; i++) {
      password(aName("faute"), "faute-de-frappe", office);
    }
    assertEquals("/", signInFully(SignIn.demo("analyste"), office));
    for (int i = 0; i < 19; i++) {
      assertEquals("/login?error", password(aName("encore"), "faute-de-frappe", office)
          .getResponse().getRedirectedUrl(), "failure " + (i + 1) + " after the success");
    }
  }

  @Test
  void noAddressLockOutlastsTheLongestAddressLock() throws Exception {
    String office = anAddress();
    // Someone behind the office's address guesses for hours, a try every 80 seconds.
    String[] guessed = new String[50];
    for (int i = 0; i < guessed.length; i++) {
      guessed[i] = aName("devine");
    }
    for (int i = 0; i < 150; i++) {
      password(guessed[i % guessed.length], "devinette-" + i, office);
      clock.advance(Duration.ofSeconds(80));
    }
    // Then until a failure counts again (the address was not locked), so a lock starts now.
    String answer = "";
    for (int i = 0; i < 120 && !answer.equals("/login?error"); i++) {
      answer = password(aName("devine"), "devinette", office).getResponse().getRedirectedUrl();
      clock.advance(Duration.ofMinutes(1));
    }
    assertEquals("/login?error", answer);
    clock.advance(Duration.ofMinutes(15)); // vigie.security.longest-address-lock
    assertEquals("/", signInFully(SignIn.demo("superviseur"), office),
        "the right password and code after the longest address lock");
    assertEquals("/login?error", password(aName("faute"), "faute-de-frappe", office).getResponse()
        .getRedirectedUrl(), "the success cleared the address");
  }

  @Test
  void answersAnUnknownNameExactlyAsAnExistingOneAndChecksOneHashEachTime() throws Exception {
    String existing = newAccount("existe", "le-bon-mot-de-passe-2026");
    String absent = aName("absent");
    String fromExisting = anAddress();
    String fromAbsent = anAddress();
    List<String> existingAnswers = new ArrayList<>();
    List<String> absentAnswers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      argon2.takeChecks();
      existingAnswers.add(password(existing, "mauvais-" + i, fromExisting).getResponse()
          .getRedirectedUrl());
      assertEquals(1, argon2.takeChecks(), "Argon2 checks, existing name, attempt " + (i + 1));
      absentAnswers.add(password(absent, "mauvais-" + i, fromAbsent).getResponse()
          .getRedirectedUrl());
      assertEquals(1, argon2.takeChecks(), "Argon2 checks, unknown name, attempt " + (i + 1));
    }
    assertEquals(existingAnswers, absentAnswers);
    assertEquals(List.of("/login?error", "/login?error", "/login?error", "/login?error",
        "/login?error", "/login?locked", "/login?locked", "/login?locked"), existingAnswers);

    // The lock ends alike for both; the next failure locks both again, for twice as long.
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertEquals(password(existing, "mauvais", fromExisting).getResponse().getRedirectedUrl(),
        password(absent, "mauvais", fromAbsent).getResponse().getRedirectedUrl());
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertEquals("/login?locked", password(existing, "x", fromExisting).getResponse()
        .getRedirectedUrl());
    assertEquals("/login?locked", password(absent, "x", fromAbsent).getResponse()
        .getRedirectedUrl());
  }

  @Test
  void countsEveryOneOfParallelGuessesAndNeverRunsOutOfConnections() throws Exception {
    String username = newAccount("parallele", "le-bon-mot-de-passe-2026");
    // More attempts at once than the pool has connections (4 in the tests): four on one account,
    // below its lock, and four on names no account has.
    List<String> names = List.of(username, username, username, username, aName("absent"),
        aName("absent"), aName("absent"), aName("absent"));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(names.size());
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        String guess = "devinette-" + i;
        String ip = anAddress();
        answers.add(pool.submit(() -> {
          start.await();
          return password(name, guess, ip).getResponse().getRedirectedUrl();
        }));
      }
      start.countDown();
      for (Future<String> answer : answers) {
        assertEquals("/login?error", answer.get(120, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(4, jdbc.sql("select failed_attempts from users where username = ?")
        .param(username).query(Integer.class).single(), "each guess counted");
  }

  @Test
  void forgetsARunOfFailuresADayOldForAccountsAndUnknownNamesAlike() throws Exception {
    String pass = "le-bon-mot-de-passe-2026";
    String existing = newAccount("oubli", pass);
    String absent = aName("oubli");
    String ip = anAddress();
    for (String name : List.of(existing, absent)) {
      for (int i = 0; i < 4; i++) {
        assertEquals("/login?error", password(name, "mauvais-" + i, ip).getResponse()
            .getRedirectedUrl());
      }
    }
    clock.advance(Duration.ofHours(25)); // vigie.security.account-failure-memory: 24h
    for (String name : List.of(existing, absent)) {
      for (int i = 0; i < 4; i++) {
        assertEquals("/login?error", password(name, "encore-" + i, ip).getResponse()
            .getRedirectedUrl(), name + ", failure " + (i + 1) + " of a new run");
      }
    }
    assertEquals("/login/totp", password(existing, pass, ip).getResponse().getRedirectedUrl());
    // What is kept of names no account has is only what can still change an answer.
    assertEquals(0L, jdbc.sql("""
        select count(*) from sign_in_unknown_names
        where last_failure_at < ? and (locked_until is null or locked_until < ?)
        """).params(clock.instant().minus(Duration.ofHours(24)).atOffset(java.time.ZoneOffset.UTC),
            clock.instant().atOffset(java.time.ZoneOffset.UTC))
        .query(Long.class).single());
  }
}
