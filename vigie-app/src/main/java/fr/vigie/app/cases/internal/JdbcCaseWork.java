package fr.vigie.app.cases.internal;

import static fr.vigie.app.storage.Timestamps.instant;
import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.cases.CaseDossier;
import fr.vigie.app.cases.CaseNote;
import fr.vigie.app.cases.CaseOutcome;
import fr.vigie.app.cases.CaseStatus;
import fr.vigie.app.cases.CaseTask;
import fr.vigie.app.cases.Exhibit;
import fr.vigie.app.cases.OpenWork;
import fr.vigie.app.cases.TimelineEntry;
import fr.vigie.app.security.Access;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL for the work done on a case: status, suspects, notes, tasks, exhibits and the timeline.
 * Every list is ordered on stable keys, which the export's manifest relies on.
 */
@Repository
public class JdbcCaseWork {

  private final JdbcClient jdbc;

  JdbcCaseWork(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The columns of a case the lifecycle and the export need beyond {@code CaseFile}. */
  public record CaseExtra(String summary, String outcome, String outcomeNote, Instant closedAt,
      String closedBy) {}

  public CaseExtra extra(long caseId) {
    return jdbc.sql("select summary, outcome, outcome_note, closed_at, closed_by from cases where id = ?")
        .param(caseId)
        .query((rs, n) -> new CaseExtra(rs.getString("summary"), rs.getString("outcome"),
            rs.getString("outcome_note"), instant(rs, "closed_at"), rs.getString("closed_by")))
        .single();
  }

  public List<CaseDossier.CaseSuspect> suspects(long caseId) {
    return jdbc.sql("""
        select s.id, s.reference, s.display_name, u.code as unit_code, s.departement_code
        from case_suspects cs join suspects s on s.id = cs.suspect_id
        left join units u on u.id = s.unit_id
        where cs.case_id = ? order by s.reference
        """).param(caseId)
        .query((rs, n) -> new CaseDossier.CaseSuspect(rs.getLong("id"), rs.getString("reference"),
            rs.getString("display_name"), rs.getString("unit_code"),
            rs.getString("departement_code")))
        .list();
  }

  /** A suspect with its unit (null: unassigned), as a change to a case names it. */
  public record ScopedSuspect(long id, String reference, String displayName, Long unitId) {}

  private static final String SUSPECT = """
      select id, reference, display_name, unit_id from suspects s
      """;
  private static final String SUSPECT_SCOPE = " and (:national or s.unit_id = :unit)";

  public Optional<ScopedSuspect> visibleSuspect(Access access, long id) {
    return jdbc.sql(SUSPECT + " where s.id = :id" + SUSPECT_SCOPE).param("id", id)
        .param("national", access.national()).param("unit", access.unitOrNone())
        .query(JdbcCaseWork::scopedSuspect).optional();
  }

  /** Unscoped: only to record, in the audit log, where a refused suspect belongs. */
  public Optional<ScopedSuspect> anySuspectForAudit(long id) {
    return jdbc.sql(SUSPECT + " where s.id = :id").param("id", id)
        .query(JdbcCaseWork::scopedSuspect).optional();
  }

  public Optional<ScopedSuspect> visibleSuspectByReference(Access access, String reference) {
    return jdbc.sql(SUSPECT + " where s.reference = :ref" + SUSPECT_SCOPE).param("ref", reference)
        .param("national", access.national()).param("unit", access.unitOrNone())
        .query(JdbcCaseWork::scopedSuspect).optional();
  }

  /** Unscoped: only to record, in the audit log, where a refused suspect belongs. */
  public Optional<ScopedSuspect> anySuspectByReferenceForAudit(String reference) {
    return jdbc.sql(SUSPECT + " where s.reference = :ref").param("ref", reference)
        .query(JdbcCaseWork::scopedSuspect).optional();
  }

  private static ScopedSuspect scopedSuspect(java.sql.ResultSet rs, int n)
      throws java.sql.SQLException {
    return new ScopedSuspect(rs.getLong("id"), rs.getString("reference"),
        rs.getString("display_name"), (Long) rs.getObject("unit_id", Long.class));
  }

  /** The records a case is made of that a change names by id. */
  public enum Part {
    NOTE("case_notes", "note"),
    TASK("case_tasks", "task"),
    EXHIBIT("exhibits", "exhibit");

    private final String table;
    private final String objectType;

    Part(String table, String objectType) {
      this.table = table;
      this.objectType = objectType;
    }

    /** What the audit log calls it. */
    public String objectType() {
      return objectType;
    }
  }

  /** The case a note, task or exhibit belongs to, and that case's unit (null: unassigned). */
  public record Owner(long caseId, Long unitId) {}

  /** Unscoped: where a part named by id belongs, for the caller's scope check. */
  public Optional<Owner> ownerOf(Part part, long partId) {
    // The table name comes from the enum, never from the request.
    return jdbc.sql("select c.id, c.unit_id from " + part.table
            + " p join cases c on c.id = p.case_id where p.id = ?")
        .param(partId)
        .query((rs, n) -> new Owner(rs.getLong("id"), (Long) rs.getObject("unit_id", Long.class)))
        .optional();
  }

  public void addSuspect(long caseId, long suspectId) {
    jdbc.sql("""
        insert into case_suspects (case_id, suspect_id)
        select ?, ? where not exists
          (select 1 from case_suspects where case_id = ? and suspect_id = ?)
        """).params(caseId, suspectId, caseId, suspectId).update();
  }

  public long countCasesWithReferencePrefix(String prefix) {
    return jdbc.sql("select count(*) from cases where reference like ?").param(prefix + "%")
        .query(Long.class).single();
  }

  public boolean referenceTaken(String reference) {
    return jdbc.sql("select count(*) from cases where reference = ?").param(reference)
        .query(Long.class).single() > 0;
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Returns whether one of the case's suspects has an operator's answer naming a subscriber: the
   * suspect's identifiers were reported in reports whose IP events were requisitioned, and the
   * answer to one of those items identified someone.
   */
  public boolean hasIdentifiedSubscriber(long caseId) {
    return jdbc.sql("""
        select count(*) from case_suspects cs
        join suspect_identifiers si on si.suspect_id = cs.suspect_id
        join reported_identifiers ri on ri.kind = si.kind and ri.canonical_key = si.canonical_key
        join ip_events e on e.report_id = ri.report_id
        join requisition_items it on it.ip_event_id = e.id
        join subscribers sb on sb.requisition_item_id = it.id
        where cs.case_id = ? and sb.outcome = 'IDENTIFIED'
        """).param(caseId).query(Long.class).single() > 0;
  }

  public void moveTo(long caseId, CaseStatus to, CaseOutcome outcome, String outcomeNote,
      Instant at, String actor) {
    if (to == CaseStatus.CLOSED) {
      jdbc.sql("""
          update cases set closed_from = status, status = 'CLOSED', outcome = :outcome,
                 outcome_note = :note, closed_at = :at, closed_by = :by where id = :id
          """).param("outcome", outcome.name()).param("note", outcomeNote)
          .param("at", utc(at)).param("by", actor).param("id", caseId).update();
    } else {
      jdbc.sql("update cases set status = ? where id = ?").params(to.name(), caseId).update();
    }
  }

  /**
   * Reopens a closed case at the step it was closed from (OPEN for a case closed before that
   * was kept), clearing the outcome; returns that step. The outcome stays on the timeline.
   */
  public CaseStatus reopen(long caseId) {
    CaseStatus back = jdbc.sql("select coalesce(closed_from, 'OPEN') from cases where id = ?")
        .param(caseId).query(String.class).optional().map(CaseStatus::valueOf).orElseThrow();
    jdbc.sql("""
        update cases set status = :back, outcome = null, outcome_note = null, closed_at = null,
               closed_by = null, closed_from = null
        where id = :id and status = 'CLOSED'
        """).param("back", back.name()).param("id", caseId).update();
    return back;
  }

  /**
   * The requisitions of the case still waiting for an answer: made from the case
   * ({@code requisitions.case_id}) or covering an IP event of a report that carries one of its
   * suspects' identifiers (the chain of {@link #hasIdentifiedSubscriber}).
   */
  public List<OpenWork.PendingRequisition> pendingRequisitions(long caseId) {
    return jdbc.sql("""
        select r.id, r.reference, o.name as operator_name, r.status, r.sent_at, r.due_at
        from requisitions r join operators o on o.id = r.operator_id
        where r.status in ('DRAFTED', 'SENT', 'OVERDUE')
          and (r.case_id = :case or exists (
            select 1 from requisition_items it
            join ip_events e on e.id = it.ip_event_id
            join reported_identifiers ri on ri.report_id = e.report_id
            join suspect_identifiers si on si.kind = ri.kind
                 and si.canonical_key = ri.canonical_key
            join case_suspects cs on cs.suspect_id = si.suspect_id
            where it.requisition_id = r.id and cs.case_id = :case))
        order by r.reference
        """).param("case", caseId)
        .query((rs, n) -> new OpenWork.PendingRequisition(rs.getLong("id"),
            rs.getString("reference"), rs.getString("operator_name"), rs.getString("status"), instant(rs, "sent_at"),
            instant(rs, "due_at")))
        .list();
  }

  public void setUnit(long caseId, String unitCode) {
    jdbc.sql("update cases set unit_id = (select id from units where code = ?) where id = ?")
        .params(unitCode, caseId).update();
  }

  public void setSummary(long caseId, String summary) {
    jdbc.sql("update cases set summary = ? where id = ?").params(summary, caseId).update();
  }

  // ------------------------------------------------------------------ timeline

  public void event(long caseId, Instant at, String actor, String kind, String detail) {
    jdbc.sql("""
        insert into case_events (case_id, occurred_at, actor, kind, detail) values (?, ?, ?, ?, ?)
        """).params(caseId, utc(at), actor, kind, detail).update();
  }

  public List<TimelineEntry> timeline(long caseId) {
    return jdbc.sql("""
        select id, occurred_at, actor, kind, detail from case_events where case_id = ?
        order by occurred_at, id
        """).param(caseId)
        .query((rs, n) -> new TimelineEntry(rs.getLong("id"), instant(rs, "occurred_at"),
            rs.getString("actor"), rs.getString("kind"), rs.getString("detail")))
        .list();
  }

  // ------------------------------------------------------------------ notes

  public long addNote(long caseId, String body, Instant at, String actor) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into case_notes (case_id, body, written_at, written_by) values (?, ?, ?, ?)
        """).params(caseId, body, utc(at), actor).update(keys, "id");
    return keys.getKey().longValue();
  }

  /** Returns whether the note belonged to the case and was changed. */
  public boolean editNote(long caseId, long noteId, String body, Instant at, String actor) {
    return jdbc.sql("""
        update case_notes set body = ?, edited_at = ?, edited_by = ? where id = ? and case_id = ?
        """).params(body, utc(at), actor, noteId, caseId).update() == 1;
  }

  public List<CaseNote> notes(long caseId) {
    return jdbc.sql("select * from case_notes where case_id = ? order by written_at, id")
        .param(caseId)
        .query((rs, n) -> new CaseNote(rs.getLong("id"), rs.getString("body"),
            instant(rs, "written_at"), rs.getString("written_by"), instant(rs, "edited_at"),
            rs.getString("edited_by")))
        .list();
  }

  // ------------------------------------------------------------------ tasks

  public long addTask(long caseId, String title, String assignee, Instant dueAt, Instant at,
      String actor) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into case_tasks (case_id, title, assignee, due_at, created_at, created_by)
        values (?, ?, ?, ?, ?, ?)
        """).params(caseId, title, assignee, utc(dueAt), utc(at), actor).update(keys, "id");
    return keys.getKey().longValue();
  }

