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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The import jobs (/imports) and a file of reports uploaded there, one job with its errors and
 * quarantined records, and one quarantined record: read it, correct and re-import it, or
 * discard it with a reason.
 */
@Controller
class ImportsController {

  static final int PAGE_SIZE = 50;
  static final int REJECTS_SHOWN = 500;

  private final IntakeViews views;
  private final Quarantine quarantine;
  private final Spool spool;
  private final ReportImport importer;
  private final ReportSources sources;
  private final ImportJobs importJobs;
  private final JdbcRefusals refusals;
  private final AuditLog audit;

  ImportsController(IntakeViews views, Quarantine quarantine, Spool spool,
      ReportImport importer, ReportSources sources, ImportJobs importJobs,
      JdbcRefusals refusals, AuditLog audit) {
    this.sources = sources;
    this.views = views;
    this.quarantine = quarantine;
    this.spool = spool;
    this.importer = importer;
    this.importJobs = importJobs;
    this.refusals = refusals;
    this.audit = audit;
  }

  @GetMapping("/imports")
  @RequiresPermission(Permission.REPORTS_READ)
  String jobs(@RequestParam(name = "avant", required = false) Long before, Model model) {
    List<IntakeViews.JobRow> jobs = views.jobs(before, PAGE_SIZE + 1);
    List<IntakeViews.JobRow> shown = jobs.stream().limit(PAGE_SIZE).toList();
    Map<Long, IntakeViews.Progress> progress = shown.stream().filter(IntakeViews.JobRow::running)
        .collect(Collectors.toMap(IntakeViews.JobRow::id, j -> views.progress(j.id())));
    model.addAttribute("jobs", shown);
    model.addAttribute("progress", progress);
    model.addAttribute("next", jobs.size() > PAGE_SIZE ? shown.getLast().id() : null);
    model.addAttribute("mayImport", Callers.may(Permission.REPORTS_IMPORT));
    model.addAttribute("senderSources", sources.senderCodes());
    if (!model.containsAttribute("chosenSource")) {
      model.addAttribute("chosenSource", "");
    }
    model.addAttribute("section", "imports");
    return "imports";
  }

