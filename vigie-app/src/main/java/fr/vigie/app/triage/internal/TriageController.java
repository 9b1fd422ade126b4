package fr.vigie.app.triage.internal;

import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.suspects.SuspectFile;
import fr.vigie.app.suspects.Suspects;
import fr.vigie.app.triage.Factor;
import fr.vigie.app.triage.QueueFilter;
import fr.vigie.app.triage.QueuePage;
import fr.vigie.app.triage.RiskFacts;
import fr.vigie.app.triage.Tier;
import fr.vigie.app.triage.Triage;
import fr.vigie.app.web.CsvDownload;
import fr.vigie.app.web.ParisTimes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.util.UriComponentsBuilder;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The queue (national for the central office, the unit's own for an investigator: the scope is
 * in the SQL), and a suspect's risk page with the override and facts forms.
 */
@Controller
class TriageController {

  static final int PAGE_SIZE = 50;

  private final Triage triage;
  private final Suspects suspects;
  private final RiskPanel panel;
  private final ParisTimes paris;
  private final MessageSource messages;

  TriageController(Triage triage, Suspects suspects, RiskPanel panel, ParisTimes paris,
      MessageSource messages) {
    this.triage = triage;
    this.suspects = suspects;
    this.panel = panel;
    this.paris = paris;
    this.messages = messages;
  }

