package fr.vigie.app.cases.internal;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.cases.CaseChange;
import fr.vigie.app.cases.CaseExhibits;
import fr.vigie.app.cases.CaseExport;
import fr.vigie.app.cases.CaseFile;
import fr.vigie.app.cases.CaseOpening;
import fr.vigie.app.cases.CaseOutcome;
import fr.vigie.app.cases.CaseStatus;
import fr.vigie.app.cases.Cases;
import fr.vigie.app.cases.ExportedCase;
import fr.vigie.app.cases.HeldBy;
import fr.vigie.app.cases.Transition;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.web.ParisTimes;
import fr.vigie.app.web.CsvDownload;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * The cases the caller may see, one case with its work, and the case file export.
 *
 * <p>Every change to a case is a POST to the case's own address with {@code do} naming it
 * (status, note, task, exhibit...): one address per record keeps the unit scope and the
 * authorisation matrix in one place. A POST without {@code do} just shows the case.
 */
@Controller
class CasesController {

  static final int PAGE_SIZE = 50;

  private final Cases cases;
  private final CaseExhibits exhibits;
  private final CaseExport export;
  private final ParisTimes paris;
  private final MessageSource messages;

  CasesController(Cases cases, CaseExhibits exhibits, CaseExport export, ParisTimes paris,
      MessageSource messages) {
    this.cases = cases;
    this.exhibits = exhibits;
    this.export = export;
    this.paris = paris;
    this.messages = messages;
  }

  @GetMapping("/dossiers")
  @RequiresPermission(Permission.CASES_READ)
  String list(@RequestParam(name = "page", defaultValue = "0") int page,
      HttpServletRequest request, Model model) {
    model.addAttribute("cases", cases.visible(Callers.access(request.getRemoteAddr()),
        Math.max(0, page), PAGE_SIZE));
    model.addAttribute("section", "cases");
    return "cases";
  }

  /** The columns of the CSV export, in order: stable names, as the other exports' are. */
  static final List<String> CSV_HEADER = List.of("reference", "title", "unit", "status",
      "opened_paris", "opened_by", "suspects");

