package fr.vigie.app.administration.internal;

import fr.vigie.app.administration.AdminOutcome;
import fr.vigie.app.administration.CoverageAdministration;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.units.Departement;
import fr.vigie.app.web.Section;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The units and the départements each covers. Giving a département to another unit first
 * answers a confirmation page saying how many open records would move; only the confirmed
 * POST changes anything.
 */
@Controller
@RequiresPermission(Permission.ADMINISTER)
class CoverageController {

  private final CoverageAdministration coverage;
  private final MessageSource messages;

  CoverageController(CoverageAdministration coverage, MessageSource messages) {
    this.coverage = coverage;
    this.messages = messages;
  }

  @GetMapping("/administration/unites")
  String page(Model model) {
    return page(null, model);
  }

  @PostMapping("/administration/unites/couverture")
  String change(@RequestParam(name = "departement", required = false) String departement,
      @RequestParam(name = "unit", required = false) String unit,
      @RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed,
      HttpServletRequest request, Model model) {
    if (!confirmed) {
      CoverageAdministration.Preview preview = coverage.preview(departement, unit);
      if (preview instanceof CoverageAdministration.Preview.Change change) {
        model.addAttribute("change", change.change());
        model.addAttribute("section", Section.ADMINISTRATION.id());
        return "administration-coverage-confirm";
      }
      CoverageAdministration.Preview.Refused refused =
          (CoverageAdministration.Preview.Refused) preview;
      return page(AdminOutcome.refused(refused.messageKey(), refused.argument()), model);
    }
    return page(coverage.apply(Callers.access(request.getRemoteAddr()), departement, unit),
        model);
  }

  private String page(AdminOutcome outcome, Model model) {
    List<Departement> departements = coverage.departements();
    Map<String, List<Departement>> covered = departements.stream()
        .collect(Collectors.groupingBy(Departement::unitCode));
    model.addAttribute("units", coverage.units());
    model.addAttribute("covered", covered);
    model.addAttribute("departements", departements);
    model.addAttribute("refused", outcome instanceof AdminOutcome.Refused);
    model.addAttribute("outcomeText", outcome == null ? null : messages.getMessage(
        outcome.messageKey(), outcome.args().toArray(), LocaleContextHolder.getLocale()));
    model.addAttribute("section", Section.ADMINISTRATION.id());
    return "administration-units";
  }
}
