package fr.vigie.app.audit.internal;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.security.SignInEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts every step of signing in and out on the audit record, from the security feature's
 * {@link SignInEvent}s: the password accepted (second factor pending), the second factor
 * accepted (signed in), every failure with its reason — never what was typed as a secret — and
 * every lock-out.
 *
 * <p>Recording runs in the request's thread: if the audit log cannot be written, the sign-in
 * fails rather than happening off the record.
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
  void onSignIn(SignInEvent event) {
    audit.record(toAudit(event));
  }

  static AuditEvent toAudit(SignInEvent e) {
    AuditAction action;
    String outcome;
    String detail;
    if ("SIGN_OUT".equals(e.step())) {
      action = AuditAction.SIGN_OUT;
      outcome = "SUCCESS";
      detail = null;
    } else if ("SUCCESS".equals(e.outcome())) {
      action = AuditAction.SIGN_IN;
      boolean halfWay = "PASSWORD".equals(e.step());
      outcome = halfWay ? "PENDING" : "SUCCESS";
      detail = halfWay ? "password accepted; second factor pending" : e.step();
    } else if ("LOCKED".equals(e.outcome())) {
      action = AuditAction.ACCOUNT_LOCKED;
      outcome = "DENIED";
      detail = e.step() + ": " + e.detail();
    } else {
      action = AuditAction.SIGN_IN_FAILED;
      outcome = "FAILURE";
      detail = e.step() + ": " + e.detail();
    }
    String actor = clip(e.username(), ACTOR_WIDTH);
    return new AuditEvent(actor == null || actor.isEmpty() ? "anonymous" : actor,
        e.role() == null ? null : e.role().name(), action, null, null, e.unitId(),
        clip(e.clientAddress(), ADDRESS_WIDTH), outcome, detail, null);
  }

  /**
   * Cuts a value to the column's width: a username typed at sign-in is whatever the client sent,
   * and an over-long one must not turn a failed sign-in into a database error that escapes the log.
   */
  static String clip(String value, int width) {
    return value == null || value.length() <= width ? value : value.substring(0, width);
  }
}
