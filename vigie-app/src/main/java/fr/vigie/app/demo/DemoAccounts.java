package fr.vigie.app.demo;

import fr.vigie.app.security.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The demo's sign-ins, one per human role. The passwords are printed by {@code ./vigie demo}: they
 * exist only in a demo database and must never be used anywhere else.
 */
public final class DemoAccounts {

  /** A demo sign-in. */
  public record Account(String username, String password, Role role, String displayName,
      String unitCode) {

    /**
     * Returns the account's TOTP secret (Base32), derived from the username so that it is the
     * same on every machine and can be printed; null for the machine account, which has none.
     */
    public String totpSecret() {
      if (role == Role.SENSOR) {
        return null;
      }
      try {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
            .digest(("vigie-demo-totp:" + username).getBytes(StandardCharsets.UTF_8));
        return new org.apache.commons.codec.binary.Base32()
            .encodeToString(java.util.Arrays.copyOf(digest, 20)).replace("=", "");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public static final List<Account> ALL = List.of(
      new Account("admin", "demo-admin-2026", Role.ADMIN, "Alice Admin (démo)", null),
      new Account("analyste", "demo-analyste-2026", Role.ANALYST, "Antoine Analyste (démo)",
          "OFMIN"),
      new Account("superviseur", "demo-superviseur-2026", Role.SUPERVISOR,
          "Sophie Superviseure (démo)", "OFMIN"),
      new Account("enqueteur.lyon", "demo-enqueteur-2026", Role.INVESTIGATOR,
          "Élise Enquêtrice (démo)", "OFMIN-LYON"),
      new Account("enqueteur.rennes", "demo-enqueteur-2026", Role.INVESTIGATOR,
          "René Enquêteur (démo)", "OFMIN-RENNES"),
      new Account("auditeur", "demo-auditeur-2026", Role.AUDITOR, "Aude Auditrice (démo)", null),
      new Account("capteur.p2p", "demo-capteur-p2p-2026", Role.SENSOR, "Capteur P2P (démo)",
          null));

  private DemoAccounts() {}
}
