package fr.vigie.app.intake.internal;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.AuditedReads;
import fr.vigie.app.intake.ManualReport;
import fr.vigie.app.intake.ManualReportOutcome;
import fr.vigie.app.intake.ManualReports;
import fr.vigie.app.intake.ReportStatus;
import fr.vigie.app.intake.ReportWork;
import fr.vigie.app.units.UnitDirectory;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.web.ParisTimes;
import fr.vigie.app.web.VisibleText;
import fr.vigie.formats.cybertip.IncidentType;
import fr.vigie.formats.csv.CsvWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The reports (/signalements): the list with its filters and keyset paging, one report with
 * everything it names (its read on the record), its raw record on demand (a separate read on the
 * record), and the form for a report received by mail or phone.
 */
@Controller
class ReportsController {

  static final int PAGE_SIZE = 50;
  static final List<String> STATUSES = java.util.Arrays.stream(ReportStatus.values())
      .map(ReportStatus::name).toList();
  private static final Pattern DEPARTEMENT = Pattern.compile("(?i)[0-9]{2,3}|2A|2B");
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final IntakeViews views;
  private final AuditedReads reads;
  private final ManualReports manual;
  private final ParisTimes paris;
  private final ReportWork work;
  private final UnitDirectory units;
  private final AuditLog audit;
  private final org.springframework.context.MessageSource messages;

  ReportsController(IntakeViews views, AuditedReads reads, ManualReports manual,
      ParisTimes paris, ReportWork work, UnitDirectory units, AuditLog audit,
      org.springframework.context.MessageSource messages) {
    this.audit = audit;
    this.messages = messages;
    this.views = views;
    this.reads = reads;
    this.manual = manual;
    this.paris = paris;
    this.work = work;
    this.units = units;
  }

  /** The filters as typed, echoed back into the form. */
  record FilterForm(String source, String du, String au, String type, String statut,
      String departement) {}

  /** The most reports a total counts exactly; beyond, the page says "more than". */
  static final long COUNT_CAP = 10_000;

  /** The filter as typed, parsed; the errors say which fields were ignored. */
  private record ParsedFilter(IntakeViews.ReportFilter filter, FilterForm form,
      List<String> errors) {}

  private static ParsedFilter parse(String source, String from, String to, String type,
      String status, String departement) {
    List<String> errors = new ArrayList<>();
    LocalDate fromDay = day(from, "intake.list.error.from", errors);
    LocalDate toDay = day(to, "intake.list.error.to", errors);
    String dep = blankToNull(departement);
    if (dep != null && !DEPARTEMENT.matcher(dep).matches()) {
      errors.add("intake.list.error.departement");
      dep = null;
    }
    String st = blankToNull(status);
    if (st != null && !STATUSES.contains(st)) {
      st = null;
    }
    IntakeViews.ReportFilter filter = new IntakeViews.ReportFilter(blankToNull(source), fromDay,
        toDay, blankToNull(type), st, dep == null ? null : dep.toUpperCase(java.util.Locale.ROOT));
    return new ParsedFilter(filter, new FilterForm(source, from, to, type, status, departement),
        errors);
  }

