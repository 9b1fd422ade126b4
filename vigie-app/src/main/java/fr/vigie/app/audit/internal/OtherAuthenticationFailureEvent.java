package fr.vigie.app.audit.internal;

import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * A failed authentication whose exception Spring Security has no event for (a second factor's
 * own exception, say). Public because Spring Security creates it by reflection.
 */
public class OtherAuthenticationFailureEvent extends AbstractAuthenticationFailureEvent {

  public OtherAuthenticationFailureEvent(Authentication authentication,
      AuthenticationException exception) {
    super(authentication, exception);
  }
}
