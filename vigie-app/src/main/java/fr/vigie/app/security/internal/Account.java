package fr.vigie.app.security.internal;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import java.time.Instant;

/** An account as sign-in sees it. totpSecret is null until the second factor is enrolled. */
record Account(long id, String username, String displayName, String passwordHash, Role role,
    Long unitId, boolean enabled, String totpSecret, Long totpLastStep, int failedAttempts,
    Instant lockedUntil) {

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
