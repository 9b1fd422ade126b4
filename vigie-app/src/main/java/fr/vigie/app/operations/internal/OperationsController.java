package fr.vigie.app.operations.internal;

import fr.vigie.app.operations.BriefingPack;
import fr.vigie.app.operations.CandidateFilter;
import fr.vigie.app.operations.Operation;
import fr.vigie.app.operations.OperationCreation;
import fr.vigie.app.operations.OperationForm;
import fr.vigie.app.operations.Operations;
import fr.vigie.app.operations.TargetAddition;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.units.UnitDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The operations: the list with the targets the caller's unit carries out (all of them for
 * national roles) and, for those who plan, the creation form; one operation's plan (ready cases
 * by unit with each unit's load, added as targets); one target.
 */
@Controller
class OperationsController {

  /** The filters of the plan page as typed. */
  record FilterForm(String tier, String departement, String unite, String age) {}

  private final Operations operations;
  private final UnitDirectory units;

  OperationsController(Operations operations, UnitDirectory units) {
    this.operations = operations;
    this.units = units;
  }

  @GetMapping("/operations")
  @RequiresPermission(Permission.OPERATIONS_READ)
  String targets(HttpServletRequest request, Model model) {
    return list(request, model, new OperationForm(null, null, null, "06:00", null), List.of());
  }

  @PostMapping("/operations")
  @RequiresPermission(Permission.OPERATIONS_MANAGE)
  String create(@RequestParam(required = false) String reference,
      @RequestParam(required = false) String title, @RequestParam(required = false) String day,
      @RequestParam(required = false) String hour, @RequestParam(required = false) String unit,
      HttpServletRequest request, Model model) {
    OperationForm form = new OperationForm(reference, title, day, hour, unit);
    OperationCreation created = operations.create(Callers.access(request.getRemoteAddr()), form);
    return switch (created) {
      case OperationCreation.Created c -> "redirect:/operations/" + c.id();
      case OperationCreation.Invalid i -> list(request, model, form, i.errors());
    };
  }

  private String list(HttpServletRequest request, Model model, OperationForm form,
      List<String> errors) {
    model.addAttribute("targets",
        operations.targetsVisible(Callers.access(request.getRemoteAddr())));
    model.addAttribute("operations", operations.all());
    model.addAttribute("mayPlan", Callers.may(Permission.OPERATIONS_MANAGE));
    model.addAttribute("units", units.units());
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("section", "operations");
    return "operations";
  }

  @GetMapping("/operations/{id}")
  @RequiresPermission(Permission.OPERATIONS_READ)
  String plan(@PathVariable("id") long id, @RequestParam(required = false) String tier,
      @RequestParam(required = false) String departement,
      @RequestParam(required = false) String unite, @RequestParam(required = false) String age,
      HttpServletRequest request, Model model) {
    return plan(id, new FilterForm(tier, departement, unite, age), List.of(), request, model);
  }

  @PostMapping("/operations/{id}/cibles")
  @RequiresPermission(Permission.OPERATIONS_MANAGE)
  String add(@PathVariable("id") long id,
      @RequestParam(name = "dossier", required = false) List<Long> caseIds,
      HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    operations.find(access, id).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND));
    List<TargetAddition> results = caseIds == null ? List.of()
        : operations.addTargets(access, id, caseIds);
    return plan(id, new FilterForm(null, null, null, null), results, request, model);
  }

  private String plan(long id, FilterForm filter, List<TargetAddition> results,
      HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    Operation operation = operations.find(access, id).orElseThrow(
        () -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    boolean mayPlan = Callers.may(Permission.OPERATIONS_MANAGE);
    model.addAttribute("operation", operation);
    model.addAttribute("targets", operations.targetsOf(access, id));
    model.addAttribute("mayPlan", mayPlan);
    model.addAttribute("filter", filter);
    model.addAttribute("results", results);
    model.addAttribute("maxAgeDays", operations.maxEvidenceAge().toDays());
    if (mayPlan) {
      model.addAttribute("loads", operations.candidatesByUnit(access, id, parse(filter)));
      model.addAttribute("units", units.units());
    }
    model.addAttribute("section", "operations");
    return "operation";
  }

  private static CandidateFilter parse(FilterForm f) {
    Integer age = null;
    if (f.age() != null && f.age().strip().matches("\\d{1,5}")) {
      age = Integer.valueOf(f.age().strip());
    }
    return new CandidateFilter(blank(f.tier()) ? null : f.tier().strip().toUpperCase(Locale.ROOT),
        blank(f.departement()) ? null : f.departement().strip().toUpperCase(Locale.ROOT),
        blank(f.unite()) ? null : f.unite().strip(), age);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** One unit's briefing pack (PDF): an investigator always gets their own unit's. */
  @GetMapping("/operations/{id}/dossier-objectifs.pdf")
  @RequiresPermission(Permission.OPERATIONS_READ)
  org.springframework.http.ResponseEntity<byte[]> briefing(@PathVariable("id") long id,
      @RequestParam(required = false) String unite, HttpServletRequest request) {
    BriefingPack pack = operations.briefing(Callers.access(request.getRemoteAddr()), id, unite)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return org.springframework.http.ResponseEntity.ok()
        .contentType(org.springframework.http.MediaType.APPLICATION_PDF)
        .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
            org.springframework.http.ContentDisposition.attachment().filename(pack.fileName())
                .build().toString())
        .header("X-Manifest-SHA256", pack.manifestSha256())
        .body(pack.pdf());
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