  /**
   * The cases list as CSV (it has no filters): every case the caller may see, newest first, at
   * most {@link CsvDownload#MAX_ROWS}; the status in the caller's words, dates as the page shows
   * them, the suspects' references one per line of the cell. On the record.
   */
  @GetMapping("/dossiers/export.csv")
  @RequiresPermission(Permission.CASES_READ)
  void exportList(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Access access = Callers.access(request.getRemoteAddr());
    java.util.Locale locale = LocaleContextHolder.getLocale();
    CsvDownload csv = CsvDownload.start(response, "vigie-dossiers.csv", CSV_HEADER);
    boolean more;
    try {
      more = cases.exportVisible(access, CsvDownload.MAX_ROWS, c -> {
        try {
          csv.row(java.util.Arrays.asList(c.reference(), c.title(), c.unitCode(),
              messages.getMessage("case.status." + c.status(), null, c.status(), locale),
              paris.format(c.openedAt()), c.openedBy(),
              String.join("\n", c.suspectReferences())));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    csv.finish(more, messages.getMessage("list.export.capped",
        new Object[] {CsvDownload.MAX_ROWS}, locale));
  }

  /**
   * Opens a case for one or several suspects (of one investigation). One of them outside the
   * caller's scope, or missing, is answered 404 and no case is opened. One of them already in
   * an open case is answered 409 with a page that links to that case and offers to open anyway
   * ({@code anyway} ticked, with a {@code reason}: audited).
   */
  @PostMapping("/dossiers")
  @RequiresPermission(Permission.CASES_WRITE)
  String open(@RequestParam(name = "suspect", required = false) List<Long> suspects,
      @RequestParam(name = "title", required = false) String title,
      @RequestParam(name = "anyway", required = false) Boolean anyway,
      @RequestParam(name = "reason", required = false) String reason,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    if (suspects == null || suspects.isEmpty()) {
      model.addAttribute("error", "case.open.noSuspect");
      return list(0, request, model);
    }
    if (suspects.size() > Cases.MAX_SUSPECTS_OPENED) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "too many suspects");
    }
    String anywayReason = Boolean.TRUE.equals(anyway) ? (reason == null ? "" : reason) : null;
    CaseOpening opening = cases.openFor(access, suspects, title, anywayReason)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return switch (opening) {
      case CaseOpening.Opened opened -> "redirect:/dossiers/" + opened.id();
      case CaseOpening.AlreadyOpen already ->
          refusedOpening(already.holders(), null, suspects, title, response, model);
      case CaseOpening.ReasonMissing missing -> refusedOpening(missing.holders(),
          "case.open.reasonMissing", suspects, title, response, model);
    };
  }

  /** The 409 page: the open cases that hold the suspects, and the choice to open anyway. */
  private static String refusedOpening(List<HeldBy> holders, String error, List<Long> suspects,
      String title, HttpServletResponse response, Model model) {
    response.setStatus(HttpStatus.CONFLICT.value());
    model.addAttribute("holders", holders);
    model.addAttribute("error", error);
    model.addAttribute("suspects", suspects);
    model.addAttribute("title", title);
    model.addAttribute("section", "cases");
    return "case-open-refused";
  }

  @GetMapping("/dossiers/{id}")
  @RequiresPermission(Permission.CASES_READ)
  String show(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    model.addAttribute("dossier", cases.dossier(Callers.access(request.getRemoteAddr()), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    model.addAttribute("file", ((fr.vigie.app.cases.CaseDossier) model.getAttribute("dossier"))
        .file());
    model.addAttribute("operations", cases.operationsOf(
        ((fr.vigie.app.cases.CaseDossier) model.getAttribute("dossier")).file()));
    model.addAttribute("statuses", CaseStatus.values());
    model.addAttribute("outcomes", CaseOutcome.values());
    model.addAttribute("mayWrite", Callers.may(Permission.CASES_WRITE));
    model.addAttribute("national", Callers.current().map(c -> c.national()).orElse(false));
    model.addAttribute("section", "cases");
    return "case";
  }

  /** One exhibit's content, as stored (the read is audited). */
  @GetMapping(path = "/dossiers/{id}", params = "piece")
  @RequiresPermission(Permission.CASES_READ)
  ResponseEntity<InputStreamResource> exhibit(@PathVariable("id") long id,
      @RequestParam("piece") long exhibitId, HttpServletRequest request) throws IOException {
    CaseExhibits.Opened opened = exhibits.open(Callers.access(request.getRemoteAddr()), id,
            exhibitId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(opened.exhibit().fileName(), java.nio.charset.StandardCharsets.UTF_8)
            .build().toString())
        .header("X-Content-SHA256", opened.exhibit().sha256())
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .contentLength(opened.exhibit().sizeBytes())
        .body(new InputStreamResource(opened.content()));
  }

  /** The case file PDF; the export is audited and on the case's timeline. */
  @GetMapping("/dossiers/export/{id}")
  @RequiresPermission(Permission.CASES_READ)
  ResponseEntity<byte[]> exportPdf(@PathVariable("id") long id, HttpServletRequest request) {
    ExportedCase exported = export.export(Callers.access(request.getRemoteAddr()), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(exported.fileName()).build().toString())
        .header("X-Manifest-SHA256", exported.manifestSha256())
        .contentType(MediaType.APPLICATION_PDF)
        .body(exported.pdf());
  }

  /**
   * Changes the case: {@code do} says how; refusals come back with every reason. The case's
   * scope is checked first, whatever {@code do} says and before any other field is read: a
   * change to another unit's case — even one that would not parse — is answered 404 and
   * recorded DENIED with that unit, like one naming another unit's note, task, exhibit or
   * suspect.
   */
  @PostMapping("/dossiers/{id}")
  @RequiresPermission(Permission.CASES_WRITE)
  String change(@PathVariable("id") long id,
      @RequestParam(name = "do", required = false) String action,
      @RequestParam(name = "to", required = false) String to,
      @RequestParam(name = "outcome", required = false) String outcome,
      @RequestParam(name = "text", required = false) String text,
      @RequestParam(name = "target", required = false) Long target,
      @RequestParam(name = "assignee", required = false) String assignee,
      @RequestParam(name = "due", required = false) String due,
      @RequestParam(name = "done", required = false) Boolean done,
      @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "confirmed", required = false) Boolean confirmed,
      HttpServletRequest request, Model model, RedirectAttributes flash) throws IOException {
    Access access = Callers.access(request.getRemoteAddr());
    if (action == null) {
      return show(id, request, model);
    }
    CaseFile found = cases.forChange(access, id, auditAction(action, target),
        changeName(action)).orElseThrow(CasesController::notFound);
    if ("status".equals(action) && "CLOSED".equals(to) && !Boolean.TRUE.equals(confirmed)
        && parseOutcome(outcome) != null && !CaseStatus.CLOSED.name().equals(found.status())) {
      return confirmClose(access, found, outcome, text, model);
    }
    Optional<?> result = switch (action) {
      case "status" -> cases.move(access, id, parseStatus(to), parseOutcome(outcome), text);
      case "unit" -> cases.assignUnit(access, id, text);
      case "suspect" -> cases.addSuspect(access, id, text);
      case "summary" -> cases.summarise(access, id, text);
      case "note" -> target == null ? cases.addNote(access, id, text)
          : cases.editNote(access, id, target, text);
      case "task" -> cases.addTask(access, id, text, assignee, parseDay(due));
      case "task-done" -> {
        if (target == null) {
          throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "which task?");
        }
        yield cases.markTask(access, id, target, !Boolean.FALSE.equals(done));
      }
      case "exhibit" -> attach(access, id, file, text, target, flash);
      case "reopen" -> {
        Optional<CaseChange> reopened = cases.reopen(access, id, text);
        if (reopened.orElse(null) instanceof CaseChange.Made) {
          flash.addFlashAttribute("done", "case.done.reopened");
        }
        yield reopened;
      }
      default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown action");
    };
    switch (result.orElseThrow(CasesController::notFound)) {
      case Transition.Refused refused -> flash.addFlashAttribute("refused", refused);
      case Transition.Moved moved -> flash.addFlashAttribute("done", "case.done.status");
      case CaseChange.Invalid invalid -> flash.addFlashAttribute("error", invalid.messageKey());
      case CaseChange.AlreadyHeld held -> flash.addFlashAttribute("held", held.holders());
      default -> { }
    }
    return "redirect:/dossiers/" + id;
  }

  /**
   * Closing asks first: the page shows what is still open (tasks, requisitions not answered)
   * and posts the same change again with {@code confirmed=true}. Nothing changes until then.
   */
  private String confirmClose(Access access, CaseFile file, String outcome, String comment,
      Model model) {
    model.addAttribute("file", file);
    model.addAttribute("openWork", cases.openWork(access, file.id()).orElseThrow(
        CasesController::notFound));
    model.addAttribute("outcome", outcome);
    model.addAttribute("comment", comment);
    model.addAttribute("section", "cases");
    return "case-close";
  }

  /** What the audit log calls the change {@code do} asks for. */
  private static AuditAction auditAction(String action, Long target) {
    return switch (action) {
      case "note" -> target == null ? AuditAction.CREATE : AuditAction.UPDATE;
      case "task", "exhibit" -> AuditAction.CREATE;
      default -> AuditAction.UPDATE;
    };
  }

  /** The change as the audit log names it: the {@code do} asked for, never free text. */
  private static String changeName(String action) {
    return switch (action) {
      case "status", "unit", "suspect", "summary", "note", "task", "task-done", "exhibit",
           "reopen" ->
          action;
      default -> "unknown action";
    };
  }

  private static ResponseStatusException notFound() {
    return new ResponseStatusException(HttpStatus.NOT_FOUND);
  }

  private Optional<?> attach(Access access, long id, MultipartFile file, String description,
      Long replaces, RedirectAttributes flash) throws IOException {
    if (file == null || file.isEmpty()) {
      return Optional.of(new CaseChange.Invalid("case.error.file"));
    }
    try (InputStream in = file.getInputStream()) {
      return exhibits.attach(access, id, new CaseExhibits.Upload(
          file.getOriginalFilename() == null ? "piece" : file.getOriginalFilename(),
          file.getContentType(), description, replaces), in);
    } catch (CaseExhibits.Refused refused) {
      if (refused.messageKey() != null) {
        flash.addFlashAttribute("error", refused.messageKey());
      } else {
        flash.addFlashAttribute("problem", refused.getMessage());
      }
      return Optional.of(refused);
    }
  }

  private static CaseStatus parseStatus(String to) {
    try {
      return CaseStatus.valueOf(to == null ? "" : to);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown status " + to);
    }
  }

  private static CaseOutcome parseOutcome(String outcome) {
    if (outcome == null || outcome.isBlank()) {
      return null;
    }
    try {
      return CaseOutcome.valueOf(outcome);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown outcome " + outcome);
    }
  }

  /** A due date typed as a day: the end of that day in Paris. */
  private static Instant parseDay(String day) {
    if (day == null || day.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(day.strip()).plusDays(1).atStartOfDay(ParisTimes.PARIS)
          .toInstant().minusSeconds(1);
    } catch (DateTimeParseException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "due date " + day);
    }
  }
}