  @GetMapping("/signalements")
  @RequiresPermission(Permission.REPORTS_READ)
  String list(@RequestParam(name = "source", required = false) String source,
      @RequestParam(name = "du", required = false) String from,
      @RequestParam(name = "au", required = false) String to,
      @RequestParam(name = "type", required = false) String type,
      @RequestParam(name = "statut", required = false) String status,
      @RequestParam(name = "departement", required = false) String departement,
      @RequestParam(name = "curseur", required = false) String cursor,
      @RequestParam(name = "avant", required = false) String beforeCursor, Model model) {
    ParsedFilter parsed = parse(source, from, to, type, status, departement);
    IntakeViews.ReportFilter filter = parsed.filter();
    FilterForm form = parsed.form();
    IntakeViews.Cursor after = IntakeViews.Cursor.parse(cursor);
    IntakeViews.Cursor before = after == null ? IntakeViews.Cursor.parse(beforeCursor) : null;
    List<IntakeViews.ReportLine> lines = views.reports(filter, after, before, PAGE_SIZE + 1,
        ParisTimes.PARIS);
    List<IntakeViews.ReportLine> shown;
    boolean hasPrevious;
    boolean hasNext;
    if (before != null) {
      // Walked upwards: the extra row, if any, is the newest one and means more pages above.
      hasPrevious = lines.size() > PAGE_SIZE;
      shown = hasPrevious ? lines.subList(1, lines.size()) : lines;
      hasNext = true;
    } else {
      hasPrevious = after != null;
      shown = lines.stream().limit(PAGE_SIZE).toList();
      hasNext = lines.size() > PAGE_SIZE;
    }
    if (shown.isEmpty() && before != null) {
      // Nothing above any more (the rows were removed meanwhile): start from the top.
      shown = views.reports(filter, null, null, PAGE_SIZE + 1, ParisTimes.PARIS).stream()
          .limit(PAGE_SIZE).toList();
      hasPrevious = false;
    }
    long total = views.count(filter, COUNT_CAP + 1, ParisTimes.PARIS);
    model.addAttribute("filter", form);
    model.addAttribute("errors", parsed.errors());
    model.addAttribute("reports", shown);
    model.addAttribute("total", Math.min(total, COUNT_CAP));
    model.addAttribute("totalCapped", total > COUNT_CAP);
    model.addAttribute("sources", views.sourceCodes());
    // Every reader maps incident types onto NCMEC's list: the filter offers that list rather
    // than asking a million rows for their distinct values.
    model.addAttribute("types", java.util.Arrays.stream(IncidentType.values())
        .map(IncidentType::label).toList());
    model.addAttribute("statuses", STATUSES);
    model.addAttribute("firstPage", !hasPrevious);
    model.addAttribute("firstLink", link(form, null));
    model.addAttribute("previousLink", hasPrevious && !shown.isEmpty()
        ? link(form, "avant", new IntakeViews.Cursor(shown.getFirst().receivedAt(),
            shown.getFirst().id()))
        : null);
    model.addAttribute("nextLink", hasNext && !shown.isEmpty()
        ? link(form, new IntakeViews.Cursor(shown.getLast().receivedAt(), shown.getLast().id()))
        : null);
    model.addAttribute("exportLink", link("/signalements/export.csv", form, null, null));
    model.addAttribute("mayImport", Callers.may(Permission.REPORTS_IMPORT));
    model.addAttribute("mayWork", Callers.may(Permission.REPORTS_WORK));
    model.addAttribute("units", units.units());
    model.addAttribute("here", before != null ? link(form, "avant", before) : link(form, after));
    model.addAttribute("section", "reports");
    return "reports";
  }

  /** The columns of the CSV export, in order. */
  static final List<String> CSV_HEADER = List.of("id", "source", "reference", "version",
      "incident_type", "received_paris", "status", "departement", "high_priority",
      "assigned_unit", "assigned_to");
  // The header stays in stable column names, as the audit export's does: scripts read it.

  /** The most rows one export writes: the filters narrow a bigger one. */
  static final int CSV_MAX_ROWS = 100_000;

