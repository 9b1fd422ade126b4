package fr.vigie.app.security.internal;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import java.time.Instant;

/**
 * An account as sign-in sees it. sealedTotpSecret is null until the second factor is enrolled;
 * it opens with {@link SealedSecrets} only.
 */
record Account(long id, String username, String displayName, String passwordHash, Role role,
    Long unitId, boolean enabled, String sealedTotpSecret, Long totpLastStep, int failedAttempts,
    Instant lockedUntil) {

  boolean enrolled() {
    return sealedTotpSecret != null;
  }

  boolean lockedAt(Instant now) {
    return lockedUntil != null && lockedUntil.isAfter(now);
  }

  Caller caller() {
    return new Caller(id, username, role, unitId);
  }

  @Override
  public String toString() {
    return "Account[" + username + ", " + role + "]"; // never the hash or the secret
  }
}
