package fr.vigie.app.web.internal;

import fr.vigie.app.web.Section;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;

/**
 * Answers for the sections whose pages are not built yet, saying so plainly instead of a 404. A
 * feature that builds its page removes its method here and marks its {@link Section} built. Each
 * method requires the same permission as the section it stands for.
 */
@Controller
class PlaceholderController {

  private static String notBuiltYet(Section section, Model model) {
    model.addAttribute("section", section.id());
    model.addAttribute("current", section);
    return "placeholder";
  }
}
