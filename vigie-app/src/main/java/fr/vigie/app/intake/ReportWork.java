package fr.vigie.app.intake;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.AuditedWrites;
import fr.vigie.app.intake.internal.JdbcReportWork;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Role;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.security.UserSummary;
import fr.vigie.app.units.Unit;
import fr.vigie.app.units.UnitDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The report workflow: moving a report (new → under review → linked / no further action, with
 * a reason), giving it to a unit or a person, and its priority; one report or a selection.
 *
 * <p>Each report goes through one scope rule first ({@link AuditedWrites}): the national office
 * acts on every report, a unit only on those given to it or to the caller; another's is refused
 * as not found and recorded DENIED with its unit. Every change is on the report's history and
 * in the audit log.
 */
@Service
public class ReportWork {

  /** The most reports one bulk action takes: each is checked and recorded. */
  public static final int MAX_SELECTED = 200;

  private final JdbcReportWork work;
  private final AuditedWrites writes;
  private final AuditLog audit;
  private final UnitDirectory units;
  private final UserAccounts accounts;
  private final Clock clock;

  ReportWork(JdbcReportWork work, AuditedWrites writes, AuditLog audit, UnitDirectory units,
      UserAccounts accounts, Clock clock) {
    this.work = work;
    this.writes = writes;
    this.audit = audit;
    this.units = units;
    this.accounts = accounts;
    this.clock = clock;
  }

  /** Applies the action to one report. */
  @Transactional
  public ReportChange apply(Access access, long reportId, ReportAction action) {
    return applyAll(access, List.of(reportId), action).getFirst();
  }

  /**
   * Applies the action to each selected report (duplicates once, at most {@link #MAX_SELECTED})
   * and answers, for each, whether it was done or why not.
   */
  @Transactional
  public List<ReportChange> applyAll(Access access, List<Long> reportIds, ReportAction action) {
    List<Long> ids = new ArrayList<>(new LinkedHashSet<>(reportIds));
    if (ids.size() > MAX_SELECTED) {
      throw new IllegalArgumentException("at most " + MAX_SELECTED + " reports at once, not "
          + ids.size());
    }
    // What the action names is checked once, before any report.
    String invalid = invalid(action);
    Target target = action instanceof ReportAction.Assign a && invalid == null ? target(a) : null;
    if (target == null && action instanceof ReportAction.Assign && invalid == null) {
      invalid = "intake.work.refused.target";
    }
    List<ReportChange> changes = new ArrayList<>();
    for (long id : ids) {
      changes.add(one(access, id, action, target, invalid));
    }
    return changes;
  }

  /** Returns whether the caller may change the report (the page shows its forms then). */
  @Transactional(readOnly = true)
  public boolean mayChange(Access access, long reportId) {
    return work.inScope(access, reportId).isPresent();
  }

  /** The report's history, oldest first (read with the report, which is on the record). */
  @Transactional(readOnly = true)
  public List<ReportEvent> history(long reportId) {
    return work.history(reportId);
  }

  /**
   * The open reports (new or under review) given to the caller's unit or to the caller, high
   * priority first then the oldest received. Like the report list, not a read of any one
   * report: the page that shows it records its own read.
   */
  @Transactional(readOnly = true)
  public List<AssignedReport> queue(Access access, int limit) {
    return work.queue(access.caller().unitId(), access.caller().username(), limit);
  }

  private String invalid(ReportAction action) {
    return switch (action) {
      case ReportAction.Move m when m.to() == null -> "intake.work.refused.transition";
      case ReportAction.Move m when ReportStatus.needsReason(m.to()) && blank(m.reason()) ->
          "intake.work.refused.reason";
      case ReportAction.Move m -> null;
      case ReportAction.Assign a -> null;
      case ReportAction.Prioritise p -> null;
    };
  }

  /** Who an assignment names: a unit, a person, or nobody (both null). */
  private record Target(Long unitId, String username) {}

