package fr.vigie.app.cli;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.security.UserSummary;
import fr.vigie.app.units.Unit;
import fr.vigie.app.units.UnitDirectory;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Account changes made from the command line, each one on the audit record under the name of the
 * operating-system user who ran the command ({@code cli:alice}).
 */
final class AccountAdministration {

  /** The object type of user accounts in the audit log. */
  static final String OBJECT_TYPE = "user";

  /** The width of {@code audit_log.actor}. */
  private static final int ACTOR_WIDTH = 64;

  private final UserAccounts accounts;
  private final UnitDirectory units;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final String actor;

  AccountAdministration(UserAccounts accounts, UnitDirectory units, AuditLog audit,
      TransactionTemplate transactions, String actor) {
    this.accounts = accounts;
    this.units = units;
    this.audit = audit;
    this.transactions = transactions;
    this.actor = actor;
  }

  static AccountAdministration in(ApplicationContext context) {
    return new AccountAdministration(context.getBean(UserAccounts.class),
        context.getBean(UnitDirectory.class), context.getBean(AuditLog.class),
        new TransactionTemplate(context.getBean(PlatformTransactionManager.class)),
        operatingSystemActor());
  }

  /** Returns "cli:" and the name of the operating-system account running this process. */
  static String operatingSystemActor() {
    String name = "cli:" + System.getProperty("user.name", "unknown");
    return name.length() > ACTOR_WIDTH ? name.substring(0, ACTOR_WIDTH) : name;
  }

  UserAccounts accounts() {
    return accounts;
  }

  UnitDirectory units() {
    return units;
  }

  Optional<UserSummary> find(String username) {
    return accounts.list().stream().filter(u -> u.username().equals(username)).findFirst();
  }

  /** Returns the account or refuses, naming the username. */
  UserSummary existing(String username) {
    return find(username).orElseThrow(() -> new Refused("no such user: " + username
        + " (vigie user list shows the accounts)"));
  }

  /** Returns the unit of that code or refuses, listing the codes that exist. */
  Unit unit(String code) {
    return units.unit(code).orElseThrow(() -> new Refused("unknown unit: " + code
        + "; the units are " + String.join(", ",
            units.units().stream().map(Unit::code).sorted().toList())));
  }

  /**
   * Makes the change and records it together. The audit entry commits in its own transaction
   * while the change's is still open, so a change whose entry cannot be written is rolled back:
   * nothing changes off the record. When the change reports false (nothing to change), it refuses
   * with {@code refusal} and records nothing.
   */
  void change(AuditAction action, String username, Long unitId, String detail,
      BooleanSupplier change, String refusal) {
    transactions.executeWithoutResult(status -> {
      if (!change.getAsBoolean()) {
        throw new Refused(refusal);
      }
      audit.record(AuditEvent.of(actor, null, action, OBJECT_TYPE, username, unitId, null)
          .withDetail(detail));
    });
  }

  Long unitIdOf(UserSummary account) {
    return account.unitCode() == null ? null
        : units.unit(account.unitCode()).map(Unit::id).orElse(null);
  }
}
