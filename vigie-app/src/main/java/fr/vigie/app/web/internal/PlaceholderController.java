package fr.vigie.app.web.internal;

import fr.vigie.app.web.Section;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Answers for the sections whose pages are not built yet, saying so plainly instead of a 404. A
 * feature that builds its page removes its path from here and marks its {@link Section} built.
 */
@Controller
class PlaceholderController {

  @GetMapping({"/signalements", "/suspects", "/dossiers", "/operations", "/empreintes", "/p2p",
      "/statistiques", "/administration"})
  String notBuiltYet(jakarta.servlet.http.HttpServletRequest request, Model model) {
    String path = ShellModel.pathWithinApplication(request);
    Section section = Section.byPath(path)
        .orElseThrow(() -> new IllegalStateException("no section for " + path));
    model.addAttribute("section", section.id());
    model.addAttribute("current", section);
    return "placeholder";
  }
}