  private Target target(ReportAction.Assign a) {
    Long unitId = null;
    if (!blank(a.unitCode())) {
      Optional<Unit> unit = units.unit(a.unitCode().strip());
      if (unit.isEmpty()) {
        return null;
      }
      unitId = unit.get().id();
    }
    String username = null;
    if (!blank(a.username())) {
      Optional<UserSummary> person = accounts.list().stream()
          .filter(u -> u.username().equals(a.username().strip()) && u.enabled()
              && (u.role() == Role.ANALYST || u.role() == Role.SUPERVISOR
                  || u.role() == Role.INVESTIGATOR))
          .findFirst();
      if (person.isEmpty()) {
        return null;
      }
      username = person.get().username();
      if (unitId == null && person.get().unitCode() != null) {
        unitId = units.unit(person.get().unitCode()).map(Unit::id).orElse(null);
      }
    }
    return new Target(unitId, username);
  }

  /** The change to one report: the scope first, then what was asked ({@code invalid}: why not). */
  private ReportChange one(Access access, long id, ReportAction action, Target target,
      String invalid) {
    Optional<JdbcReportWork.Worked> found = writes.find(access, AuditAction.UPDATE, "report", id,
        action.change(), i -> work.inScope(access, i), work::anyForAudit,
        JdbcReportWork.Worked::unitId);
    if (found.isEmpty()) {
      return new ReportChange.Refused(id, "intake.work.refused.notFound");
    }
    JdbcReportWork.Worked report = found.get();
    if (invalid != null) {
      return refused(access, report, action, invalid,
          invalid.substring(invalid.lastIndexOf('.') + 1));
    }
    ReportStatus from = ReportStatus.valueOf(report.status());
    if (from == ReportStatus.SUPERSEDED) {
      return refused(access, report, action, "intake.work.refused.superseded",
          "a superseded version");
    }
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    String actor = access.caller().username();
    String detail;
    switch (action) {
      case ReportAction.Move m -> {
        if (!from.next().contains(m.to())) {
          return refused(access, report, action, "intake.work.refused.transition",
              from + " -> " + m.to() + " is not a step");
        }
        String reason = blank(m.reason()) ? null : m.reason().strip();
        if (!work.move(id, from.name(), m.to().name(), reason)) {
          return refused(access, report, action, "intake.work.refused.changed",
              "moved by someone else meanwhile");
        }
        work.event(id, now, actor, "STATUS", from.name(), m.to().name(), null, null, null,
            reason);
        detail = from + " -> " + m.to() + (reason == null ? "" : ": " + reason);
      }
      case ReportAction.Assign a -> {
        work.assign(id, target.unitId(), target.username());
        work.event(id, now, actor, "ASSIGNED", null, null, target.unitId(), target.username(),
            null, null);
        detail = "assigned to unit " + target.unitId() + ", person " + target.username();
      }
      case ReportAction.Prioritise p -> {
        work.prioritise(id, p.high());
        work.event(id, now, actor, "PRIORITY", null, null, null, null, p.high(), null);
        detail = p.high() ? "high priority" : "normal priority";
      }
    }
    Long unit = action instanceof ReportAction.Assign ? target.unitId() : report.unitId();
    audit.record(event(access, id, unit).withDetail(detail));
    return new ReportChange.Made(id);
  }

  private ReportChange refused(Access access, JdbcReportWork.Worked report, ReportAction action,
      String key, String why) {
    audit.record(event(access, report.id(), report.unitId()).withOutcome("FAILURE")
        .withDetail(action.change() + " refused: " + why));
    return new ReportChange.Refused(report.id(), key);
  }

  private static AuditEvent event(Access access, long reportId, Long unitId) {
    return AuditEvent.of(access.caller().username(), access.caller().role().name(),
        AuditAction.UPDATE, "report", reportId, unitId, access.clientAddress());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
