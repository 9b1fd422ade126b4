package fr.vigie.app.security.internal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** The form's username and password, checked by {@link SignInGuard}. */
@Component
class PasswordStep implements AuthenticationProvider {

  private final SignInGuard guard;

  PasswordStep(SignInGuard guard) {
    this.guard = guard;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String password = authentication.getCredentials() == null ? ""
        : authentication.getCredentials().toString();
    Account account = guard.checkPassword(authentication.getName(), password,
        clientAddress(authentication));
    return new PasswordVerified(account.id(), account.username());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  static String clientAddress(Authentication authentication) {
    return authentication.getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress() : "unknown";
  }
}
