package fr.vigie.app.cases;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditedWrites;
import fr.vigie.app.cases.internal.JdbcCaseWork;
import fr.vigie.app.cases.internal.JdbcCases;
import fr.vigie.app.security.Access;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The unit scope of every change to a case, through {@link AuditedWrites}: the case itself, and
 * each record a change names by id or reference (a note, a task, an exhibit, a suspect). Not in
 * scope is answered empty and is on the audit record, with the record's unit.
 */
@Component
class CaseScope {

  private final JdbcCases cases;
  private final JdbcCaseWork work;
  private final AuditedWrites writes;

  CaseScope(JdbcCases cases, JdbcCaseWork work, AuditedWrites writes) {
    this.cases = cases;
    this.work = work;
    this.writes = writes;
  }

  /** The case, if the caller may change it. */
  Optional<CaseFile> caseFor(Access access, long caseId, AuditAction action, String change) {
    return writes.find(access, action, "case", caseId, change,
        id -> cases.findVisible(access, id), cases::findAnyForAudit, CaseFile::unitId);
  }

  /**
   * The note, task or exhibit {@code partId} if it belongs to {@code file} (a case already in
   * scope). Another unit's is recorded DENIED with that unit; one of another case the caller may
   * see, or none at all, NOT_FOUND.
   */
  Optional<JdbcCaseWork.Owner> partOf(Access access, CaseFile file, JdbcCaseWork.Part part,
      long partId, AuditAction action, String change) {
    return writes.find(access, action, part.objectType(), partId, change,
        id -> work.ownerOf(part, id).filter(o -> o.caseId() == file.id()),
        id -> work.ownerOf(part, id).filter(o -> !access.caller().sees(o.unitId())),
        JdbcCaseWork.Owner::unitId);
  }

  /** A suspect named by id in a change (opening a case), if the caller may see it. */
  Optional<JdbcCaseWork.ScopedSuspect> suspect(Access access, long suspectId, AuditAction action,
      String change) {
    return writes.find(access, action, "suspect", suspectId, change,
        id -> work.visibleSuspect(access, id), work::anySuspectForAudit,
        JdbcCaseWork.ScopedSuspect::unitId);
  }

  /** A suspect named by reference in a change, if the caller may see it. */
  Optional<JdbcCaseWork.ScopedSuspect> suspect(Access access, String reference,
      AuditAction action, String change) {
    return writes.find(access, action, "suspect", reference, change,
        ref -> work.visibleSuspectByReference(access, ref), work::anySuspectByReferenceForAudit,
        JdbcCaseWork.ScopedSuspect::unitId);
  }
}