  @GetMapping("/file-attente")
  @RequiresPermission(Permission.SUSPECTS_READ)
  String queue(@RequestParam(name = "niveau", required = false) String tier,
      @RequestParam(name = "departement", required = false) String departement,
      @RequestParam(name = "statut", required = false) String status,
      @RequestParam(name = "facteur", required = false) String factor,
      @RequestParam(name = "echeance", required = false) String deadline,
      @RequestParam(name = "tri", required = false) String sort,
      @RequestParam(name = "apres", required = false) String after,
      HttpServletRequest request, Model model) {
    QueueFilter filter;
    try {
      filter = new QueueFilter(tier == null || tier.isBlank() ? null : Tier.of(tier),
          departement, status, factor == null || factor.isBlank() ? null : Factor.ofKey(factor),
          deadline, sort, after);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    Access access = Callers.access(request.getRemoteAddr());
    QueuePage page;
    try {
      page = triage.queue(access, filter, PAGE_SIZE);
    } catch (RuntimeException e) {
      if (filter.after() != null && (e instanceof NumberFormatException
          || e instanceof ArrayIndexOutOfBoundsException || e instanceof IllegalArgumentException)) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "bad cursor");
      }
      throw e;
    }
    model.addAttribute("page", page);
    model.addAttribute("filter", filter);
    model.addAttribute("national", access.national());
    model.addAttribute("counts", triage.countByTier(access));
    model.addAttribute("tiers", List.of(Tier.values()));
    model.addAttribute("factors", List.of(Factor.values()));
    model.addAttribute("section", "triage");
    model.addAttribute("exportLink", exportLink(filter));
    return "triage/queue";
  }

  /** The columns of the CSV export, in order: stable names, as the other exports' are. */
  static final List<String> CSV_HEADER = List.of("tier", "computed_tier", "due_paris", "overdue",
      "reference", "name", "unit", "departement", "score", "factors");

  /**
   * The queue as CSV, with the page's filters and order (every page from the first, at most
   * {@link CsvDownload#MAX_ROWS}), within the caller's scope exactly as the page; factors and
   * the overdue mark in the caller's words, deadlines as the page shows them. On the record.
   */
  @GetMapping("/file-attente/export.csv")
  @RequiresPermission(Permission.SUSPECTS_READ)
  void export(@RequestParam(name = "niveau", required = false) String tier,
      @RequestParam(name = "departement", required = false) String departement,
      @RequestParam(name = "statut", required = false) String status,
      @RequestParam(name = "facteur", required = false) String factor,
      @RequestParam(name = "echeance", required = false) String deadline,
      @RequestParam(name = "tri", required = false) String sort,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    QueueFilter filter;
    try {
      filter = new QueueFilter(tier == null || tier.isBlank() ? null : Tier.of(tier),
          departement, status, factor == null || factor.isBlank() ? null : Factor.ofKey(factor),
          deadline, sort, null);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    Access access = Callers.access(request.getRemoteAddr());
    Locale locale = LocaleContextHolder.getLocale();
    CsvDownload csv = CsvDownload.start(response, "vigie-file-attente.csv", CSV_HEADER);
    boolean more;
    try {
      more = triage.exportQueue(access, filter, CsvDownload.MAX_ROWS, r -> {
        try {
          csv.row(List.of(r.effectiveTier().name(),
              r.overridden() ? r.computedTier().name() : "",
              paris.format(r.effectiveDueAt()),
              r.overdue() ? messages.getMessage("triage.queue.overdue", null, locale) : "",
              r.reference(), r.displayName(),
              r.unitCode() == null ? messages.getMessage("suspects.unassigned", null, locale)
                  : r.unitCode(),
              r.departementCode() == null ? "" : r.departementCode(),
              String.format(Locale.ROOT, "%.0f", r.score()),
              String.join("; ", r.factors().stream()
                  .map(f -> messages.getMessage("triage.factor." + f.key(), null, f.key(),
                      locale)).toList())));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    csv.finish(more, messages.getMessage("list.export.capped",
        new Object[] {CsvDownload.MAX_ROWS}, locale));
  }

  private static String exportLink(QueueFilter f) {
    return UriComponentsBuilder.fromPath("/file-attente/export.csv")
        .queryParamIfPresent("niveau", java.util.Optional.ofNullable(f.tier()).map(Tier::name))
        .queryParamIfPresent("departement", java.util.Optional.ofNullable(f.departement()))
        .queryParamIfPresent("statut", java.util.Optional.ofNullable(f.status()))
        .queryParamIfPresent("facteur",
            java.util.Optional.ofNullable(f.factor()).map(Factor::key))
        .queryParamIfPresent("echeance", java.util.Optional.ofNullable(f.deadline()))
        .queryParam("tri", f.sort())
        .encode().build().toUriString();
  }

  @GetMapping("/file-attente/{id}")
  @RequiresPermission(Permission.SUSPECTS_READ)
  String risk(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    SuspectFile file = suspects.find(Callers.access(request.getRemoteAddr()), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return page(file, model);
  }

  /**
   * Saves an override ({@code action=override}) or the analyst's facts ({@code action=faits});
   * a refused form is shown again with its reason.
   */
  @PostMapping("/file-attente/{id}")
  @RequiresPermission(Permission.SUSPECTS_WRITE)
  String change(@PathVariable("id") long id,
      @RequestParam(name = "action", required = false) String action,
      @RequestParam(name = "niveau", required = false) String tier,
      @RequestParam(name = "motif", required = false) String reason,
      @RequestParam(name = "profession", defaultValue = "false") boolean works,
      @RequestParam(name = "foyer", defaultValue = "false") boolean household,
      @RequestParam(name = "benevolat", defaultValue = "false") boolean volunteers,
      @RequestParam(name = "condamnation", defaultValue = "false") boolean prior,
      @RequestParam(name = "fijais", defaultValue = "false") boolean registry,
      @RequestParam(name = "autres", defaultValue = "false") boolean other,
      @RequestParam(name = "production", defaultValue = "false") boolean produced,
      @RequestParam(name = "naissance", required = false) String born,
      @RequestParam(name = "note", required = false) String note,
      HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    Triage.Outcome outcome;
    if ("override".equals(action)) {
      Tier chosen;
      try {
        chosen = tier == null || tier.isBlank() || tier.equals("none") ? null : Tier.of(tier);
      } catch (IllegalArgumentException e) {
        chosen = null;
      }
      outcome = triage.override(access, id, chosen, reason);
    } else if ("faits".equals(action)) {
      LocalDate date = null;
      boolean badDate = false;
      if (born != null && !born.isBlank()) {
        try {
          date = LocalDate.parse(born.strip());
        } catch (DateTimeParseException e) {
          badDate = true;
        }
      }
      outcome = badDate ? new Triage.Outcome.Refused("triage.facts.badDateOfBirth")
          : triage.recordFacts(access, id, new RiskFacts(works, household, volunteers, prior,
              registry, other, produced, date, note, null, null));
    } else {
      outcome = new Triage.Outcome.Refused("triage.form.unknownAction");
    }
    return switch (outcome) {
      case Triage.Outcome.NotFound n -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
      case Triage.Outcome.Done d -> "redirect:/file-attente/" + id + "?enregistre";
      case Triage.Outcome.Refused r -> {
        SuspectFile file = suspects.find(access, id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("error", r.messageKey());
        model.addAttribute("reason", reason);
        yield page(file, model);
      }
    };
  }

  private String page(SuspectFile file, Model model) {
    model.addAttribute("file", file);
    model.addAttribute("risk", panel.of(file.suspect()));
    model.addAttribute("section", "triage");
    return "triage/risk-page";
  }
}
