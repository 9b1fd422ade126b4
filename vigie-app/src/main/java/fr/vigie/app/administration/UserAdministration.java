package fr.vigie.app.administration;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.NewUser;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.security.UserSummary;
import fr.vigie.app.units.Unit;
import fr.vigie.app.units.UnitDirectory;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The accounts as an administrator changes them from the browser. Each change is recorded as
 * {@code vigie user} records its own (same action, object type, object and detail), but under the
 * administrator's name, role and address; the entry commits while the change's transaction is
 * still open, so a change whose entry cannot be written is rolled back.
 */
@Service
public class UserAdministration {

  /** The object type of user accounts in the audit log, as the command line writes it. */
  public static final String OBJECT_TYPE = "user";

  /** Letters and digits that cannot be mistaken for one another when read aloud or copied. */
  private static final String PASSWORD_ALPHABET =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int PASSWORD_LENGTH = 16;
  private static final String USERNAME = "[a-z][a-z0-9._-]{1,63}";

  private final UserAccounts accounts;
  private final UnitDirectory units;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final SecureRandom random = new SecureRandom();

  UserAdministration(UserAccounts accounts, UnitDirectory units, AuditLog audit,
      PlatformTransactionManager transactions) {
    this.accounts = accounts;
    this.units = units;
    this.audit = audit;
    this.transactions = new TransactionTemplate(transactions);
  }

  public List<UserSummary> users() {
    return accounts.list();
  }

  public List<Unit> units() {
    return units.units();
  }

  public Optional<UserSummary> user(String username) {
    return username == null ? Optional.empty()
        : accounts.list().stream().filter(u -> u.username().equals(username)).findFirst();
  }

  /**
   * Creates an account with a one-time password, returned once; a person enrols the second
   * factor at first sign-in, as after {@code vigie user add}.
   */
  public AdminOutcome create(Access admin, String username, String displayName, Role role,
      String unitCode) {
    String name = blankToNull(username);
    String unit = blankToNull(unitCode);
    if (name == null || !name.matches(USERNAME)) {
      return AdminOutcome.refused("admin.refused.username");
    }
    if (role == null) {
      return AdminOutcome.refused("admin.refused.role");
    }
    if (role == Role.INVESTIGATOR && unit == null) {
      return AdminOutcome.refused("admin.refused.investigatorUnit");
    }
    Long unitId = null;
    if (unit != null) {
      Optional<Unit> found = units.unit(unit);
      if (found.isEmpty()) {
        return AdminOutcome.refused("admin.refused.unit", unit);
      }
      unitId = found.get().id();
    }
    String password = oneTimePassword();
    String shown = blankToNull(displayName);
    NewUser user = new NewUser(name, shown == null ? name : shown.strip(), password, role, unit);
    boolean created = change(admin, AuditAction.CREATE, name, unitId,
        "account created: role " + role + (unit == null ? "" : ", unit " + unit),
        () -> accounts.createIfAbsent(user));
    if (!created) {
      return AdminOutcome.refused("admin.refused.exists", name);
    }
    return new AdminOutcome.Created("admin.created", List.of(name), password);
  }

  /** Enables or disables an account; an administrator cannot disable their own. */
  public AdminOutcome setEnabled(Access admin, String username, boolean enabled) {
    Optional<UserSummary> account = user(username);
    if (account.isEmpty()) {
      return AdminOutcome.refused("admin.refused.noSuchUser", String.valueOf(username));
    }
    if (!enabled && username.equals(admin.caller().username())) {
      return AdminOutcome.refused("admin.refused.self");
    }
    String state = enabled ? "enabled" : "disabled";
    change(admin, AuditAction.UPDATE, username, unitIdOf(account.get()), "account " + state,
        () -> accounts.setEnabled(username, enabled));
    return AdminOutcome.done(enabled ? "admin.enabled.done" : "admin.disabled.done", username);
  }

  /** Forgets the account's second factor: it enrols again at its next sign-in. */
  public AdminOutcome resetTotp(Access admin, String username) {
    Optional<UserSummary> account = user(username);
    if (account.isEmpty()) {
      return AdminOutcome.refused("admin.refused.noSuchUser", String.valueOf(username));
    }
    change(admin, AuditAction.UPDATE, username, unitIdOf(account.get()),
        "second factor reset: enrols again at next sign-in",
        () -> accounts.resetTotp(username));
    return AdminOutcome.done("admin.totpReset", username);
  }

  /** Gives the account a role and a unit (blank: none; an investigator needs one). */
  public AdminOutcome setRoleAndUnit(Access admin, String username, Role role, String unitCode) {
    Optional<UserSummary> account = user(username);
    if (account.isEmpty()) {
      return AdminOutcome.refused("admin.refused.noSuchUser", String.valueOf(username));
    }
    if (role == null) {
      return AdminOutcome.refused("admin.refused.role");
    }
    String unit = blankToNull(unitCode);
    if (role == Role.INVESTIGATOR && unit == null) {
      return AdminOutcome.refused("admin.refused.investigatorUnit");
    }
    Long unitId = null;
    if (unit != null) {
      Optional<Unit> found = units.unit(unit);
      if (found.isEmpty()) {
        return AdminOutcome.refused("admin.refused.unit", unit);
      }
      unitId = found.get().id();
    }
    UserSummary before = account.get();
    if (before.role() == role && java.util.Objects.equals(before.unitCode(), unit)) {
      return AdminOutcome.refused("admin.refused.unchanged", username);
    }
    if (before.role() == Role.ADMIN && role != Role.ADMIN
        && username.equals(admin.caller().username())) {
      return AdminOutcome.refused("admin.refused.self");
    }
    change(admin, AuditAction.UPDATE, username, unitId,
        "role and unit changed: role " + before.role() + " -> " + role + ", unit "
            + (before.unitCode() == null ? "none" : before.unitCode()) + " -> "
            + (unit == null ? "none" : unit),
        () -> accounts.setRoleAndUnit(username, role, unit));
    return AdminOutcome.done("admin.roleChanged", username);
  }

  /** Makes the change and records it with it, as the command line does; false: no change. */
  private boolean change(Access admin, AuditAction action, String username, Long unitId,
      String detail, BooleanSupplier change) {
    Boolean made = transactions.execute(status -> {
      if (!change.getAsBoolean()) {
        return false;
      }
      audit.record(AuditEvent.of(admin.caller().username(), admin.caller().role().name(), action,
          OBJECT_TYPE, username, unitId, admin.clientAddress()).withDetail(detail));
      return true;
    });
    return Boolean.TRUE.equals(made);
  }

  private Long unitIdOf(UserSummary account) {
    return account.unitCode() == null ? null
        : units.unit(account.unitCode()).map(Unit::id).orElse(null);
  }

  private String oneTimePassword() {
    StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
    for (int i = 0; i < PASSWORD_LENGTH; i++) {
      password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
    }
    return password.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
