package fr.vigie.app.attribution.internal;

import fr.vigie.app.attribution.AttributedEvent;
import fr.vigie.app.attribution.Attribution;
import fr.vigie.app.attribution.GeoIpDatabases;
import fr.vigie.app.attribution.RequisitionTimes;
import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.units.Unit;
import fr.vigie.app.units.UnitDirectory;
import fr.vigie.app.web.VisibleText;
import fr.vigie.formats.csv.CsvWriter;
import fr.vigie.app.web.CsvDownload;
import fr.vigie.app.web.ParisTimes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Where the IP events went and why; the referral lists by country. */
@Controller
class AttributionController {

  static final int PAGE_SIZE = 100;
  static final Set<String> OUTCOMES = Set.of("FRANCE", "FOREIGN", "PORT_NEEDED", "EXPIRED",
      "UNATTRIBUTED");

  private final Attribution attribution;
  private final GeoIpDatabases geo;
  private final AuditLog audit;
  private final UnitDirectory units;
  private final ParisTimes paris;
  private final MessageSource messages;

  AttributionController(Attribution attribution, GeoIpDatabases geo, AuditLog audit,
      UnitDirectory units, ParisTimes paris, MessageSource messages) {
    this.attribution = attribution;
    this.geo = geo;
    this.audit = audit;
    this.units = units;
    this.paris = paris;
    this.messages = messages;
  }

  /** The columns of the CSV export, in order: stable names, as the other exports' are. */
  static final List<String> CSV_HEADER = List.of("ip", "port", "time_paris", "report",
      "outcome", "operator", "country", "requisition", "reason", "detail");

  /**
   * The events list as CSV with the page's filters (outcome, reason), every page newest first,
   * at most {@link CsvDownload#MAX_ROWS}; outcome and reason in the caller's words, times as the
   * page shows them. Attributions are the national office's, as the page: no unit scope. On the
   * record, with the filters.
   */
  @GetMapping("/attribution/export.csv")
  @RequiresPermission(Permission.ATTRIBUTION_READ)
  void export(@RequestParam(name = "outcome", required = false) String outcome,
      @RequestParam(name = "reason", required = false) String reason,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (outcome != null && !outcome.isBlank() && !OUTCOMES.contains(outcome)) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    String chosen = outcome == null || outcome.isBlank() ? null : outcome;
    String chosenReason = reason == null || reason.isBlank() ? null
        : reason.strip().toUpperCase(Locale.ROOT);
    Access access = Callers.access(request.getRemoteAddr());
    // Recorded before the first byte leaves: an export cut short was still an export.
    audit.record(AuditActor.of(access).event(AuditAction.EXPORT, "attribution-list",
        (chosen == null ? "all" : chosen) + (chosenReason == null ? "" : "/" + chosenReason),
        null));
    Locale locale = LocaleContextHolder.getLocale();
    CsvDownload csv = CsvDownload.start(response, "vigie-attribution.csv", CSV_HEADER);
    boolean more;
    try {
      more = attribution.forEach(chosen, chosenReason, CsvDownload.MAX_ROWS, e -> {
        try {
          csv.row(java.util.Arrays.asList(e.ip(),
              e.port() == null ? "" : e.port().toString(), paris.format(e.occurredAt()),
              e.reportRef(),
              messages.getMessage("attribution.outcome." + e.outcome(), null, e.outcome(),
                  locale),
              e.operatorName(), "FOREIGN".equals(e.outcome()) ? e.country() : "",
              e.requisitionRef(),
              e.reasonCode() == null ? "" : messages.getMessage("attribution.reason."
                  + e.reasonCode(), null, e.reasonCode(), locale),
              detail(e, locale)));
        } catch (IOException x) {
          throw new java.io.UncheckedIOException(x);
        }
      });
    } catch (java.io.UncheckedIOException x) {
      throw x.getCause();
    }
    csv.finish(more, messages.getMessage("list.export.capped",
        new Object[] {CsvDownload.MAX_ROWS}, locale));
  }

  /** What the page's reason column adds to the reason: expiry, CGNAT range, and the text. */
  private String detail(AttributedEvent e, Locale locale) {
    List<String> parts = new java.util.ArrayList<>();
    if ("EXPIRED".equals(e.outcome())) {
      parts.add(messages.getMessage("attribution.expiredOn",
          new Object[] {String.valueOf(e.expiredOn())}, locale));
    }
    if ("PORT_NEEDED".equals(e.outcome())) {
      parts.add(messages.getMessage("attribution.portNeeded",
          new Object[] {String.valueOf(e.cgnatRange())}, locale));
    }
    if (e.reason() != null && !e.reason().isBlank()) {
      parts.add(e.reason());
    }
    return String.join(" ", parts);
  }

  @GetMapping("/attribution")
  @RequiresPermission(Permission.ATTRIBUTION_READ)
  String overview(@RequestParam(name = "outcome", required = false) String outcome,
      @RequestParam(name = "reason", required = false) String reason,
      @RequestParam(name = "page", defaultValue = "0") int page, HttpServletRequest request,
      Model model) {
    return page(outcome, reason, page, request, model);
  }

