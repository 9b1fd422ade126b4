package fr.vigie.app.statistics.internal;

import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.statistics.Dashboard;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Tableau de bord: the first page after sign-in, national or the caller's unit's. */
@Controller
class DashboardController {

  private final Dashboard dashboard;

  DashboardController(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  @GetMapping("/")
  @RequiresPermission(Permission.DASHBOARD)
  String dashboard(HttpServletRequest request, Model model) {
    model.addAttribute("view", dashboard.view(Callers.access(request.getRemoteAddr()),
        Callers::may));
    model.addAttribute("section", "dashboard");
    return "dashboard";
  }
}
