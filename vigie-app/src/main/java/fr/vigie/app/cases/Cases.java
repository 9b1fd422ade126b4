package fr.vigie.app.cases;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.AuditedReads;
import fr.vigie.app.cases.internal.JdbcCaseWork;
import fr.vigie.app.cases.internal.JdbcCases;
import fr.vigie.app.security.Access;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cases, read through the caller's scope like suspects: another unit's case is answered as
 * missing, and the attempt recorded. Every change goes on the case's timeline and in the audit
 * log. Every change also goes through one scope rule first ({@link #forChange}, {@link
 * CaseScope}): a change to a case outside the caller's scope, or one naming another unit's
 * suspect, note, task or exhibit, is answered as missing and recorded DENIED with that unit.
 */
@Service
public class Cases {

  /** The most suspects one case is opened for at once: each is checked and may be recorded. */
  public static final int MAX_SUSPECTS_OPENED = 200;

  private final JdbcCases cases;
  private final JdbcCaseWork work;
  private final CaseScope scope;
  private final AuditLog audit;
  private final AuditedReads reads;
  private final Clock clock;

  Cases(JdbcCases cases, JdbcCaseWork work, CaseScope scope, AuditLog audit, AuditedReads reads,
      Clock clock) {
    this.cases = cases;
    this.work = work;
    this.scope = scope;
    this.audit = audit;
    this.reads = reads;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public List<CaseFile> visible(Access access, int page, int size) {
    List<CaseFile> list = cases.findVisible(access, page, size);
    audit.recordRead(access, "case-list", "page-" + page, null);
    return list;
  }

  /**
   * Hands the cases the caller may see to {@code each}, newest first as the list, at most
   * {@code max} (fetched a thousand at a time); returns whether there were more. The export is
   * on the record before the first case is handed over.
   */
  public boolean exportVisible(Access access, int max,
      java.util.function.Consumer<CaseFile> each) {
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
        AuditAction.EXPORT, "case-list", access.national() ? "national" : "unit",
        access.national() ? null : access.unitOrNone(), access.clientAddress()));
    CaseFile last = null;
    int handed = 0;
    while (true) {
      int batch = Math.min(1000, max - handed);
      List<CaseFile> rows = cases.findVisibleAfter(access, last, batch + 1);
      boolean more = rows.size() > batch;
      List<CaseFile> shown = more ? rows.subList(0, batch) : rows;
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

  @Transactional(readOnly = true)
  public Optional<CaseFile> find(Access access, long id) {
    return reads.find(access, "case", id, i -> cases.findVisible(access, i),
        cases::findAnyForAudit, CaseFile::unitId);
  }

  /** Returns the whole dossier if the caller may see the case (the read is audited). */
  @Transactional(readOnly = true)
  public Optional<CaseDossier> dossier(Access access, long id) {
    return find(access, id).map(this::dossierOf);
  }

  /** The dossier of a case already checked to be in scope; not audited on its own. */
  CaseDossier dossierOf(CaseFile file) {
    JdbcCaseWork.CaseExtra extra = work.extra(file.id());
    return new CaseDossier(file, extra.summary(), extra.outcome(), extra.outcomeNote(),
        work.suspects(file.id()), work.notes(file.id()), work.tasks(file.id()),
        work.exhibits(file.id()), work.timeline(file.id()));
  }

  /** The operations the case is a target of ("reference — title (day)"), for its page. */
  @Transactional(readOnly = true)
  public List<String> operationsOf(CaseFile file) {
    return work.operations(file.id());
  }

  /** Opens a case and returns its id. */
  @Transactional
  public long open(CaseDraft draft) {
    return cases.insert(draft);
  }

  /**
   * Opens a case for the suspects given, refused when one of them is already in an open case
   * ({@link #openFor(Access, List, String, String)}, without choosing to open anyway).
   */
  @Transactional
  public Optional<CaseOpening> openFor(Access access, List<Long> suspectIds, String title) {
    return openFor(access, suspectIds, title, null);
  }

  /**
   * Opens a case for the suspects given (one investigation may hold several), carried by the
   * caller's unit, else by the suspects' unit when they share one. Empty when one of the
   * suspects is outside the caller's scope or does not exist: then no case is opened (never one
   * with that suspect silently left out) and each refusal is on the record.
   *
   * <p>One open case per suspect: when one of them is already in an open case, the answer is
   * {@link CaseOpening.AlreadyOpen} naming those cases, and the refusal is audited (FAILURE) —
   * unless {@code anywayReason} is given, the explicit choice to open a second one, which is
   * then on the new case's timeline and in the audit entry with the cases it doubles. A blank
   * reason is {@link CaseOpening.ReasonMissing}; with no suspect held, the reason is not needed
   * and not kept.
   *
   * @param anywayReason null: the rule applies; else why a second open case is needed
   * @throws IllegalArgumentException when no suspect is given, or more than {@link
   *     #MAX_SUSPECTS_OPENED}
   */
  @Transactional
  public Optional<CaseOpening> openFor(Access access, List<Long> suspectIds, String title,
      String anywayReason) {
    if (suspectIds.isEmpty() || suspectIds.size() > MAX_SUSPECTS_OPENED) {
      throw new IllegalArgumentException("a case is opened for 1 to " + MAX_SUSPECTS_OPENED
          + " suspects, not " + suspectIds.size());
    }
    List<JdbcCaseWork.ScopedSuspect> suspects = new ArrayList<>();
    boolean refused = false;
    for (long suspectId : suspectIds.stream().distinct().toList()) {
      Optional<JdbcCaseWork.ScopedSuspect> suspect = scope.suspect(access, suspectId,
          AuditAction.CREATE, "open a case");
      suspect.ifPresent(suspects::add);
      refused |= suspect.isEmpty();
    }
    if (refused) {
      return Optional.empty();
    }
    return Optional.of(open(suspects, title, anywayReason, AuditActor.of(access),
        access.caller().unitId(), access.national(), access.unitOrNone()));
  }

  /**
   * Opens a case from the command line ({@code vigie case open}), which runs with the rights of
   * whoever may open the database: unscoped, audited under the operating-system actor (role
   * CLI). The same rule holds: one open case per suspect, unless {@code anywayReason} is given.
   *
   * @throws IllegalArgumentException when a reference names no suspect, or there are none or
   *     more than {@link #MAX_SUSPECTS_OPENED}
   */
  @Transactional
  public CaseOpening openFromCommandLine(List<String> suspectReferences, String title,
      String anywayReason, String actor) {
    if (suspectReferences.isEmpty() || suspectReferences.size() > MAX_SUSPECTS_OPENED) {
      throw new IllegalArgumentException("a case is opened for 1 to " + MAX_SUSPECTS_OPENED
          + " suspects, not " + suspectReferences.size());
    }
    List<JdbcCaseWork.ScopedSuspect> suspects = new ArrayList<>();
    for (String reference : suspectReferences.stream().map(String::strip).distinct().toList()) {
      suspects.add(work.anySuspectByReferenceForAudit(reference).orElseThrow(
          () -> new IllegalArgumentException("no suspect with reference " + reference)));
    }
    return open(suspects, title, anywayReason, AuditActor.commandLine(actor), null, true, -1);
  }

  /** Opens a case for suspects already checked to be the caller's, under the rule above. */
  private CaseOpening open(List<JdbcCaseWork.ScopedSuspect> found, String title,
      String anywayReason, AuditActor actor, Long callerUnitId, boolean national, long unit) {
    List<JdbcCaseWork.ScopedSuspect> suspects = new ArrayList<>(found);
    suspects.sort(Comparator.comparing(JdbcCaseWork.ScopedSuspect::reference));
    List<Long> ids = suspects.stream().map(JdbcCaseWork.ScopedSuspect::id).toList();
    cases.lockSuspects(ids);
    List<HeldBy> holders = cases.holders(national, unit, ids, true);
    String reason = anywayReason == null || holders.isEmpty() ? null : anywayReason.strip();
    if (!holders.isEmpty() && reason == null) {
      for (JdbcCaseWork.ScopedSuspect suspect : suspects) {
        List<HeldBy> its = holders.stream().filter(h -> h.suspectId() == suspect.id()).toList();
        if (!its.isEmpty()) {
          audit.record(actor.event(AuditAction.CREATE, "suspect", suspect.id(), suspect.unitId())
              .withOutcome("FAILURE").withDetail("open a case: refused, one open case per "
                  + "suspect: " + heldBy(its)));
        }
      }
      return new CaseOpening.AlreadyOpen(holders);
    }
    if (!holders.isEmpty() && reason.isEmpty()) {
      return new CaseOpening.ReasonMissing(holders);
    }
    Long unitId = callerUnitId;
    if (unitId == null) {
      List<Long> units = suspects.stream().map(JdbcCaseWork.ScopedSuspect::unitId).distinct()
          .toList();
      unitId = units.size() == 1 ? units.getFirst() : null;
    }
    Instant now = now();
    String reference = nextReference(now);
    String chosenTitle = title == null || title.isBlank()
        ? "Dossier " + suspects.getFirst().reference()
            + (suspects.getFirst().displayName() == null ? ""
                : " — " + suspects.getFirst().displayName())
        : title.strip();
    long id = cases.insert(new CaseDraft(reference, chosenTitle, work.unitCode(unitId).orElse(null),
        now, actor.name(), ids));
    String anyway = holders.isEmpty() ? "" : "; opened anyway beside " + heldBy(holders)
        + ": " + reason;
    if (!holders.isEmpty()) {
      work.event(id, now, actor.name(), "OPENED_ANYWAY", heldBy(holders) + ": " + reason);
    }
    audit.record(actor.event(AuditAction.CREATE, "case", id, unitId)
        .withDetail("opened " + reference + " for " + suspects.stream()
            .map(JdbcCaseWork.ScopedSuspect::reference).toList() + anyway));
    return new CaseOpening.Opened(id);
  }

  /** "S-1 in D-2026-0001, S-2 in D-2026-0003": which open case holds which suspect. */
  private static String heldBy(List<HeldBy> holders) {
    return String.join(", ", holders.stream()
        .map(h -> h.suspectReference() + " in " + h.caseReference()).toList());
  }

  /** A case by id, unscoped: for the command line, which runs with the database's rights. */
  @Transactional(readOnly = true)
  public Optional<CaseFile> findForCommandLine(long id) {
    return cases.findAnyForAudit(id);
  }

  /**
   * The cases that hold a suspect, open and closed, for the suspect's page (whose read is
   * audited): each visible one with its link, another unit's by reference only.
   */
  @Transactional(readOnly = true)
  public List<HeldBy> holding(Access access, long suspectId) {
    return cases.holders(access, List.of(suspectId), false);
  }

  /**
   * The case, if the caller may change it: the one rule every change goes through, before
   * anything else is read from the request. Outside the caller's scope (or missing) it is empty,
   * and the refused change is on the audit record (DENIED with the case's unit, or NOT_FOUND),
   * whatever the change.
   *
   * @param action what the change would be (CREATE of a note, task or exhibit; UPDATE else)
   * @param change what was asked, for the record (e.g. "note", "status")
   */
  @Transactional(readOnly = true)
  public Optional<CaseFile> forChange(Access access, long id, AuditAction action,
      String change) {
    return scope.caseFor(access, id, action, change);
  }

  /**
   * Moves the case to {@code to}, if its preconditions hold. Closing needs an outcome; the
   * other steps go forward one at a time. Both moves and refusals are audited; moves are on the
   * timeline. Empty when the case is not the caller's to change (on the record).
   */
  @Transactional
  public Optional<Transition> move(Access access, long id, CaseStatus to, CaseOutcome outcome,
      String note) {
    Optional<CaseFile> found = scope.caseFor(access, id, AuditAction.UPDATE, "status");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CaseFile file = found.get();
    CaseStatus from = CaseStatus.valueOf(file.status());
    List<Transition.Reason> reasons = preconditions(file, from, to, outcome);
    if (!reasons.isEmpty()) {
      audit.record(event(access, AuditAction.UPDATE, id, file.unitId()).withOutcome("FAILURE")
          .withDetail("refused " + from + " -> " + to + ": "
              + reasons.stream().map(Transition.Reason::detail).toList()));
      return Optional.of(new Transition.Refused(from, to, reasons));
    }
    Instant now = now();
    String cleanNote = note == null || note.isBlank() ? null : note.strip();
    work.moveTo(id, to, outcome, cleanNote, now, actor(access));
    String detail = from + " -> " + to + (outcome == null ? "" : " (" + outcome + ")")
        + (cleanNote == null ? "" : ": " + cleanNote);
    work.event(id, now, actor(access), "STATUS", detail);
    audit.record(event(access, AuditAction.UPDATE, id, file.unitId()).withDetail(detail));
    return Optional.of(new Transition.Moved(from, to));
  }

  /** Every unmet precondition of moving from {@code from} to {@code to}, in a fixed order. */
  List<Transition.Reason> preconditions(CaseFile file, CaseStatus from, CaseStatus to,
      CaseOutcome outcome) {
    List<Transition.Reason> reasons = new ArrayList<>();
    if (from == CaseStatus.CLOSED) {
      reasons.add(new Transition.Reason("case.refused.closed", "the case is closed"));
      return reasons;
    }
    if (to == CaseStatus.CLOSED) {
      if (outcome == null) {
        reasons.add(new Transition.Reason("case.refused.noOutcome",
            "closing a case needs an outcome"));
      }
      return reasons;
    }
    if (from.next().orElse(null) != to) {
      reasons.add(new Transition.Reason("case.refused.order",
          "from " + from + " the next step is " + from.next().map(Enum::name).orElse("closing")
              + ", not " + to));
      return reasons;
    }
    if (file.suspectReferences().isEmpty()) {
      reasons.add(new Transition.Reason("case.refused.noSuspect", "the case has no suspect"));
    }
    if (to == CaseStatus.READY_FOR_ACTION) {
      if (!work.hasIdentifiedSubscriber(file.id())) {
        reasons.add(new Transition.Reason("case.refused.noSubscriber",
            "no operator answer identifies a subscriber behind the suspects' IP events"));
      }
      if (file.unitId() == null) {
        reasons.add(new Transition.Reason("case.refused.noUnit",
            "no unit is responsible for the case"));
      }
    }
    return reasons;
  }

  /*
   * The changes below answer empty when the case, or a record the change names, is not the
   * caller's to change (the refusal is then on the audit record), and an outcome otherwise.
   */

  /**
   * Gives the case to a unit (by code). National roles only: an investigator's attempt is
   * refused, and recorded DENIED.
   */
  @Transactional
  public Optional<CaseChange> assignUnit(Access access, long id, String unitCode) {
    Optional<CaseFile> found = scope.caseFor(access, id, AuditAction.UPDATE, "unit");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CaseFile file = found.get();
    Optional<CaseChange> closed = refusedIfClosed(access, file, AuditAction.UPDATE, "unit");
    if (closed.isPresent()) {
      return closed;
    }
    String code = unitCode == null ? "" : unitCode.strip();
    if (!access.national()) {
      audit.record(event(access, AuditAction.UPDATE, id, file.unitId()).withOutcome("DENIED")
          .withDetail("unit: reserved to national roles"));
      return Optional.of(new CaseChange.Invalid("case.error.unit"));
    }
    if (!work.unitExists(code)) {
      return Optional.of(new CaseChange.Invalid("case.error.unit"));
    }
    work.setUnit(id, code);
    work.event(id, now(), actor(access), "UNIT", file.unitCode() + " -> " + code);
    audit.record(event(access, AuditAction.UPDATE, id, file.unitId())
        .withDetail("unit " + file.unitCode() + " -> " + code));
    return Optional.of(new CaseChange.Made(id));
  }

  /** Adds a suspect (by reference, within the caller's scope) to the case. */
  @Transactional
  public Optional<CaseChange> addSuspect(Access access, long id, String suspectReference) {
    Optional<CaseFile> file = scope.caseFor(access, id, AuditAction.UPDATE, "suspect");
    if (file.isEmpty()) {
      return Optional.empty();
    }
    Optional<CaseChange> closed = refusedIfClosed(access, file.get(), AuditAction.UPDATE,
        "suspect");
    if (closed.isPresent()) {
      return closed;
    }
    String reference = suspectReference == null ? "" : suspectReference.strip();
    if (reference.isEmpty()) {
      return Optional.of(new CaseChange.Invalid("case.error.suspect"));
    }
    Optional<JdbcCaseWork.ScopedSuspect> suspect = scope.suspect(access, reference,
        AuditAction.UPDATE, "suspect added to " + file.get().reference());
    if (suspect.isEmpty()) {
      return Optional.empty();
    }
    cases.lockSuspects(List.of(suspect.get().id()));
    List<HeldBy> holders = cases.holders(access, List.of(suspect.get().id()), true).stream()
        .filter(h -> h.caseId() != id).toList();
    if (!holders.isEmpty()) {
      audit.record(event(access, AuditAction.UPDATE, id, file.get().unitId())
          .withOutcome("FAILURE").withDetail("suspect: refused, one open case per suspect: "
              + heldBy(holders)));
      return Optional.of(new CaseChange.AlreadyHeld(holders));
    }
    work.addSuspect(id, suspect.get().id());
    work.event(id, now(), actor(access), "SUSPECT", reference);
    audit.record(event(access, AuditAction.UPDATE, id, file.get().unitId())
        .withDetail("suspect added " + reference));
    return Optional.of(new CaseChange.Made(id));
  }

  @Transactional
  public Optional<CaseChange> summarise(Access access, long id, String summary) {
    Optional<CaseFile> file = scope.caseFor(access, id, AuditAction.UPDATE, "summary");
    if (file.isEmpty()) {
      return Optional.empty();
    }
    Optional<CaseChange> closed = refusedIfClosed(access, file.get(), AuditAction.UPDATE,
        "summary");
    if (closed.isPresent()) {
      return closed;
    }
    work.setSummary(id, summary == null || summary.isBlank() ? null : summary.strip());
    work.event(id, now(), actor(access), "SUMMARY", summary);
    audit.record(event(access, AuditAction.UPDATE, id, file.get().unitId())
        .withDetail("summary"));
    return Optional.of(new CaseChange.Made(id));
  }

  /** Adds a note; {@link CaseChange.Made#id()} is the note's id. */
  @Transactional
  public Optional<CaseChange> addNote(Access access, long id, String body) {
    Optional<CaseFile> file = scope.caseFor(access, id, AuditAction.CREATE, "note");
    if (file.isEmpty()) {
      return Optional.empty();
    }
    Optional<CaseChange> closed = refusedIfClosed(access, file.get(), AuditAction.CREATE,
        "note");
    if (closed.isPresent()) {
      return closed;
    }
    if (body == null || body.isBlank()) {
      return Optional.of(new CaseChange.Invalid("case.error.empty"));
    }
    Instant now = now();
    long note = work.addNote(id, body.strip(), now, actor(access));
    work.event(id, now, actor(access), "NOTE", "note " + note);
    audit.record(event(access, AuditAction.CREATE, id, file.get().unitId())
        .withDetail("note " + note));
    return Optional.of(new CaseChange.Made(note));
  }

  @Transactional
  public Optional<CaseChange> editNote(Access access, long id, long noteId, String body) {
    Optional<CaseFile> file = scope.caseFor(access, id, AuditAction.UPDATE, "note edit");
    if (file.isEmpty() || scope.partOf(access, file.get(), JdbcCaseWork.Part.NOTE, noteId,
        AuditAction.UPDATE, "note edit on " + file.get().reference()).isEmpty()) {
      return Optional.empty();
    }
    Optional<CaseChange> closed = refusedIfClosed(access, file.get(), AuditAction.UPDATE,
        "note edit");
    if (closed.isPresent()) {
      return closed;
    }
    if (body == null || body.isBlank()) {
      return Optional.of(new CaseChange.Invalid("case.error.empty"));
    }
    Instant now = now();
    work.editNote(id, noteId, body.strip(), now, actor(access));
    work.event(id, now, actor(access), "NOTE_EDITED", "note " + noteId);
    audit.record(event(access, AuditAction.UPDATE, id, file.get().unitId())
        .withDetail("note " + noteId + " edited"));
    return Optional.of(new CaseChange.Made(noteId));
  }

  /** Adds a task; {@link CaseChange.Made#id()} is the task's id. */
  @Transactional
  public Optional<CaseChange> addTask(Access access, long id, String title, String assignee,
      Instant dueAt) {
    Optional<CaseFile> file = scope.caseFor(access, id, AuditAction.CREATE, "task");
    if (file.isEmpty()) {
      return Optional.empty();
    }
    Optional<CaseChange> closed = refusedIfClosed(access, file.get(), AuditAction.CREATE,
        "task");
    if (closed.isPresent()) {
      return closed;
    }
    if (title == null || title.isBlank()) {
      return Optional.of(new CaseChange.Invalid("case.error.empty"));
    }
    Instant now = now();
    String who = assignee == null || assignee.isBlank() ? null : assignee.strip();
    long task = work.addTask(id, title.strip(), who, dueAt, now, actor(access));
    work.event(id, now, actor(access), "TASK", title.strip()
        + (who == null ? "" : " -> " + who)
        + (dueAt == null ? "" : " (" + dueAt.atOffset(ZoneOffset.UTC).toLocalDate() + ")"));
    audit.record(event(access, AuditAction.CREATE, id, file.get().unitId())
        .withDetail("task " + task));
    return Optional.of(new CaseChange.Made(task));
  }

  @Transactional
  public Optional<CaseChange> markTask(Access access, long id, long taskId, boolean done) {
    Optional<CaseFile> file = scope.caseFor(access, id, AuditAction.UPDATE, "task-done");
    if (file.isEmpty() || scope.partOf(access, file.get(), JdbcCaseWork.Part.TASK, taskId,
        AuditAction.UPDATE, "task-done on " + file.get().reference()).isEmpty()) {
      return Optional.empty();
    }
    Optional<CaseChange> closed = refusedIfClosed(access, file.get(), AuditAction.UPDATE,
        "task-done");
    if (closed.isPresent()) {
      return closed;
    }
    Instant now = now();
    String title = work.setTaskDone(id, taskId, done, now, actor(access)).orElseThrow();
    work.event(id, now, actor(access), done ? "TASK_DONE" : "TASK_REOPENED", title);
    audit.record(event(access, AuditAction.UPDATE, id, file.get().unitId())
        .withDetail("task " + taskId + (done ? " done" : " reopened")));
    return Optional.of(new CaseChange.Made(taskId));
  }

  /**
   * Reopens a closed case, at the step it was closed from: an explicit act with a reason, on
   * the timeline ({@code REOPENED}) and in the audit log. A case that is not closed, or no
   * reason, is {@link CaseChange.Invalid}.
   */
  @Transactional
  public Optional<CaseChange> reopen(Access access, long id, String reason) {
    Optional<CaseFile> file = scope.caseFor(access, id, AuditAction.UPDATE, "reopen");
    if (file.isEmpty()) {
      return Optional.empty();
    }
    if (!isClosed(file.get())) {
      return Optional.of(new CaseChange.Invalid("case.error.notClosed"));
    }
    if (reason == null || reason.isBlank()) {
      return Optional.of(new CaseChange.Invalid("case.error.reopenReason"));
    }
    CaseStatus back = work.reopen(id);
    String detail = "CLOSED -> " + back + ": " + reason.strip();
    work.event(id, now(), actor(access), "REOPENED", detail);
    audit.record(event(access, AuditAction.UPDATE, id, file.get().unitId())
        .withDetail("reopened " + detail));
    return Optional.of(new CaseChange.Made(id));
  }

  /**
   * What is still open on a case the caller may see (tasks not done, requisitions not
   * answered), shown before closing it. The read is audited as the case's.
   */
  @Transactional(readOnly = true)
  public Optional<OpenWork> openWork(Access access, long id) {
    return find(access, id).map(file -> new OpenWork(
        work.tasks(id).stream().filter(t -> !t.done()).toList(),
        work.pendingRequisitions(id)));
  }

  static boolean isClosed(CaseFile file) {
    return CaseStatus.CLOSED.name().equals(file.status());
  }

  /**
   * A closed case is read-only: any change but reopening is refused, shown on the page and
   * recorded like other refused changes (the action tried, outcome FAILURE, the case's unit).
   */
  private Optional<CaseChange> refusedIfClosed(Access access, CaseFile file, AuditAction action,
      String change) {
    if (!isClosed(file)) {
      return Optional.empty();
    }
    audit.record(event(access, action, file.id(), file.unitId()).withOutcome("FAILURE")
        .withDetail(change + ": refused, " + file.reference() + " is closed"));
    return Optional.of(new CaseChange.Invalid("case.error.closed"));
  }

  private String nextReference(Instant now) {
    String prefix = "D-" + now.atOffset(ZoneOffset.UTC).getYear() + "-";
    long n = work.countCasesWithReferencePrefix(prefix) + 1;
    String reference;
    do {
      reference = prefix + String.format(Locale.ROOT, "%04d", n++);
    } while (work.referenceTaken(reference));
    return reference;
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  static String actor(Access access) {
    return access.caller().username();
  }

  static AuditEvent event(Access access, AuditAction action, long caseId, Long unitId) {
    return AuditEvent.of(access.caller().username(), access.caller().role().name(), action,
        "case", caseId, unitId, access.clientAddress());
  }
}
