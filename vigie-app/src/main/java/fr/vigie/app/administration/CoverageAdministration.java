package fr.vigie.app.administration;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.security.Access;
import fr.vigie.app.suspects.Suspects;
import fr.vigie.app.units.Departement;
import fr.vigie.app.units.Unit;
import fr.vigie.app.units.UnitDirectory;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which unit covers which département. What is assigned by département today is the active
 * suspect: the linking gives a new suspect to the unit covering its département. A coverage
 * change moves the active suspects the former unit holds there to the new one, in one
 * transaction with the change and its audit entry. Reports follow their département in every
 * scoped view without being moved; cases keep the unit chosen when they were opened.
 */
@Service
public class CoverageAdministration {

  /** The object type of a département's coverage in the audit log. */
  public static final String OBJECT_TYPE = "departement";

  private final UnitDirectory units;
  private final Suspects suspects;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  CoverageAdministration(UnitDirectory units, Suspects suspects, AuditLog audit,
      PlatformTransactionManager transactions) {
    this.units = units;
    this.suspects = suspects;
    this.audit = audit;
    this.transactions = new TransactionTemplate(transactions);
  }

  public List<Unit> units() {
    return units.units();
  }

  public List<Departement> departements() {
    return units.departements();
  }

  /** What the change would do, or why it cannot be made (a refusal's message key). */
  public sealed interface Preview {
    /** The change, to confirm. */
    record Change(CoverageChange change) implements Preview {}

    /** Nothing to confirm, for the reason the key says. */
    record Refused(String messageKey, String argument) implements Preview {}
  }

  /** Says what giving the département to the unit would move; changes nothing. */
  public Preview preview(String departementCode, String unitCode) {
    Optional<Departement> departement = departements().stream()
        .filter(d -> d.code().equals(departementCode)).findFirst();
    if (departement.isEmpty()) {
      return new Preview.Refused("coverage.refused.departement",
          String.valueOf(departementCode));
    }
    Optional<Unit> to = unitCode == null ? Optional.empty() : units.unit(unitCode);
    if (to.isEmpty()) {
      return new Preview.Refused("admin.refused.unit", String.valueOf(unitCode));
    }
    Unit from = units.unit(departement.get().unitCode()).orElseThrow();
    if (from.id() == to.get().id()) {
      return new Preview.Refused("coverage.refused.same", to.get().name());
    }
    return new Preview.Change(new CoverageChange(departement.get(), from, to.get(),
        suspects.countActiveByDepartement(departementCode, from.id())));
  }

  /**
   * Gives the département to the unit and moves the open records with it, recorded; answers
   * what was done (the count is the one moved, which may differ from the one confirmed if
   * records arrived in between), or the refusal.
   */
  public AdminOutcome apply(Access admin, String departementCode, String unitCode) {
    Preview preview = preview(departementCode, unitCode);
    if (preview instanceof Preview.Refused refused) {
      return AdminOutcome.refused(refused.messageKey(), refused.argument());
    }
    CoverageChange change = ((Preview.Change) preview).change();
    Integer moved = transactions.execute(status -> {
      units.setResponsibleUnit(departementCode, change.to().id());
      int n = suspects.moveActiveByDepartement(departementCode, change.from().id(),
          change.to().id());
      audit.record(AuditEvent.of(admin.caller().username(), admin.caller().role().name(),
          AuditAction.UPDATE, OBJECT_TYPE, departementCode, change.to().id(),
          admin.clientAddress()).withDetail("coverage moved from " + change.from().code()
              + " to " + change.to().code() + ": " + n + " active suspects reassigned"));
      return n;
    });
    return AdminOutcome.done("coverage.done", change.departement().name(), change.to().name(),
        moved == null ? 0 : moved);
  }
}
