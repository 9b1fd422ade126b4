package fr.vigie.app.audit.internal;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEntry;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.web.VisibleText;
import fr.vigie.formats.csv.CsvWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit viewer (/audit) and its CSV export, for auditors and administrators. Looking at the
 * log and exporting it are themselves recorded, with the filters used; each export also signs a
 * checkpoint of its own entry.
 */
@Controller
class AuditController {

  private static final Logger log = LoggerFactory.getLogger(AuditController.class);
  static final int PAGE_SIZE = 50;

  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final AuditLog audit;
  private final AuditSearch search;
  private final Clock clock;

  AuditController(AuditLog audit, AuditSearch search, Clock clock) {
    this.audit = audit;
    this.search = search;
    this.clock = clock;
  }

  /** A row as the page shows it: the entry and its time in Paris and in UTC. */
  record Row(AuditEntry entry, String parisTime, String utcTime) {
    static Row of(AuditEntry entry) {
      return new Row(entry, ParisTime.show(entry.occurredAt()), entry.occurredAt().toString());
    }
  }

  @GetMapping("/audit")
  @RequiresPermission(Permission.AUDIT_READ)
  String viewer(@ModelAttribute("filter") AuditFilterForm form,
      @RequestParam(required = false) Long before, Authentication caller,
      HttpServletRequest request, Model model) {
    model.addAttribute("section", "audit");
    model.addAttribute("actions", AuditAction.values());
    model.addAttribute("exportLink", form.link("/audit/export.csv", null));
    model.addAttribute("firstPageLink", form.link("/audit", null));
    AuditFilterForm.Parsed parsed = form.parse();
    if (!parsed.errors().isEmpty()) {
      model.addAttribute("errors", parsed.errors());
      model.addAttribute("rows", List.of());
      return "audit";
    }
    String detail = parsed.filter().describe() + (before == null ? "" : "; before=" + before);
    audit.record(event(caller, request, AuditAction.READ).withDetail(detail));
    List<AuditEntry> found = search.newestFirst(parsed.filter(), before, PAGE_SIZE + 1);
    boolean more = found.size() > PAGE_SIZE;
    List<AuditEntry> shown = more ? found.subList(0, PAGE_SIZE) : found;
    model.addAttribute("rows", shown.stream().map(Row::of).toList());
    model.addAttribute("paged", before != null);
    model.addAttribute("olderLink",
        more ? form.link("/audit", shown.getLast().id()) : null);
    return "audit";
  }

  @GetMapping("/audit/export.csv")
  @RequiresPermission(Permission.AUDIT_EXPORT)
  void export(@ModelAttribute AuditFilterForm form, Authentication caller,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    AuditFilterForm.Parsed parsed = form.parse();
    if (!parsed.errors().isEmpty()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    // Recorded before the first byte leaves: an export cut short was still an export.
    AuditEntry exported = audit.record(event(caller, request, AuditAction.EXPORT)
        .withDetail(parsed.filter().describe()));
    // And signed outside the database: whoever keeps the file can later show that the log
    // stood as exported, up to this entry.
    try {
      audit.checkpoint(exported, "export");
    } catch (IOException | RuntimeException e) {
      log.error("audit checkpoint of export entry {} not written: {}", exported.id(),
          e.toString());
    }
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
        .filename("vigie-audit-" + FILE_STAMP.format(clock.instant()) + ".csv").build()
        .toString());
    Writer out = response.getWriter();
    // A byte order mark, so that spreadsheets open the UTF-8 accents as such.
    out.write('\uFEFF');
    CsvWriter csv = new CsvWriter(out);
    csv.writeRecord(AuditCsv.HEADER);
    search.forEachNewestFirst(parsed.filter(), entry -> {
      try {
        csv.writeRecord(VisibleText.all(AuditCsv.fields(entry)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    csv.flush();
  }

  private static AuditEvent event(Authentication caller, HttpServletRequest request,
      AuditAction action) {
    String role = Callers.currentRole().map(Enum::name).orElse(null);
    return AuditEvent.of(caller.getName(), role, action, "audit", null, null,
        request.getRemoteAddr());
  }
}
