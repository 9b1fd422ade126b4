package fr.vigie.app.operations;

import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.AuditedReads;
import fr.vigie.app.operations.internal.JdbcOperations;
import fr.vigie.app.security.Access;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coordinated operations and their targets. Each unit sees the targets it carries out; the
 * national roles see every target. Another unit's target is answered as missing, and recorded.
 */
@Service
public class Operations {

  private final JdbcOperations operations;
  private final AuditLog audit;
  private final AuditedReads reads;

  Operations(JdbcOperations operations, AuditLog audit, AuditedReads reads) {
    this.operations = operations;
    this.audit = audit;
    this.reads = reads;
  }

  @Transactional(readOnly = true)
  public List<Target> targetsVisible(Access access) {
    List<Target> targets = operations.findVisibleTargets(access);
    audit.recordRead(access, "target-list", "all", null);
    return targets;
  }

  @Transactional(readOnly = true)
  public Optional<Target> findTarget(Access access, long id) {
    return reads.find(access, "target", id, i -> operations.findVisibleTarget(access, i),
        operations::findAnyTargetForAudit, Target::unitId);
  }

  /** Plans an operation with its targets and returns its id. */
  @Transactional
  public long plan(OperationDraft draft) {
    return operations.insert(draft);
  }
}
