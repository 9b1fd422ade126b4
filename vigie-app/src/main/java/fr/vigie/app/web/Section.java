package fr.vigie.app.web;

import fr.vigie.app.security.Permission;
import java.util.Arrays;
import java.util.Optional;

/**
 * The sections of the navigation, in order. Each has a path, a message key for its label and an
 * access key (Alt+digit in most browsers) so that a tired user can move without the mouse.
 */
public enum Section {
  DASHBOARD("/", "1", true, Permission.DASHBOARD),
  MY_WORK("/mon-travail", "w", true, Permission.MY_WORK),
  REPORTS("/signalements", "2", true, Permission.REPORTS_READ),
  IMPORTS("/imports", "i", true, Permission.REPORTS_READ),
  SUSPECTS("/suspects", "3", true, Permission.SUSPECTS_READ),
  TRIAGE("/file-attente", "t", true, Permission.SUSPECTS_READ),
  ATTRIBUTION("/attribution", "a", true, Permission.ATTRIBUTION_READ),
  REQUISITIONS("/requisitions", "r", true, Permission.ATTRIBUTION_READ),
  CASES("/dossiers", "4", true, Permission.CASES_READ),
  OPERATIONS("/operations", "5", true, Permission.OPERATIONS_READ),
  HASH_SETS("/empreintes", "6", true, Permission.HASH_SETS_READ),
  P2P("/p2p", "7", true, Permission.P2P_READ),
  STATISTICS("/statistiques", "8", true, Permission.STATISTICS_READ),
  OPERATORS("/operateurs", "o", true, Permission.ADMINISTER),
  ADMINISTRATION("/administration", "9", true, Permission.ADMINISTER),
  AUDIT("/audit", "0", true, Permission.AUDIT_READ);

  private final String path;
  private final String accessKey;
  private final boolean built;
  private final Permission permission;

  Section(String path, String accessKey, boolean built, Permission permission) {
    this.path = path;
    this.accessKey = accessKey;
    this.built = built;
    this.permission = permission;
  }

  /** Returns the permission needed to open the section; the navigation hides the others. */
  public Permission permission() {
    return permission;
  }

  public String path() {
    return path;
  }

  public String accessKey() {
    return accessKey;
  }

  /** Returns whether the section's page exists yet; the others say so plainly. */
  public boolean built() {
    return built;
  }

  /** Returns the key of the section's label in the message bundles, e.g. "nav.hash_sets". */
  public String messageKey() {
    return "nav." + name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Returns the id used in templates, e.g. "hash_sets". */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<Section> byPath(String path) {
    return Arrays.stream(values()).filter(s -> s.path.equals(path)).findFirst();
  }
}
