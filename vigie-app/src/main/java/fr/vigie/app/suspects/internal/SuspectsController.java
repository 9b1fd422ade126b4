package fr.vigie.app.suspects.internal;

import fr.vigie.app.linking.Linking;
import fr.vigie.app.p2p.ObservationIntake;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.AccessMatrix;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.suspects.SuspectFile;
import fr.vigie.app.suspects.SuspectGraph;
import fr.vigie.app.suspects.SuspectHub;
import fr.vigie.app.suspects.SuspectLink;
import fr.vigie.app.suspects.Suspects;
import fr.vigie.app.web.CsvDownload;
import fr.vigie.app.web.ParisTimes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The suspects the caller may see, and one suspect with its identifiers, the links that explain
 * them (rule, weight, evidence), the proposals waiting for a decision, and the analyst's merge,
 * split, confirm and reject. A decision that cannot be applied (no reason given, a suspect
 * outside the caller's unit...) shows the page again with the reason; one that succeeds leads to
 * the suspect that now holds the identifiers.
 */
@Controller
class SuspectsController {

  static final int PAGE_SIZE = 50;

  private final Suspects suspects;
  private final Linking linking;
  private final ObservationIntake observations;
  private final ParisTimes paris;
  private final MessageSource messages;

  SuspectsController(Suspects suspects, Linking linking, ObservationIntake observations,
      ParisTimes paris, MessageSource messages) {
    this.suspects = suspects;
    this.linking = linking;
    this.observations = observations;
    this.paris = paris;
    this.messages = messages;
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

  /** The columns of the CSV export, in order: stable names, as the other exports' are. */
  static final List<String> CSV_HEADER = List.of("reference", "name", "unit", "departement",
      "created_paris");

  /**
   * The suspects list as CSV (it has no filters): every suspect the caller may see, newest
   * first, at most {@link CsvDownload#MAX_ROWS}, dates as the page shows them. On the record.
   */
  @GetMapping("/suspects/export.csv")
  @RequiresPermission(Permission.SUSPECTS_READ)
  void export(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Access access = Callers.access(request.getRemoteAddr());
    Locale locale = LocaleContextHolder.getLocale();
    String unassigned = messages.getMessage("suspects.unassigned", null, locale);
    CsvDownload csv = CsvDownload.start(response, "vigie-suspects.csv", CSV_HEADER);
    boolean more;
    try {
      more = suspects.exportVisible(access, CsvDownload.MAX_ROWS, s -> {
        try {
          csv.row(java.util.Arrays.asList(s.reference(), s.displayName(),
              s.unitCode() == null ? unassigned : s.unitCode(), s.departementCode(),
              paris.format(s.createdAt())));
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

  @GetMapping("/suspects/{id}")
  @RequiresPermission(Permission.SUSPECTS_READ)
  String show(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    return page(id, Callers.access(request.getRemoteAddr()), model, null);
  }

  @PostMapping("/suspects/{id}/fusion")
  @RequiresPermission(Permission.SUSPECTS_WRITE)
  String merge(@PathVariable("id") long id,
      @RequestParam(name = "other", required = false) String other,
      @RequestParam(name = "reason", required = false) String reason,
      HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    SuspectFile file = visible(access, id);
    try {
      if (other == null || other.isBlank()) {
        throw new IllegalArgumentException("suspects.error.other");
      }
      long otherId = linking.suspectByReference(other)
          .or(() -> other.strip().matches("\\d{1,18}") ? java.util.Optional.of(
              Long.parseLong(other.strip())) : java.util.Optional.empty())
          .orElseThrow(() -> new IllegalArgumentException("suspects.error.other"));
      SuspectFile second = suspects.find(access, otherId)
          .orElseThrow(() -> new IllegalArgumentException("suspects.error.other"));
      String key = linking.keysOf(id).stream().findFirst().orElse(null);
      linking.merge(access, id, file.suspect().unitId(), otherId, second.suspect().reference(),
          reason(reason));
      return "redirect:/suspects/" + after(key, id);
    } catch (IllegalArgumentException e) {
      return page(id, access, model, e.getMessage());
    }
  }

  @PostMapping("/suspects/{id}/scission")
  @RequiresPermission(Permission.SUSPECTS_WRITE)
  String split(@PathVariable("id") long id,
      @RequestParam(name = "keys", required = false) List<String> keys,
      @RequestParam(name = "reason", required = false) String reason,
      HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    SuspectFile file = visible(access, id);
    try {
      if (keys == null || keys.isEmpty()) {
        throw new IllegalArgumentException("suspects.error.keys");
      }
      linking.split(access, id, file.suspect().unitId(), keys, reason(reason));
      return "redirect:/suspects/" + after(keys.get(0), id);
    } catch (IllegalArgumentException e) {
      return page(id, access, model, e.getMessage());
    }
  }

  @PostMapping("/suspects/{id}/liens/{linkId}/decision")
  @RequiresPermission(Permission.SUSPECTS_WRITE)
  String decide(@PathVariable("id") long id, @PathVariable("linkId") long linkId,
      @RequestParam(name = "verdict", required = false) String verdict,
      @RequestParam(name = "reason", required = false) String reason,
      HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    SuspectFile file = visible(access, id);
    try {
      String why = reason(reason);
      if (!"confirm".equals(verdict) && !"reject".equals(verdict)) {
        throw new IllegalArgumentException("suspects.error.verdict");
      }
      for (long other : linking.suspectsOfLink(linkId)) {
        visible(access, other);
      }
      String key = linking.keysOf(id).stream().findFirst().orElse(null);
      linking.decide(access, linkId, file.suspect().unitId(), "confirm".equals(verdict), why);
      return "redirect:/suspects/" + after(key, id);
    } catch (NoSuchElementException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    } catch (IllegalArgumentException e) {
      return page(id, access, model, e.getMessage());
    }
  }

  private static String reason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("suspects.error.reason");
    }
    return reason;
  }

  /** Where the suspect's identifiers are now (a merge may keep the other suspect's id). */
  private long after(String key, long fallback) {
    return key == null ? fallback : linking.suspectOf(key).orElse(fallback);
  }

  private SuspectFile visible(Access access, long id) {
    return suspects.find(access, id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private String page(long id, Access access, Model model, String error) {
    SuspectFile file = visible(access, id);
    List<SuspectLink> links = suspects.linksOf(id);
    model.addAttribute("file", file);
    model.addAttribute("links", links.stream()
        .filter(l -> l.otherSuspectId() == null && !"PROPOSED".equals(l.status())).toList());
    model.addAttribute("proposals", links.stream()
        .filter(l -> "PROPOSED".equals(l.status())).toList());
    model.addAttribute("elsewhere", links.stream()
        .filter(l -> l.otherSuspectId() != null && !"PROPOSED".equals(l.status())).toList());
    SuspectHub hub = suspects.hubOf(access, id, links.stream()
        .map(SuspectLink::evidenceReportId).filter(java.util.Objects::nonNull)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    model.addAttribute("hub", hub);
    model.addAttribute("reportRefs", hub.references());
    model.addAttribute("graph", SuspectGraph.of(file.identifiers(),
        links.stream().filter(l -> l.otherSuspectId() == null).toList(), hub.reports(),
        hub.references()));
    // What the P2P sensor saw of the addresses that identified this suspect, with its verdicts.
    model.addAttribute("p2pObservations", observations.ofIpEvents(suspects.ipEventsOf(id)));
    model.addAttribute("mayReadP2p",
        AccessMatrix.allows(access.caller().role(), Permission.P2P_READ));
    model.addAttribute("canWrite",
        AccessMatrix.allows(access.caller().role(), Permission.SUSPECTS_WRITE));
    model.addAttribute("error", error != null && error.startsWith("suspects.error.") ? error
        : error == null ? null : "suspects.error.refused");
    model.addAttribute("errorDetail", error);
    model.addAttribute("section", "suspects");
    return "suspect";
  }
}
