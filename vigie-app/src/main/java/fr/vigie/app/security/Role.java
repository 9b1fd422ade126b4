package fr.vigie.app.security;

/** What a user may do; see the authorisation matrix in README.md. */
public enum Role {
  /** Runs the system: users, units, reference data. */
  ADMIN,
  /** Central office analyst, national view. */
  ANALYST,
  /** Leads investigators, assigns and approves. */
  SUPERVISOR,
  /** Works the suspects and cases of one unit. */
  INVESTIGATOR,
  /** Reads everything and the audit log; changes nothing. */
  AUDITOR,
  /** Machine account of a P2P sensor or partner system; API only. */
  SENSOR;

  /** Returns the Spring Security authority for this role. */
  public String authority() {
    return "ROLE_" + name();
  }
}
