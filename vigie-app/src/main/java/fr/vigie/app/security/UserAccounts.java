package fr.vigie.app.security;

import fr.vigie.app.security.internal.ApiTokens;
import fr.vigie.app.security.internal.JdbcApiTokens;
import fr.vigie.app.security.internal.JdbcUsers;
import fr.vigie.app.security.internal.SealedSecrets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, lists and changes the accounts of the people (and machines) who use Vigie. */
@Service
public class UserAccounts {

  private final JdbcUsers users;
  private final JdbcApiTokens tokens;
  private final PasswordEncoder passwords;
  private final SealedSecrets secrets;
  private final Clock clock;

  UserAccounts(JdbcUsers users, JdbcApiTokens tokens, PasswordEncoder passwords,
      SealedSecrets secrets, Clock clock) {
    this.users = users;
    this.tokens = tokens;
    this.passwords = passwords;
    this.secrets = secrets;
    this.clock = clock;
  }

  /**
   * Creates the account unless one with that username exists, and returns whether it did. A
   * human account enrols its second factor at first sign-in.
   *
   * @throws IllegalArgumentException when the unit code is unknown
   */
  @Transactional
  public boolean createIfAbsent(NewUser user) {
    return createIfAbsent(user, null);
  }

  /**
   * Creates an account already enrolled with the given TOTP secret (Base32, stored sealed), for
   * the demo's accounts whose secrets are printed; returns whether it created it.
   */
  @Transactional
  public boolean createIfAbsent(NewUser user, String totpSecret) {
    if (users.exists(user.username())) {
      return false;
    }
    var now = clock.instant();
    long id = users.insert(user, passwords.encode(user.password()), now);
    if (totpSecret != null) {
      users.enrolTotp(id, secrets.seal(id, totpSecret), null, now);
    }
    return true;
  }

  public List<UserSummary> list() {
    return users.list();
  }

  /** Enables or disables an account; returns false when there is no such account. */
  @Transactional
  public boolean setEnabled(String username, boolean enabled) {
    return users.setEnabled(username, enabled);
  }

  /**
   * Changes the account's role and unit (null: none); returns false when there is no such
   * account. An investigator belongs to a unit.
   *
   * @throws IllegalArgumentException when the unit code is unknown or an investigator has none
   */
  @Transactional
  public boolean setRoleAndUnit(String username, Role role, String unitCode) {
    if (role == Role.INVESTIGATOR && (unitCode == null || unitCode.isBlank())) {
      throw new IllegalArgumentException("an investigator belongs to a unit: give its code");
    }
    return users.setRoleAndUnit(username, role, unitCode);
  }

  /** Forgets the account's second factor; it enrols again at its next sign-in. */
  @Transactional
  public boolean resetTotp(String username) {
    return users.resetTotp(username);
  }

  /** The start of the refusal when a role may not hold an API token. */
  public static final String TOKEN_ROLES =
      "API tokens are for SENSOR accounts and roles that may import reports; ";

  /**
   * Returns whether accounts of this role may hold an API token: machine accounts (SENSOR), and
   * roles allowed to import reports, so that a partner system or a script can post files of
   * reports (POST /api/intake/reports). What the token may do is still the role's permissions.
   */
  public static boolean mayHoldToken(Role role) {
    return role == Role.SENSOR || AccessMatrix.allows(role, Permission.REPORTS_IMPORT);
  }

  /**
   * Issues an API token for a machine account and returns it: it is shown once and only its
   * SHA-256 is kept.
   */
  @Transactional
  public String issueToken(String username, String label, Duration validity) {
    UserSummary account = users.list().stream().filter(u -> u.username().equals(username))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no such user: " + username));
    if (!mayHoldToken(account.role())) {
      throw new IllegalArgumentException(TOKEN_ROLES + username + " is " + account.role());
    }
    String token = ApiTokens.newToken();
    var now = clock.instant();
    tokens.insert(username, label, ApiTokens.sha256(token), now,
        validity == null ? null : now.plus(validity));
    return token;
  }

  public long count() {
    return users.count();
  }
}