  /** Marks the task done (or not done again); returns its title if it belongs to the case. */
  public Optional<String> setTaskDone(long caseId, long taskId, boolean done, Instant at,
      String actor) {
    int changed = jdbc.sql("""
        update case_tasks set done_at = ?, done_by = ? where id = ? and case_id = ?
        """).params(done ? utc(at) : null, done ? actor : null, taskId, caseId).update();
    if (changed == 0) {
      return Optional.empty();
    }
    return jdbc.sql("select title from case_tasks where id = ?").param(taskId)
        .query(String.class).optional();
  }

  public List<CaseTask> tasks(long caseId) {
    return jdbc.sql("""
        select * from case_tasks where case_id = ? order by done_at nulls first, due_at, id
        """).param(caseId)
        .query((rs, n) -> new CaseTask(rs.getLong("id"), rs.getString("title"),
            rs.getString("assignee"), instant(rs, "due_at"), instant(rs, "done_at"),
            rs.getString("done_by"), instant(rs, "created_at"), rs.getString("created_by")))
        .list();
  }

  // ------------------------------------------------------------------ exhibits

  public long addExhibit(long caseId, Long replacesId, String fileName, String mediaType,
      long size, String sha256, String storageRef, String description, Instant at, String actor) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into exhibits (case_id, replaces_id, file_name, media_type, size_bytes, sha256,
                              storage_ref, description, added_at, added_by)
        values (:case, :replaces, :name, :type, :size, :sha, :ref, :description, :at, :by)
        """).param("case", caseId).param("replaces", replacesId).param("name", fileName)
        .param("type", mediaType).param("size", size).param("sha", sha256)
        .param("ref", storageRef).param("description", description).param("at", utc(at))
        .param("by", actor).update(keys, "id");
    return keys.getKey().longValue();
  }

  public List<Exhibit> exhibits(long caseId) {
    return jdbc.sql("select * from exhibits where case_id = ? order by id").param(caseId)
        .query((rs, n) -> exhibit(rs)).list();
  }

  public Optional<Exhibit> exhibit(long caseId, long exhibitId) {
    return jdbc.sql("select * from exhibits where case_id = ? and id = ?")
        .params(caseId, exhibitId).query((rs, n) -> exhibit(rs)).optional();
  }

  private static Exhibit exhibit(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Exhibit(rs.getLong("id"), rs.getLong("case_id"),
        (Long) rs.getObject("replaces_id", Long.class), rs.getString("file_name"),
        rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
        rs.getString("storage_ref"), rs.getString("description"), instant(rs, "added_at"),
        rs.getString("added_by"));
  }

  public Optional<Long> caseIdByReference(String reference) {
    return jdbc.sql("select id from cases where reference = ?").param(reference)
        .query(Long.class).optional();
  }

  public Optional<String> unitCode(Long unitId) {
    if (unitId == null) {
      return Optional.empty();
    }
    return jdbc.sql("select code from units where id = ?").param(unitId).query(String.class)
        .optional();
  }

  public boolean unitExists(String code) {
    return jdbc.sql("select count(*) from units where code = ?").param(code).query(Long.class)
        .single() > 0;
  }

  /**
   * The operations the case is a target of, as "reference — title (day)": read from the
   * operations feature's tables, not its code, so that operations may call cases.
   */
  public List<String> operations(long caseId) {
    return jdbc.sql("""
        select o.code || ' — ' || o.name || coalesce(' (' || to_char(o.planned_for, 'YYYY-MM-DD')
               || ')', '') as label
        from targets t join operations o on o.id = t.operation_id
        where t.case_id = ? order by o.planned_for, o.id
        """).param(caseId).query(String.class).list();
  }
}
