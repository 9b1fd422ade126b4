package fr.vigie.app.security;

import static fr.vigie.app.security.Permission.ADMINISTER;
import static fr.vigie.app.security.Permission.ATTRIBUTION_READ;
import static fr.vigie.app.security.Permission.AUDIT_EXPORT;
import static fr.vigie.app.security.Permission.AUDIT_READ;
import static fr.vigie.app.security.Permission.CASES_READ;
import static fr.vigie.app.security.Permission.CASES_WRITE;
import static fr.vigie.app.security.Permission.DASHBOARD;
import static fr.vigie.app.security.Permission.HASH_SETS_MANAGE;
import static fr.vigie.app.security.Permission.HASH_SETS_READ;
import static fr.vigie.app.security.Permission.MEDIA_REVEAL;
import static fr.vigie.app.security.Permission.MY_WORK;
import static fr.vigie.app.security.Permission.OPERATIONS_MANAGE;
import static fr.vigie.app.security.Permission.OPERATIONS_READ;
import static fr.vigie.app.security.Permission.P2P_READ;
import static fr.vigie.app.security.Permission.P2P_SUBMIT;
import static fr.vigie.app.security.Permission.REPORTS_IMPORT;
import static fr.vigie.app.security.Permission.REPORTS_READ;
import static fr.vigie.app.security.Permission.REPORTS_WORK;
import static fr.vigie.app.security.Permission.REQUISITIONS_MANAGE;
import static fr.vigie.app.security.Permission.SELF;
import static fr.vigie.app.security.Permission.STATISTICS_READ;
import static fr.vigie.app.security.Permission.SUSPECTS_READ;
import static fr.vigie.app.security.Permission.SUSPECTS_WRITE;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The authorisation matrix: which role holds which permission. This is the only place where it is
 * decided; README.md shows it as a table and {@code AuthorisationMatrixIT} walks every endpoint
 * with every role against it.
 *
 * <p>Principles: the administrator runs the system but reads no investigation data; the auditor
 * reads everything and changes nothing; an investigator holds the same permissions as an analyst
 * on suspects and cases, but only within their unit (enforced where the data is read); a sensor
 * only submits observations through the API.
 */
public final class AccessMatrix {

  private static final Map<Role, Set<Permission>> GRANTS = new EnumMap<>(Role.class);

  static {
    GRANTS.put(Role.ADMIN, EnumSet.of(SELF, DASHBOARD, STATISTICS_READ, HASH_SETS_READ,
        HASH_SETS_MANAGE, AUDIT_READ, AUDIT_EXPORT, ADMINISTER));
    GRANTS.put(Role.ANALYST, EnumSet.of(SELF, DASHBOARD, STATISTICS_READ, REPORTS_READ,
        REPORTS_IMPORT, SUSPECTS_READ, SUSPECTS_WRITE, CASES_READ, CASES_WRITE, OPERATIONS_READ,
        OPERATIONS_MANAGE, HASH_SETS_READ, HASH_SETS_MANAGE, MEDIA_REVEAL, P2P_READ));
    // Requisitions are drafted and signed by officers of any unit; an investigator's are
    // scoped to their unit. The administrator keeps the operators directory (ADMINISTER).
    GRANTS.get(Role.ANALYST).addAll(EnumSet.of(ATTRIBUTION_READ, REQUISITIONS_MANAGE));
    GRANTS.put(Role.SUPERVISOR, EnumSet.of(SELF, DASHBOARD, STATISTICS_READ, REPORTS_READ,
        REPORTS_IMPORT, SUSPECTS_READ, SUSPECTS_WRITE, CASES_READ, CASES_WRITE, OPERATIONS_READ,
        OPERATIONS_MANAGE, HASH_SETS_READ, MEDIA_REVEAL, P2P_READ));
    GRANTS.get(Role.SUPERVISOR).addAll(EnumSet.of(ATTRIBUTION_READ, REQUISITIONS_MANAGE));
    GRANTS.put(Role.INVESTIGATOR, EnumSet.of(SELF, DASHBOARD, STATISTICS_READ, REPORTS_READ,
        SUSPECTS_READ, SUSPECTS_WRITE, CASES_READ, CASES_WRITE, OPERATIONS_READ, HASH_SETS_READ,
        MEDIA_REVEAL));
    GRANTS.get(Role.INVESTIGATOR).addAll(EnumSet.of(ATTRIBUTION_READ, REQUISITIONS_MANAGE));
    GRANTS.put(Role.AUDITOR, EnumSet.of(SELF, DASHBOARD, STATISTICS_READ, REPORTS_READ, SUSPECTS_READ,
        CASES_READ, OPERATIONS_READ, HASH_SETS_READ, P2P_READ, AUDIT_READ, AUDIT_EXPORT));
    GRANTS.get(Role.AUDITOR).add(ATTRIBUTION_READ);
    GRANTS.put(Role.SENSOR, EnumSet.of(SELF, P2P_SUBMIT));
    // Working on reports: the central office on all of them, a unit on those given to it
    // (ReportWork); the auditor changes nothing.
    for (Role role : List.of(Role.ANALYST, Role.SUPERVISOR, Role.INVESTIGATOR)) {
      GRANTS.get(role).add(REPORTS_WORK);
    }
    // A work page for those who carry cases: investigators and their supervisors.
    GRANTS.get(Role.SUPERVISOR).add(MY_WORK);
    GRANTS.get(Role.INVESTIGATOR).add(MY_WORK);
  }

  private AccessMatrix() {}

  /** Returns whether the role holds the permission. */
  public static boolean allows(Role role, Permission permission) {
    return GRANTS.get(role).contains(permission);
  }

  /** Returns the permissions a role holds (a copy). */
  public static Set<Permission> permissionsOf(Role role) {
    return EnumSet.copyOf(GRANTS.get(role));
  }
}
