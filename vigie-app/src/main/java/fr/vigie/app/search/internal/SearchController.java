package fr.vigie.app.search.internal;

import fr.vigie.app.search.Search;
import fr.vigie.app.search.SearchResults;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The search page: one box, results by kind. */
@Controller
class SearchController {

  private final Search search;

  SearchController(Search search) {
    this.search = search;
  }

  @GetMapping("/recherche")
  @RequiresPermission(Permission.SUSPECTS_READ)
  String search(@RequestParam(name = "q", required = false) String q,
      HttpServletRequest request, Model model) {
    SearchResults results = q == null || q.isBlank() ? SearchResults.empty("")
        : search.search(Callers.access(request.getRemoteAddr()), q);
    model.addAttribute("results", results);
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("searched", q != null && !q.isBlank());
    return "search";
  }
}
