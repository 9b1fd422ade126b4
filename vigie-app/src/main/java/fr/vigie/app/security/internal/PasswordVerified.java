package fr.vigie.app.security.internal;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Half-way through sign-in: the password was right, the second factor is still to come. It holds
 * no role, so it opens nothing but the second-factor pages.
 */
final class PasswordVerified extends AbstractAuthenticationToken {

  static final String AUTHORITY = "VIGIE_PASSWORD_VERIFIED";

  private final long userId;
  private final String username;

  PasswordVerified(long userId, String username) {
    super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
    this.userId = userId;
    this.username = username;
    setAuthenticated(true);
  }

  long userId() {
    return userId;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return username;
  }
}
