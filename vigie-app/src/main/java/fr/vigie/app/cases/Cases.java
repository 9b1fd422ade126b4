package fr.vigie.app.cases;

import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.AuditedReads;
import fr.vigie.app.cases.internal.JdbcCases;
import fr.vigie.app.security.Access;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cases, read through the caller's scope like suspects: another unit's case is answered as
 * missing, and the attempt recorded.
 */
@Service
public class Cases {

  private final JdbcCases cases;
  private final AuditLog audit;
  private final AuditedReads reads;

  Cases(JdbcCases cases, AuditLog audit, AuditedReads reads) {
    this.cases = cases;
    this.audit = audit;
    this.reads = reads;
  }

  @Transactional(readOnly = true)
  public List<CaseFile> visible(Access access, int page, int size) {
    List<CaseFile> list = cases.findVisible(access, page, size);
    audit.recordRead(access, "case-list", "page-" + page, null);
    return list;
  }

  @Transactional(readOnly = true)
  public Optional<CaseFile> find(Access access, long id) {
    return reads.find(access, "case", id, i -> cases.findVisible(access, i),
        cases::findAnyForAudit, CaseFile::unitId);
  }

  /** Opens a case and returns its id. */
  @Transactional
  public long open(CaseDraft draft) {
    return cases.insert(draft);
  }
}
