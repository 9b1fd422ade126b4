package fr.vigie.app.security;

import java.util.Objects;

/**
 * The signed-in person or machine on whose behalf a request runs, as data-access code needs it:
 * who, with which role, in which unit. An investigator always has a unit; national roles may not.
 */
public record Caller(long userId, String username, Role role, Long unitId)
    implements java.security.Principal {

  public Caller {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
  }

  /** Returns the username: what Spring Security and the audit log call the caller's name. */
  @Override
  public String getName() {
    return username;
  }

  /**
   * Returns whether the caller sees every unit's records (central office, supervision, audit),
   * as opposed to an investigator who sees only their unit's.
   */
  public boolean national() {
    return role != Role.INVESTIGATOR;
  }

  /** Returns whether a record assigned to {@code recordUnitId} (null: not yet assigned) is visible. */
  public boolean sees(Long recordUnitId) {
    return national() || (recordUnitId != null && recordUnitId.equals(unitId));
  }
}
