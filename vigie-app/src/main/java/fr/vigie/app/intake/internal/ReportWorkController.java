package fr.vigie.app.intake.internal;

import fr.vigie.app.intake.ReportAction;
import fr.vigie.app.intake.ReportChange;
import fr.vigie.app.intake.ReportStatus;
import fr.vigie.app.intake.ReportWork;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The report workflow's forms: a change to one report (its page) and a bulk action on a
 * selection of the list, both through {@link ReportWork}; back to where they came from with
 * what became of each report.
 */
@Controller
class ReportWorkController {

  private final ReportWork work;
  private final IntakeViews views;

  ReportWorkController(ReportWork work, IntakeViews views) {
    this.work = work;
    this.views = views;
  }

  /** A report a change was refused for, as the page names it. */
  record RefusalView(long id, String reference, String reason) {}

  /**
   * A change to one report: its status ({@code action=statut}), whom it is given to
   * ({@code attribution}) or its priority ({@code priorite}); back to the report with what
   * became of it.
   */
  @PostMapping("/signalements/{id}/suivi")
  @RequiresPermission(Permission.REPORTS_WORK)
  String change(@PathVariable("id") long id,
      @RequestParam(name = "action", required = false) String action,
      @RequestParam(name = "statut", required = false) String status,
      @RequestParam(name = "motif", required = false) String reason,
      @RequestParam(name = "unite", required = false) String unit,
      @RequestParam(name = "personne", required = false) String person,
      @RequestParam(name = "priorite", required = false) String priority,
      HttpServletRequest request, RedirectAttributes redirect) {
    ReportAction asked = switch (action == null ? "" : action) {
      case "statut" -> new ReportAction.Move(ReportStatus.parse(status), reason);
      case "attribution" -> new ReportAction.Assign(unit, person);
      case "priorite" -> new ReportAction.Prioritise("true".equals(priority));
      default -> null;
    };
    if (asked == null) {
      redirect.addFlashAttribute("workError", "intake.work.error.action");
      return "redirect:/signalements/" + id;
    }
    ReportChange done = work.apply(Callers.access(request.getRemoteAddr()), id, asked);
    if (done instanceof ReportChange.Refused r
        && r.reason().equals("intake.work.refused.notFound")) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    switch (done) {
      case ReportChange.Made m -> redirect.addFlashAttribute("message", "intake.work.done");
      case ReportChange.Refused r -> redirect.addFlashAttribute("workError", r.reason());
    }
    return "redirect:/signalements/" + id;
  }

  /**
   * A bulk action on the reports selected in the list: give them to a unit or a person
   * ({@code action=attribuer}), set their priority ({@code prioriser}) or close them with a
   * reason ({@code clore}). Each is checked against the caller's scope; back to the list with
   * how many were done and each one refused, and why.
   */
  @PostMapping("/signalements/lot")
  @RequiresPermission(Permission.REPORTS_WORK)
  String bulk(@RequestParam(name = "action", required = false) String action,
      @RequestParam(name = "selection", required = false) List<Long> selection,
      @RequestParam(name = "motif", required = false) String reason,
      @RequestParam(name = "unite", required = false) String unit,
      @RequestParam(name = "personne", required = false) String person,
      @RequestParam(name = "priorite", required = false) String priority,
      @RequestParam(name = "retour", required = false) String back,
      HttpServletRequest request, RedirectAttributes redirect) {
    // Back to the list as it was, never anywhere else.
    String target = back != null && back.startsWith("/signalements")
        && !back.startsWith("//") && !back.contains("\\") ? back : "/signalements";
    ReportAction asked = switch (action == null ? "" : action) {
      case "attribuer" -> new ReportAction.Assign(unit, person);
      case "prioriser" -> new ReportAction.Prioritise(!"false".equals(priority));
      case "clore" -> new ReportAction.Move(ReportStatus.NO_ACTION, reason);
      default -> null;
    };
    List<Long> ids = selection == null ? List.of() : selection;
    if (asked == null || ids.isEmpty() || ids.size() > ReportWork.MAX_SELECTED) {
      redirect.addFlashAttribute("workError", ids.size() > ReportWork.MAX_SELECTED
          ? "intake.work.error.tooMany" : ids.isEmpty() ? "intake.work.error.none"
          : "intake.work.error.action");
      return "redirect:" + target;
    }
    List<ReportChange> changes = work.applyAll(Callers.access(request.getRemoteAddr()), ids,
        asked);
    List<Long> refusedIds = changes.stream().filter(c -> c instanceof ReportChange.Refused)
        .map(ReportChange::reportId).toList();
    Map<Long, String> references = views.externalIds(refusedIds);
    List<RefusalView> refused = new ArrayList<>();
    for (ReportChange c : changes) {
      if (c instanceof ReportChange.Refused r) {
        // Another unit's report is named by its id only: its reference is not the caller's.
        boolean hidden = r.reason().equals("intake.work.refused.notFound");
        refused.add(new RefusalView(r.reportId(),
            hidden ? "#" + r.reportId() : references.getOrDefault(r.reportId(), "#" + r.reportId()),
            r.reason()));
      }
    }
    redirect.addFlashAttribute("bulkDone", changes.size() - refused.size());
    redirect.addFlashAttribute("bulkRefused", refused);
    return "redirect:" + target;
  }
}
