package fr.vigie.app.operations.internal;

import fr.vigie.app.operations.Operations;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The targets the caller's unit carries out (all of them for national roles), and one target. */
@Controller
class OperationsController {

  private final Operations operations;

  OperationsController(Operations operations) {
    this.operations = operations;
  }

  @GetMapping("/operations")
  @RequiresPermission(Permission.OPERATIONS_READ)
  String targets(HttpServletRequest request, Model model) {
    model.addAttribute("targets",
        operations.targetsVisible(Callers.access(request.getRemoteAddr())));
    model.addAttribute("section", "operations");
    return "operations";
  }

  @GetMapping("/operations/cibles/{id}")
  @RequiresPermission(Permission.OPERATIONS_READ)
  String target(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    model.addAttribute("target", operations.findTarget(Callers.access(request.getRemoteAddr()), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    model.addAttribute("section", "operations");
    return "target";
  }
}
