package fr.vigie.app.security;

/**
 * Published for every step of sign-in that succeeds or fails, and for sign-out, so that the audit
 * log can record it without the security feature depending on it.
 *
 * @param username as typed (may not exist)
 * @param role the account's role when known
 * @param step PASSWORD, TOTP, RECOVERY_CODE, ENROLMENT, OIDC or SIGN_OUT
 * @param outcome SUCCESS, FAILURE or LOCKED
 * @param detail why it failed (never the secret typed)
 */
public record SignInEvent(String username, Role role, Long unitId, String clientAddress,
    String step, String outcome, String detail) {}
