package fr.vigie.app.statistics.internal;

import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.statistics.Dashboard;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Tableau de bord: the first page after sign-in. */
@Controller
class DashboardController {

  private final Dashboard dashboard;

  DashboardController(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  @GetMapping("/")
  @RequiresPermission(Permission.DASHBOARD)
  String dashboard(Model model) {
    model.addAttribute("figures", dashboard.figures());
    model.addAttribute("section", "dashboard");
    return "dashboard";
  }
}
