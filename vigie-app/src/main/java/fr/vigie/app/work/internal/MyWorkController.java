package fr.vigie.app.work.internal;

import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.cases.CaseWorkload;
import fr.vigie.app.cases.WorkloadTask;
import fr.vigie.app.intake.ReportWork;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The work page (/mon-travail): the caller's open cases, their open tasks with due dates
 * (overdue first, then the soonest, then those with none) and their unit's queue of reports
 * (given to the unit or to them, high priority first then the oldest). One read on the record.
 */
@Controller
class MyWorkController {

  /** The most rows each part shows; the full lists are one link away. */
  static final int SHOWN = 50;

  private final CaseWorkload cases;
  private final ReportWork reports;
  private final AuditLog audit;
  private final Clock clock;

  MyWorkController(CaseWorkload cases, ReportWork reports, AuditLog audit, Clock clock) {
    this.cases = cases;
    this.reports = reports;
    this.audit = audit;
    this.clock = clock;
  }

  /** A task as the page shows it: overdue or not at the time of the page. */
  record TaskView(WorkloadTask task, boolean overdue) {}

  @GetMapping("/mon-travail")
  @RequiresPermission(Permission.MY_WORK)
  String show(HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    Instant now = clock.instant();
    model.addAttribute("cases", cases.cases(access, SHOWN));
    model.addAttribute("tasks", cases.tasks(access, SHOWN).stream()
        .map(t -> new TaskView(t, t.overdueAt(now))).toList());
    model.addAttribute("queue", reports.queue(access, SHOWN));
    model.addAttribute("hasUnit", access.caller().unitId() != null);
    audit.recordRead(access, "my-work", access.caller().username(), access.caller().unitId());
    model.addAttribute("section", "my_work");
    return "my-work";
  }
}
