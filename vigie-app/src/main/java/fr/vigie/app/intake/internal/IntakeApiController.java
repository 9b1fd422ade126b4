package fr.vigie.app.intake.internal;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditActor;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.intake.ReportImport;
import fr.vigie.app.intake.ReportSources;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.formats.cybertip.ReportSource;
import fr.vigie.app.web.VisibleText;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The intake API: a file of reports is posted as the request body (streamed to the spool, never
 * held in memory), queued for the import worker, and answered 202 with the job to poll. Every
 * call, accepted or refused, is on the audit record.
 */
@RestController
class IntakeApiController {

  /** Rejections listed in one status answer; the job page and the quarantine have them all. */
  static final int ERRORS_SHOWN = 1000;

  private final Spool spool;
  private final ReportImport importer;
  private final ReportSources sources;
  private final IntakeViews views;
  private final JdbcRefusals refusals;
  private final AuditLog audit;
  private final MessageSource messages;

  IntakeApiController(Spool spool, ReportImport importer, ReportSources sources,
      IntakeViews views, JdbcRefusals refusals, AuditLog audit, MessageSource messages) {
    this.sources = sources;
    this.spool = spool;
    this.importer = importer;
    this.views = views;
    this.refusals = refusals;
    this.audit = audit;
    this.messages = messages;
  }

  @PostMapping("/api/intake/reports")
  @RequiresPermission(Permission.REPORTS_IMPORT)
  ResponseEntity<Map<String, Object>> post(HttpServletRequest request,
      @RequestParam(name = "format", required = false) String format,
      @RequestParam(name = "filename", required = false) String filename,
      @RequestParam(name = "source", required = false) String sourceCode) throws IOException {
    Access access = Callers.access(request.getRemoteAddr());
    Optional<Spool.Format> chosen = format != null ? Spool.Format.ofName(format)
        : Spool.Format.ofFileName(filename)
            .or(() -> Spool.Format.ofContentType(request.getContentType()));
    String inputName = filename != null && !filename.isBlank()
        ? VisibleText.storable(filename.strip()) : "api-upload";
    if (chosen.isEmpty()) {
      String type = request.getContentType();
      boolean curlDefault = type != null && type.toLowerCase(java.util.Locale.ROOT)
          .startsWith("application/x-www-form-urlencoded");
      return refuse(access, inputName, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unknown format "
          + "(Content-Type " + type + ", format=" + format + "): send "
          + "application/xml, application/zip, application/x-ndjson or text/csv, or ?format="
          + (curlDefault ? " (curl --data-binary sends the form type unless given "
              + "-H 'Content-Type: …')" : ""));
    }
    // The source of bare <report> documents is the caller's word, checked before the body is
    // read: an unknown code is refused, never created (ReportSources).
    ReportSource source = null;
    if (sourceCode != null) {
      switch (sources.senderOf(sourceCode)) {
        case ReportSources.Choice.Known k -> source = k.source();
        case ReportSources.Choice.Refused r -> {
          return refuse(access, inputName, HttpStatus.BAD_REQUEST, r.reason());
        }
      }
    }
    Path file;
    try {
      file = spool.write(request.getInputStream(), chosen.get());
    } catch (Spool.TooLarge e) {
      return refuse(access, inputName, HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }
    if (Files.size(file) == 0) {
      Files.deleteIfExists(file);
      return refuse(access, inputName, HttpStatus.BAD_REQUEST, "the body is empty");
    }
    long bytes = Files.size(file);
    long jobId;
    try {
      jobId = importer.queue(file, inputName, AuditActor.of(access), ReportImport.Origin.API,
          source);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
            AuditAction.CREATE, "import_job", jobId, null, access.clientAddress())
        .withDetail("queued through the API: " + cut(inputName) + ", " + bytes + " bytes, "
            + chosen.get().name() + (source == null ? "" : ", source " + source.code())));
    String statusUrl = "/api/intake/jobs/" + jobId;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("importJobId", jobId);
    body.put("status", "QUEUED");
    body.put("statusUrl", statusUrl);
    return ResponseEntity.accepted().location(URI.create(statusUrl)).body(body);
  }

  @GetMapping("/api/intake/jobs/{id}")
  @RequiresPermission(Permission.REPORTS_IMPORT)
  ResponseEntity<Map<String, Object>> job(@PathVariable("id") long id,
      HttpServletRequest request) {
    Access access = Callers.access(request.getRemoteAddr());
    Optional<IntakeViews.JobRow> found = views.job(id);
    if (found.isEmpty()) {
      audit.recordRefusedRead(access, "import_job", id, false, null);
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(Map.of("error", "no import job " + id));
    }
    audit.recordRead(access, "import_job", id, null);
    IntakeViews.JobRow j = found.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("importJobId", j.id());
    body.put("status", j.status());
    body.put("origin", j.origin());
    body.put("input", j.inputName());
    body.put("requestedBy", j.requestedBy());
    body.put("source", j.sourceCode());
    body.put("createdAt", text(j.createdAt()));
    body.put("startedAt", text(j.startedAt()));
    body.put("finishedAt", text(j.finishedAt()));
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("read", j.read());
    counts.put("new", j.created());
    counts.put("newVersions", j.newVersions());
    counts.put("unchanged", j.unchanged());
    counts.put("rejected", j.rejected());
    body.put("counts", counts);
    body.put("outcome", outcome(j.outcome()));
    body.put("lastError", j.lastError());
    List<IntakeViews.RejectRow> rejects = views.rejects(id, ERRORS_SHOWN + 1);
    body.put("errors", rejects.stream().limit(ERRORS_SHOWN).map(r -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("rejectId", r.id());
      e.put("file", r.inputName());
      e.put("line", r.line());
      e.put("column", r.column());
      e.put("field", r.field());
      e.put("reason", r.reason());
      e.put("status", r.status());
      return e;
    }).toList());
    body.put("errorsTruncated", rejects.size() > ERRORS_SHOWN);
    body.put("refusals", refusals.ofJob(id).stream().map(r -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("reason", r.reason());
      e.put("count", r.occurrences());
      e.put("firstFile", r.firstFile());
      e.put("firstLine", r.firstLine());
      e.put("firstColumn", r.firstColumn());
      e.put("firstField", r.firstField());
      e.put("entries", r.examples());
      e.put("more", r.more());
      return e;
    }).toList());
    return ResponseEntity.ok(body);
  }

  private ResponseEntity<Map<String, Object>> refuse(Access access, String inputName,
      HttpStatus status, String reason) {
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
            AuditAction.CREATE, "import_job", null, null, access.clientAddress())
        .withOutcome("FAILURE")
        .withDetail("upload refused (" + status.value() + "): " + cut(inputName) + ": " + reason));
    return ResponseEntity.status(status).body(Map.of("error", reason));
  }

  /**
   * What the input was, by name and in words in both languages of the pages; null while the job
   * has not ended (or ended before outcomes were kept).
   */
  private Map<String, Object> outcome(String code) {
    if (code == null) {
      return null;
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("code", code);
    o.put("fr", messages.getMessage("intake.outcome." + code, null, code, Locale.FRENCH));
    o.put("en", messages.getMessage("intake.outcome." + code, null, code, Locale.ENGLISH));
    return o;
  }

  private static String text(java.time.Instant t) {
    return t == null ? null : t.toString();
  }

  private static String cut(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