  /**
   * A file of reports (CyberTipline XML, zip, Vigie JSON Lines or CSV) sent from the page: saved
   * to the spool and queued for the import worker, as through the API; the job's page follows
   * it. Larger files than the form takes ({@code spring.servlet.multipart.max-file-size}) go
   * through the API or {@code ./vigie import reports}.
   */
  @PostMapping("/imports")
  @RequiresPermission(Permission.REPORTS_IMPORT)
  String upload(@RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "source", required = false) String sourceCode,
      HttpServletRequest request, Model model, RedirectAttributes redirect) throws IOException {
    Access access = Callers.access(request.getRemoteAddr());
    model.addAttribute("chosenSource", sourceCode == null ? "" : sourceCode.strip());
    if (file == null || file.isEmpty()) {
      return uploadRefused(model, "intake.upload.error.empty");
    }
    ReportSource source = null;
    if (sourceCode != null && !sourceCode.isBlank()) {
      switch (sources.senderOf(sourceCode)) {
        case ReportSources.Choice.Known k -> source = k.source();
        case ReportSources.Choice.Refused r -> {
          return uploadRefused(model, "intake.upload.error.source");
        }
      }
    }
    String name = baseName(file.getOriginalFilename());
    Optional<Spool.Format> format = Spool.Format.ofFileName(name)
        .or(() -> Spool.Format.ofContentType(file.getContentType()));
    if (format.isEmpty()) {
      return uploadRefused(model, "intake.upload.error.format");
    }
    Path spooled;
    try (InputStream in = file.getInputStream()) {
      spooled = spool.write(in, format.get());
    } catch (Spool.TooLarge e) {
      return uploadRefused(model, "intake.upload.error.size");
    }
    long jobId;
    try {
      jobId = importer.queue(spooled, name.isEmpty() ? "web-upload" : name,
          AuditActor.of(access), ReportImport.Origin.WEB, source);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(spooled);
      throw e;
    }
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
            AuditAction.CREATE, "import_job", jobId, null, access.clientAddress())
        .withDetail("queued from the imports page: " + name + ", " + file.getSize() + " bytes, "
            + format.get().name() + (source == null ? "" : ", source " + source.code())));
    redirect.addFlashAttribute("message", "intake.upload.queued");
    return "redirect:/imports/" + jobId;
  }

  /** The name without the folders some browsers send with it. */
  private static String baseName(String given) {
    if (given == null) {
      return "";
    }
    String name = given.replace('\\', '/');
    return VisibleText.storable(name.substring(name.lastIndexOf('/') + 1).strip());
  }

  private String uploadRefused(Model model, String reason) {
    model.addAttribute("uploadError", reason);
    return jobs(null, model);
  }

  @GetMapping("/imports/{id}")
  @RequiresPermission(Permission.REPORTS_READ)
  String job(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    IntakeViews.JobRow job = views.job(id).orElseThrow(() -> {
      audit.recordRefusedRead(access, "import_job", id, false, null);
      return new ResponseStatusException(HttpStatus.NOT_FOUND);
    });
    audit.recordRead(access, "import_job", id, null);
    List<IntakeViews.RejectRow> rejects = views.rejects(id, REJECTS_SHOWN + 1);
    model.addAttribute("job", job);
    model.addAttribute("progress", job.running() ? views.progress(id) : null);
    model.addAttribute("rejects", rejects.stream().limit(REJECTS_SHOWN).toList());
    model.addAttribute("rejectsCut", rejects.size() > REJECTS_SHOWN);
    model.addAttribute("refusals", refusals.ofJob(id));
    model.addAttribute("mayImport", Callers.may(Permission.REPORTS_IMPORT));
    model.addAttribute("section", "imports");
    return "import";
  }

  /** Cancels a job still waiting in the queue; its spooled file is removed at once. */
  @PostMapping("/imports/{id}/cancel")
  @RequiresPermission(Permission.REPORTS_IMPORT)
  String cancel(@PathVariable("id") long id, HttpServletRequest request,
      RedirectAttributes redirect) {
    views.job(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    ImportJobs.Cancel result = importJobs.cancel(Callers.access(request.getRemoteAddr()), id);
    redirect.addFlashAttribute("message", switch (result) {
      case ImportJobs.Cancel.Cancelled c -> "intake.job.cancelled";
      case ImportJobs.Cancel.NotQueued n -> "intake.job.notCancelled";
    });
    return "redirect:/imports/" + id;
  }

  @GetMapping("/imports/rejets/{id}")
  @RequiresPermission(Permission.REPORTS_READ)
  String reject(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    IntakeViews.RejectRow row = quarantine.read(Callers.access(request.getRemoteAddr()), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return showReject(row, null, null, model);
  }

  private String showReject(IntakeViews.RejectRow row, String corrected, String error,
      Model model) {
    return showReject(row, corrected, error, importer.bareReportSourceOf(row.jobId())
        .map(ReportSource::code).orElse(""), model);
  }

  private String showReject(IntakeViews.RejectRow row, String corrected, String error,
      String chosenSource, Model model) {
    String raw = views.rejectRaw(row.id()).orElse("");
    model.addAttribute("senderSources", sources.senderCodes());
    model.addAttribute("chosenSource", chosenSource);
    model.addAttribute("reject", row);
    model.addAttribute("raw", raw);
    model.addAttribute("corrected", corrected != null ? corrected : raw);
    model.addAttribute("error", error);
    model.addAttribute("mayImport", Callers.may(Permission.REPORTS_IMPORT));
    model.addAttribute("section", "imports");
    return "import-reject";
  }

  @PostMapping("/imports/rejets/{id}/reimport")
  @RequiresPermission(Permission.REPORTS_IMPORT)
  String reimport(@PathVariable("id") long id,
      @RequestParam(name = "raw", defaultValue = "") String raw,
      @RequestParam(name = "source", required = false) String sourceCode,
      HttpServletRequest request, Model model, RedirectAttributes redirect) {
    IntakeViews.RejectRow row = views.rejectRow(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    if (raw.isBlank()) {
      return showReject(row, raw, "intake.reject.error.empty", model);
    }
    // Not sent (an older page): the job's source; sent empty: none.
    ReportSource source;
    if (sourceCode == null) {
      source = importer.bareReportSourceOf(row.jobId()).orElse(null);
    } else if (sourceCode.isBlank()) {
      source = null;
    } else {
      switch (sources.senderOf(sourceCode)) {
        case ReportSources.Choice.Known k -> source = k.source();
        case ReportSources.Choice.Refused r -> {
          return showReject(row, raw, "intake.upload.error.source", sourceCode.strip(), model);
        }
      }
    }
    // The text area showed the record's hidden characters as markers: put them back.
    String corrected = VisibleText.restore(raw);
    return switch (quarantine.reimport(Callers.access(request.getRemoteAddr()), id, corrected,
        source)) {
      case Quarantine.Outcome.Reimported r -> {
        redirect.addFlashAttribute("message", "intake.reject.reimported");
        yield "redirect:/imports/" + r.importJobId();
      }
      case Quarantine.Outcome.NotQuarantined n ->
          showReject(row, corrected, "intake.reject.error.resolved", model);
      case Quarantine.Outcome.Discarded d -> throw new IllegalStateException();
    };
  }

  @PostMapping("/imports/rejets/{id}/discard")
  @RequiresPermission(Permission.REPORTS_IMPORT)
  String discard(@PathVariable("id") long id,
      @RequestParam(name = "reason", defaultValue = "") String reason, HttpServletRequest request,
      Model model, RedirectAttributes redirect) {
    IntakeViews.RejectRow row = views.rejectRow(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    if (reason.isBlank()) {
      return showReject(row, null, "intake.reject.error.reason", model);
    }
    return switch (quarantine.discard(Callers.access(request.getRemoteAddr()), id, reason)) {
      case Quarantine.Outcome.Discarded d -> {
        redirect.addFlashAttribute("message", "intake.reject.discarded");
        yield "redirect:/imports/" + row.jobId();
      }
      case Quarantine.Outcome.NotQuarantined n ->
          showReject(row, null, "intake.reject.error.resolved", model);
      case Quarantine.Outcome.Reimported r -> throw new IllegalStateException();
    };
  }
}