  /**
   * Reopens this node's GeoIP databases (the user may have replaced the files) and queues a run
   * over every event (after new GeoIP files or a directory change).
   */
  @PostMapping("/attribution")
  @RequiresPermission(Permission.REQUISITIONS_MANAGE)
  String rerun(HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    // A change to every unit's attributions, whoever asks: on the record as such, with that
    // national scope spelt out (an investigator's own unit is not its limit), before it is
    // queued so that a run that follows is never off the record.
    Long unitId = access.caller().unitId();
    String callerUnit = unitId == null ? "no unit (national role)"
        : units.units().stream().filter(u -> u.id() == unitId).map(Unit::code).findFirst()
            .orElse("unit " + unitId);
    audit.record(AuditActor.of(access).event(AuditAction.UPDATE, "attribution",
            "all-ip-events", null)
        .withDetail("re-run of attribution over every IP event: national scope, every unit's "
            + "events, asked by a caller of " + callerUnit + "; GeoIP files reopened on this node"));
    geo.reload();
    attribution.requestFullRun();
    model.addAttribute("queued", true);
    return page(null, null, 0, request, model);
  }

  private String page(String outcome, String reason, int page, HttpServletRequest request,
      Model model) {
    String chosen = outcome != null && OUTCOMES.contains(outcome) ? outcome : null;
    String chosenReason = reason == null || reason.isBlank() ? null
        : reason.strip().toUpperCase(Locale.ROOT);
    List<AttributedEvent> events = attribution.list(chosen, chosenReason, page, PAGE_SIZE);
    audit.recordRead(Callers.access(request.getRemoteAddr()), "attribution-list",
        (chosen == null ? "all" : chosen) + "/page-" + page, null);
    model.addAttribute("overview", attribution.overview());
    model.addAttribute("events", events);
    model.addAttribute("outcome", chosen);
    model.addAttribute("reason", chosenReason);
    model.addAttribute("page", Math.max(0, page));
    model.addAttribute("hasNext", events.size() == PAGE_SIZE);
    model.addAttribute("mayManage", Callers.may(Permission.REQUISITIONS_MANAGE));
    model.addAttribute("section", "attribution");
    model.addAttribute("exportLink", org.springframework.web.util.UriComponentsBuilder
        .fromPath("/attribution/export.csv")
        .queryParamIfPresent("outcome", java.util.Optional.ofNullable(chosen))
        .queryParamIfPresent("reason", java.util.Optional.ofNullable(chosenReason))
        .encode().build().toUriString());
    return "attribution";
  }

  @GetMapping("/attribution/etranger")
  @RequiresPermission(Permission.ATTRIBUTION_READ)
  String referrals(@RequestParam(name = "country", required = false) String country,
      HttpServletRequest request, Model model) {
    String code = country(country);
    model.addAttribute("countries", attribution.overview().foreignByCountry());
    model.addAttribute("country", code);
    if (code != null) {
      model.addAttribute("events", attribution.referral(code));
      audit.recordRead(Callers.access(request.getRemoteAddr()), "referral", code, null);
    }
    model.addAttribute("section", "attribution");
    return "referrals";
  }

  /** One country's referral as CSV: what a Europol or Interpol request needs. */
  @GetMapping("/attribution/etranger.csv")
  @RequiresPermission(Permission.ATTRIBUTION_READ)
  ResponseEntity<String> referralCsv(@RequestParam(name = "country", required = false)
      String country, HttpServletRequest request) throws IOException {
    String code = country(country);
    List<AttributedEvent> events = code == null ? List.of() : attribution.referral(code);
    StringWriter out = new StringWriter();
    try (CsvWriter csv = new CsvWriter(out)) {
      csv.writeRecord("country", "ip", "port", "utc_time", "report", "asn", "as_organization",
          "reason");
      for (AttributedEvent e : events) {
        csv.writeRecord(VisibleText.all(e.country(), e.ip(),
            e.port() == null ? "" : e.port().toString(), RequisitionTimes.utc(e.occurredAt()),
            e.reportRef(), e.asn() == null ? "" : "AS" + e.asn(), nz(e.asOrganization()),
            e.reason()));
      }
    }
    var caller = Callers.access(request.getRemoteAddr()).caller();
    audit.record(AuditEvent.of(caller.username(), caller.role().name(), AuditAction.EXPORT,
            "referral", code == null ? "none" : code, null, request.getRemoteAddr())
        .withDetail(events.size() + " events"));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"referral-"
            + (code == null ? "none" : code) + ".csv\"")
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .body(out.toString());
  }

  private static String country(String country) {
    if (country == null) {
      return null;
    }
    String c = country.strip().toUpperCase(Locale.ROOT);
    return c.matches("[A-Z]{2}") ? c : null;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
