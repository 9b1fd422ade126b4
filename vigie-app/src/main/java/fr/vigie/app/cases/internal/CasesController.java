package fr.vigie.app.cases.internal;

import fr.vigie.app.cases.Cases;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The cases the caller may see, and one case. */
@Controller
class CasesController {

  static final int PAGE_SIZE = 50;

  private final Cases cases;

  CasesController(Cases cases) {
    this.cases = cases;
  }

  @GetMapping("/dossiers")
  @RequiresPermission(Permission.CASES_READ)
  String list(@RequestParam(name = "page", defaultValue = "0") int page,
      HttpServletRequest request, Model model) {
    model.addAttribute("cases", cases.visible(Callers.access(request.getRemoteAddr()),
        Math.max(0, page), PAGE_SIZE));
    model.addAttribute("section", "cases");
    return "cases";
  }

  @GetMapping("/dossiers/{id}")
  @RequiresPermission(Permission.CASES_READ)
  String show(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    model.addAttribute("file", cases.find(Callers.access(request.getRemoteAddr()), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    model.addAttribute("section", "cases");
    return "case";
  }
}
