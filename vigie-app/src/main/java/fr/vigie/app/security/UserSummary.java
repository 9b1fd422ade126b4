package fr.vigie.app.security;

import java.time.Instant;

/** An account as an administrator lists it (never its secrets). */
public record UserSummary(String username, String displayName, Role role, String unitCode,
    boolean enabled, boolean totpEnrolled, Instant lockedUntil, Instant lastLoginAt) {}
