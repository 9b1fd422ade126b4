package fr.vigie.app.attribution.internal;

import fr.vigie.app.attribution.Operator;
import fr.vigie.app.attribution.OperatorEdit;
import fr.vigie.app.attribution.Operators;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The operators directory, for the administrator: list, and one form to create or edit. */
@Controller
@RequiresPermission(Permission.ADMINISTER)
class OperatorsController {

  private final Operators operators;

  OperatorsController(Operators operators) {
    this.operators = operators;
  }

  @GetMapping("/operateurs")
  String list(@RequestParam(name = "code", required = false) String code,
      @RequestParam(name = "saved", required = false) String saved, Model model) {
    OperatorEdit form = code == null ? empty()
        : operators.find(code).map(OperatorsController::edit).orElse(empty());
    return page(form, List.of(), saved, model);
  }

  @PostMapping("/operateurs")
  String save(@RequestParam(name = "code", required = false) String code,
      @RequestParam(name = "name", required = false) String name,
      @RequestParam(name = "legalContact", required = false) String legalContact,
      @RequestParam(name = "legalEmail", required = false) String legalEmail,
      @RequestParam(name = "portalUrl", required = false) String portalUrl,
      @RequestParam(name = "answerDelayDays", required = false) String delay,
      @RequestParam(name = "retentionDays", required = false) String retention,
      @RequestParam(name = "asns", required = false) String asns,
      @RequestParam(name = "cgnatRanges", required = false) String ranges,
      @RequestParam(name = "active", defaultValue = "false") boolean active,
      HttpServletRequest request, Model model) {
    OperatorEdit form = new OperatorEdit(code, name, legalContact, legalEmail, portalUrl, delay,
        retention, asns, ranges, active);
    List<String> errors = operators.save(form, Callers.access(request.getRemoteAddr()));
    if (errors.isEmpty()) {
      return "redirect:/operateurs?saved=" + code.strip().toUpperCase(java.util.Locale.ROOT);
    }
    return page(form, errors, null, model);
  }

  private String page(OperatorEdit form, List<String> errors, String saved, Model model) {
    model.addAttribute("operators", operators.list());
    model.addAttribute("form", form);
    model.addAttribute("errors", errors.stream().map(e -> e.split("\\|", 2)).toList());
    model.addAttribute("saved", saved);
    model.addAttribute("section", "operators");
    return "operators";
  }

  private static OperatorEdit empty() {
    return new OperatorEdit("", "", "", "", "", "15", "365", "", "", true);
  }

  private static OperatorEdit edit(Operator o) {
    return new OperatorEdit(o.code(), o.name(), o.legalContact(), o.legalEmail(), o.portalUrl(),
        Integer.toString(o.answerDelayDays()), Integer.toString(o.retentionDays()),
        String.join(", ", o.asns().stream().map(a -> Long.toString(a)).toList()),
        String.join("\n", o.cgnatRanges()), o.active());
  }
}
