package fr.vigie.app.audit.internal;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Puts every sign-in, failed sign-in and sign-out on the audit record, from Spring Security's
 * events, with the client's address and the role.
 *
 * <p>A failed attempt is recorded under the username that was typed (it may name no account) with
 * the class of the failure as detail (BadCredentialsException, DisabledException, LockedException…)
 * and never the password. Recording runs in the request's thread: if the audit log cannot be
 * written, the sign-in fails rather than happening off the record.
 *
 * <p>The interactive event is used for success so that a sign-in is one entry, however many
 * authentication managers took part, and future machine authentications (API tokens, checked on
 * every request) do not flood the log.
 */
@Component
class SignInAuditor {

  /** The widths of {@code audit_log.actor} and {@code client_address}. */
  static final int ACTOR_WIDTH = 64;
  static final int ADDRESS_WIDTH = 45;

  private final AuditLog audit;

  SignInAuditor(AuditLog audit) {
    this.audit = audit;
  }

  @EventListener
  void signedIn(InteractiveAuthenticationSuccessEvent event) {
    audit.record(eventFor(event.getAuthentication(), AuditAction.SIGN_IN, "SUCCESS"));
  }

  @EventListener
  void signInFailed(AbstractAuthenticationFailureEvent event) {
    audit.record(eventFor(event.getAuthentication(), AuditAction.SIGN_IN_FAILED, "FAILURE")
        .withDetail(event.getException().getClass().getSimpleName()));
  }

  @EventListener
  void signedOut(LogoutSuccessEvent event) {
    audit.record(eventFor(event.getAuthentication(), AuditAction.SIGN_OUT, "SUCCESS"));
  }

  private static AuditEvent eventFor(Authentication authentication, AuditAction action,
      String outcome) {
    // getName() is the typed username for a failed attempt; the credentials are never read.
    String actor = clip(authentication.getName(), ACTOR_WIDTH);
    return new AuditEvent(actor == null || actor.isEmpty() ? "anonymous" : actor,
        roleOf(authentication), action, null, null, null, clientAddress(authentication), outcome,
        null, null);
  }

  /** Returns the role named by a "ROLE_" authority, or null (a failed attempt has none). */
  static String roleOf(Authentication authentication) {
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      String name = authority.getAuthority();
      if (name != null && name.startsWith("ROLE_")) {
        return clip(name.substring("ROLE_".length()), 16);
      }
    }
    return null;
  }

  static String clientAddress(Authentication authentication) {
    return authentication.getDetails() instanceof WebAuthenticationDetails web
        ? clip(web.getRemoteAddress(), ADDRESS_WIDTH) : null;
  }

  /**
   * Cuts a value to the column's width: a username typed at sign-in is whatever the client sent,
   * and an over-long one must not turn a failed sign-in into a database error that escapes the log.
   */
  static String clip(String value, int width) {
    return value == null || value.length() <= width ? value : value.substring(0, width);
  }
}
