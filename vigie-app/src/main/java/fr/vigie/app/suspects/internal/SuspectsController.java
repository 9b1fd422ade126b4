package fr.vigie.app.suspects.internal;

import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.suspects.Suspects;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The suspects the caller may see, and one suspect with its identifiers. */
@Controller
class SuspectsController {

  static final int PAGE_SIZE = 50;

  private final Suspects suspects;

  SuspectsController(Suspects suspects) {
    this.suspects = suspects;
  }

  @GetMapping("/suspects")
  @RequiresPermission(Permission.SUSPECTS_READ)
  String list(@RequestParam(name = "page", defaultValue = "0") int page,
      HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    int current = Math.max(0, page);
    model.addAttribute("suspects", suspects.visible(access, current, PAGE_SIZE));
    model.addAttribute("total", suspects.countVisible(access));
    model.addAttribute("page", current);
    model.addAttribute("pageSize", PAGE_SIZE);
    model.addAttribute("section", "suspects");
    return "suspects";
  }

  @GetMapping("/suspects/{id}")
  @RequiresPermission(Permission.SUSPECTS_READ)
  String show(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    var file = suspects.find(Callers.access(request.getRemoteAddr()), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("file", file);
    model.addAttribute("section", "suspects");
    return "suspect";
  }
}
