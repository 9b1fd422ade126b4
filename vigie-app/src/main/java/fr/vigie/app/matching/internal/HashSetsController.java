package fr.vigie.app.matching.internal;

import fr.vigie.app.matching.HashSets;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The hash sets page: provenance and entries per category. Never an image. */
@Controller
class HashSetsController {

  private final HashSets sets;

  HashSetsController(HashSets sets) {
    this.sets = sets;
  }

  @GetMapping("/empreintes")
  @RequiresPermission(Permission.HASH_SETS_READ)
  String list(Model model) {
    model.addAttribute("sets", sets.list());
    model.addAttribute("section", "hash_sets");
    return "hashsets";
  }
}
