package fr.vigie.app.suspects;

import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.AuditedReads;
import fr.vigie.app.security.Access;
import fr.vigie.app.suspects.internal.JdbcSuspectHub;
import fr.vigie.app.suspects.internal.JdbcSuspects;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suspects, read through the caller's scope: an investigator sees their unit's, the national
 * roles see all. A suspect outside the scope is answered exactly like one that does not exist,
 * and the attempt is on the audit record.
 */
@Service
public class Suspects {

  private final JdbcSuspects suspects;
  private final AuditLog audit;
  private final AuditedReads reads;
  private final JdbcSuspectHub hub;

  Suspects(JdbcSuspects suspects, AuditLog audit, AuditedReads reads, JdbcSuspectHub hub) {
    this.suspects = suspects;
    this.hub = hub;
    this.audit = audit;
    this.reads = reads;
  }

  /** Returns one page of the suspects the caller may see, newest first. */
  @Transactional(readOnly = true)
  public List<Suspect> visible(Access access, int page, int size) {
    List<Suspect> list = suspects.findVisible(access, page, size);
    audit.recordRead(access, "suspect-list", "page-" + page, null);
    return list;
  }

  /**
   * Hands the suspects the caller may see to {@code each}, newest first as the list, at most
   * {@code max} (fetched a thousand at a time); returns whether there were more. The export is
   * on the record before the first suspect is handed over.
   */
  public boolean exportVisible(Access access, int max,
      java.util.function.Consumer<Suspect> each) {
    audit.record(fr.vigie.app.audit.AuditEvent.of(access.caller().username(),
        access.caller().role().name(), fr.vigie.app.audit.AuditAction.EXPORT, "suspect-list",
        access.national() ? "national" : "unit", access.national() ? null : access.unitOrNone(),
        access.clientAddress()));
    Suspect last = null;
    int handed = 0;
    while (true) {
      int batch = Math.min(1000, max - handed);
      List<Suspect> rows = suspects.findVisibleAfter(access, last, batch + 1);
      boolean more = rows.size() > batch;
      List<Suspect> shown = more ? rows.subList(0, batch) : rows;
      shown.forEach(each);
      handed += shown.size();
      if (!more) {
        return false;
      }
      if (handed >= max) {
        return true;
      }
      last = shown.getLast();
    }
  }

  /** Returns how many suspects the caller may see. */
  public long countVisible(Access access) {
    return suspects.countVisible(access);
  }

  /**
   * Returns the suspect and its identifiers if the caller may see it; empty when it does not
   * exist or lies outside the caller's unit — both recorded.
   */
  @Transactional(readOnly = true)
  public Optional<SuspectFile> find(Access access, long id) {
    return reads.find(access, "suspect", id, i -> suspects.findVisible(access, i),
            suspects::findAnyForAudit, Suspect::unitId)
        .map(s -> new SuspectFile(s, suspects.identifiersOf(s.id())));
  }

  /**
   * Returns the links that explain a suspect (its own, and the proposals and rejections reaching
   * it from other suspects). Call only after {@link #find} has let the caller see the suspect.
   */
  /**
   * The IP events that identified this suspect: those of the operators' answers that named one
   * of its subscribers, and those a link's evidence names (what the suspect's page shows the P2P
   * observations of). Callers have checked the suspect is visible to them.
   */
  @Transactional(readOnly = true)
  public List<Long> ipEventsOf(long suspectId) {
    return suspects.ipEventsOf(suspectId);
  }

  /**
   * The suspect's links, with their evidence.
   */
  @Transactional(readOnly = true)
  public List<SuspectLink> linksOf(long suspectId) {
    return suspects.linksOf(suspectId);
  }

  /**
   * Returns what the page gathers around a suspect — its reports, their IP events and files,
   * its operation targets — within the caller's unit. {@code evidenceReports} are the reports its
   * links cite, whose references are looked up too (a superseded version is not listed). Call
   * only after {@link #find} has let the caller see the suspect.
   */
  @Transactional(readOnly = true)
  public SuspectHub hubOf(Access access, long suspectId, Collection<Long> evidenceReports) {
    return hub.of(access, suspectId, evidenceReports);
  }

  /** Registers a suspect with its identifiers and returns its id. */
  @Transactional
  public long register(SuspectDraft draft) {
    return suspects.insert(draft);
  }

  /**
   * Returns how many active suspects of the département the unit holds: those it was given
   * because it covers the département (the linking assigns a new suspect to the unit covering
   * its département).
   */
  public long countActiveByDepartement(String departementCode, long unitId) {
    return suspects.countActiveByDepartement(departementCode, unitId);
  }

  /**
   * Gives the active suspects of the département held by {@code fromUnitId} to {@code toUnitId},
   * when another unit comes to cover it; returns how many moved. The caller records the change.
   */
  @Transactional
  public int moveActiveByDepartement(String departementCode, long fromUnitId, long toUnitId) {
    return suspects.moveActiveByDepartement(departementCode, fromUnitId, toUnitId);
  }
}
