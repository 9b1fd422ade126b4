package fr.vigie.app.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import fr.vigie.app.demo.DemoAccounts;
import fr.vigie.app.security.Totp;
import java.time.Duration;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Signs a demo account in through both steps, as a person would. */
public final class SignIn {

  private SignIn() {}

  /** Returns the session of a demo account signed in with its password and a fresh TOTP code. */
  public static MockHttpSession as(MockMvc mvc, TestClock clock, DemoAccounts.Account account)
      throws Exception {
    MvcResult password = mvc.perform(post("/login").with(csrf())
            .param("username", account.username()).param("password", account.password()))
        .andExpect(redirectedUrl("/login/totp"))
        .andReturn();
    MockHttpSession session = (MockHttpSession) password.getRequest().getSession(false);
    // Each code is accepted once: move to the next step so that signing in again works.
    clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
    String code = Totp.code(account.totpSecret(), Totp.step(clock.instant()));
    MvcResult second = mvc.perform(post("/login/totp").session(session).with(csrf())
            .param("code", code))
        .andExpect(redirectedUrl("/"))
        .andReturn();
    return (MockHttpSession) second.getRequest().getSession(false);
  }

  /** Returns the demo account of the given username. */
  public static DemoAccounts.Account demo(String username) {
    return DemoAccounts.ALL.stream().filter(a -> a.username().equals(username)).findFirst()
        .orElseThrow();
  }
}