  /**
   * The list as CSV, with the filters applied (every page, newest first, at most {@link
   * #CSV_MAX_ROWS}); cells that a spreadsheet would run as a formula are neutralised. The export
   * is on the record, with its filters.
   */
  @GetMapping("/signalements/export.csv")
  @RequiresPermission(Permission.REPORTS_READ)
  void export(@RequestParam(name = "source", required = false) String source,
      @RequestParam(name = "du", required = false) String from,
      @RequestParam(name = "au", required = false) String to,
      @RequestParam(name = "type", required = false) String type,
      @RequestParam(name = "statut", required = false) String status,
      @RequestParam(name = "departement", required = false) String departement,
      HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
    ParsedFilter parsed = parse(source, from, to, type, status, departement);
    if (!parsed.errors().isEmpty()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    Access access = Callers.access(request.getRemoteAddr());
    // Recorded before the first byte leaves: an export cut short was still an export.
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
        AuditAction.EXPORT, "report-list", null, null, access.clientAddress())
        .withDetail(describe(parsed.filter())));
    response.setCharacterEncoding(java.nio.charset.StandardCharsets.UTF_8.name());
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
        org.springframework.http.ContentDisposition.attachment()
            .filename("vigie-signalements.csv").build().toString());
    java.io.Writer out = response.getWriter();
    out.write('\uFEFF'); // so that spreadsheets open the UTF-8 accents as such
    CsvWriter csv = new CsvWriter(out);
    csv.writeRecord(CSV_HEADER);
    IntakeViews.Cursor after = null;
    int written = 0;
    java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
    while (written < CSV_MAX_ROWS) {
      int batch = Math.min(1000, CSV_MAX_ROWS - written);
      List<IntakeViews.ReportLine> page = views.reports(parsed.filter(), after, null, batch,
          ParisTimes.PARIS);
      for (IntakeViews.ReportLine r : page) {
        csv.writeRecord(VisibleText.all(List.of(Long.toString(r.id()), r.sourceCode(),
            r.externalId(), Integer.toString(r.version()), r.incidentType(),
            paris.format(r.receivedAt()),
            messages.getMessage("intake.reportStatus." + r.status(), null, r.status(), locale),
            nullToEmpty(r.departement()),
            Boolean.toString(r.highPriority()), nullToEmpty(r.assignedUnit()),
            nullToEmpty(r.assignee()))));
      }
      written += page.size();
      if (page.size() < batch) {
        break;
      }
      after = new IntakeViews.Cursor(page.getLast().receivedAt(), page.getLast().id());
    }
    csv.flush();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** The filter as the audit entry says it. */
  static String describe(IntakeViews.ReportFilter f) {
    return "source=" + f.source() + " du=" + f.receivedFrom() + " au=" + f.receivedTo()
        + " type=" + f.incidentType() + " statut=" + f.status() + " departement="
        + f.departement();
  }

  private static String link(FilterForm f, IntakeViews.Cursor cursor) {
    return link("/signalements", f, "curseur", cursor);
  }

  private static String link(FilterForm f, String cursorName, IntakeViews.Cursor cursor) {
    return link("/signalements", f, cursorName, cursor);
  }

  private static String link(String path, FilterForm f, String cursorName,
      IntakeViews.Cursor cursor) {
    UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
    add(b, "source", f.source());
    add(b, "du", f.du());
    add(b, "au", f.au());
    add(b, "type", f.type());
    add(b, "statut", f.statut());
    add(b, "departement", f.departement());
    if (cursor != null) {
      add(b, cursorName, cursor.toString());
    }
    return b.encode().build().toUriString();
  }

  private static void add(UriComponentsBuilder b, String name, String value) {
    if (value != null && !value.isBlank()) {
      b.queryParam(name, value.strip());
    }
  }

  private static LocalDate day(String text, String error, List<String> errors) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      errors.add(error);
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** An IP event with its time in UTC and in Paris. */
  record IpEventView(IntakeViews.IpEventRow event, String utc, String paris) {}

  /** A device id with its time in UTC and in Paris. */
  record DeviceView(IntakeViews.DeviceRow device, String utc, String paris) {}

  /** A value no column holds, neutralised for display ({@link Neutral}). */
  record NotKeptView(String path, String value, String kind) {}

  @GetMapping("/signalements/{id}")
  @RequiresPermission(Permission.REPORTS_READ)
  String show(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    // Reports belong to the national office, not to a unit: every holder of REPORTS_READ sees
    // them all, and each read is on the record.
    IntakeViews.ReportDetail report = reads.find(access, "report", id, views::report,
            views::report, r -> null)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("report", report);
    model.addAttribute("persons", views.persons(id));
    model.addAttribute("identifiers", views.identifiers(id));
    model.addAttribute("ipEvents", views.ipEvents(id).stream()
        .map(e -> new IpEventView(e, utc(e.occurredAt()), paris.format(e.occurredAt())))
        .toList());
    model.addAttribute("incidentUtc", utc(report.incidentAt()));
    model.addAttribute("media", views.media(id));
    model.addAttribute("hints", views.victimHints(id));
    model.addAttribute("devices", views.devices(id).stream()
        .map(d -> new DeviceView(d, utc(d.occurredAt()), d.occurredAt() == null ? ""
            : paris.format(d.occurredAt())))
        .toList());
    model.addAttribute("notKept", views.notKept(id).stream()
        .map(n -> new NotKeptView(Neutral.of(n.path()), Neutral.of(n.value()), n.kind()))
        .toList());
    model.addAttribute("versions", views.versions(report.sourceId(), report.externalId()));
    model.addAttribute("history", work.history(id));
    model.addAttribute("nextStatuses", ReportStatus.valueOf(report.status()).next().stream()
        .sorted().map(ReportStatus::name).toList());
    // The forms only where a change can be made: a unit's investigator sees them on the
    // reports given to the unit or to them.
    model.addAttribute("mayWork", Callers.may(Permission.REPORTS_WORK)
        && !ReportStatus.SUPERSEDED.name().equals(report.status())
        && work.mayChange(access, id));
    model.addAttribute("units", units.units());
    model.addAttribute("section", "reports");
    return "report";
  }

  @GetMapping("/signalements/{id}/brut")
  @RequiresPermission(Permission.REPORTS_READ)
  String raw(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    IntakeViews.ReportDetail report = reads.find(access, "report_raw", id, views::report,
            views::report, r -> null)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("report", report);
    model.addAttribute("raw", views.reportRaw(id).orElse(""));
    model.addAttribute("section", "reports");
    return "report-raw";
  }

  @GetMapping("/signalements/nouveau")
  @RequiresPermission(Permission.REPORTS_IMPORT)
  String form(Model model) {
    return showForm(new ManualReport(ManualReports.DEFAULT_SOURCE, "", "", "", "", "", "", "",
        "", "", "", "", "", ""), Map.of(), model);
  }

  @PostMapping("/signalements/nouveau")
  @RequiresPermission(Permission.REPORTS_IMPORT)
  String submit(@ModelAttribute ManualReport typed, HttpServletRequest request, Model model,
      RedirectAttributes redirect) {
    ManualReport form = asTyped(typed);
    return switch (manual.store(form, Callers.access(request.getRemoteAddr()))) {
      case ManualReportOutcome.Stored s -> {
        redirect.addFlashAttribute("message", "intake.form.stored");
        yield "redirect:/signalements/" + s.reportId();
      }
      case ManualReportOutcome.Invalid invalid -> showForm(form, invalid.errors(), model);
    };
  }

  /**
   * The form's fields as the analyst typed them: a form shown again after an error showed their
   * hidden characters as markers ({@code ⟨U+202E⟩}), which come back as text and are put back;
   * a NUL, which no text column holds, stays a marker.
   */
  static ManualReport asTyped(ManualReport f) {
    java.util.function.UnaryOperator<String> t =
        v -> VisibleText.storable(VisibleText.restore(v));
    return new ManualReport(t.apply(f.source()), t.apply(f.externalRef()),
        t.apply(f.incidentType()), t.apply(f.incidentTime()), t.apply(f.firstName()),
        t.apply(f.lastName()), t.apply(f.email()), t.apply(f.phone()), t.apply(f.screenName()),
        t.apply(f.platform()), t.apply(f.ip()), t.apply(f.port()), t.apply(f.ipTime()),
        t.apply(f.notes()));
  }

  private String showForm(ManualReport form, Map<String, String> errors, Model model) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("incidentTypes", IncidentType.values());
    model.addAttribute("manualSources", manual.manualSources());
    model.addAttribute("section", "reports");
    return "report-form";
  }

  private static String utc(Instant t) {
    return t == null ? "" : UTC.format(t);
  }
}
