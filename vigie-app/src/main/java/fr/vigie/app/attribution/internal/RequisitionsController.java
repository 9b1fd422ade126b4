package fr.vigie.app.attribution.internal;

import fr.vigie.app.attribution.AnswerImportSummary;
import fr.vigie.app.attribution.Attribution;
import fr.vigie.app.attribution.DraftOutcome;
import fr.vigie.app.attribution.ProcedureType;
import fr.vigie.app.attribution.Requisition;
import fr.vigie.app.attribution.RequisitionRequest;
import fr.vigie.app.attribution.Requisitions;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.web.CsvDownload;
import fr.vigie.app.web.ParisTimes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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

/**
 * Requisitions: the list (overdue first, filters), drafting one per operator, one requisition
 * with its lines and answers, its status changes, its PDF and CSV, and the upload of an answer.
 */
@Controller
class RequisitionsController {

  static final List<String> STATUSES = List.of("OVERDUE", "SENT", "DRAFTED", "ANSWERED",
      "CANCELLED");

  private final Requisitions requisitions;
  private final Attribution attribution;
  private final ParisTimes paris;
  private final MessageSource messages;

  RequisitionsController(Requisitions requisitions, Attribution attribution, ParisTimes paris,
      MessageSource messages) {
    this.requisitions = requisitions;
    this.attribution = attribution;
    this.paris = paris;
    this.messages = messages;
  }

  /** The columns of the CSV export, in order: stable names, as the other exports' are. */
  static final List<String> CSV_HEADER = List.of("reference", "operator", "status",
      "answered_items", "items", "due_paris", "procedure", "unit");

  /**
   * The list as CSV with the page's filters (status, operator), in its order (overdue first),
   * every requisition of the caller's scope (not only the page's 500), at most {@link
   * CsvDownload#MAX_ROWS}; the status in the caller's words, dates as the page shows them. On
   * the record.
   */
  @GetMapping("/requisitions/export.csv")
  @RequiresPermission(Permission.ATTRIBUTION_READ)
  void export(@RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "operator", required = false) String operator,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    Access access = Callers.access(request.getRemoteAddr());
    java.util.Locale locale = LocaleContextHolder.getLocale();
    CsvDownload csv = CsvDownload.start(response, "vigie-requisitions.csv", CSV_HEADER);
    boolean more;
    try {
      more = requisitions.export(access, status, operator, CsvDownload.MAX_ROWS, r -> {
        try {
          csv.row(java.util.Arrays.asList(r.reference(), r.operatorName(),
              messages.getMessage("requisitions.status." + r.effectiveStatus(), null,
                  r.effectiveStatus(), locale),
              Long.toString(r.answeredItems()), Long.toString(r.items()),
              paris.format(r.dueAt()), r.procedureRef(), r.unitCode()));
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

  @GetMapping("/requisitions")
  @RequiresPermission(Permission.ATTRIBUTION_READ)
  String list(@RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "operator", required = false) String operator,
      HttpServletRequest request, Model model) {
    return listPage(status, operator, new RequisitionRequest("", "", "", ""), List.of(), request,
        model);
  }

  @PostMapping("/requisitions")
  @RequiresPermission(Permission.REQUISITIONS_MANAGE)
  String draft(@RequestParam(name = "operatorCode", required = false) String operatorCode,
      @RequestParam(name = "procedureType", required = false) String procedureType,
      @RequestParam(name = "procedureRef", required = false) String procedureRef,
      @RequestParam(name = "requestingOfficer", required = false) String officer,
      HttpServletRequest request, Model model) {
    RequisitionRequest form = new RequisitionRequest(operatorCode, procedureType, procedureRef,
        officer);
    DraftOutcome outcome = requisitions.draft(form, Callers.access(request.getRemoteAddr()));
    return switch (outcome) {
      case DraftOutcome.Drafted d -> "redirect:/requisitions/" + d.id();
      case DraftOutcome.Refused r -> listPage(null, null, form, r.errors(), request, model);
    };
  }

  private String listPage(String status, String operator, RequisitionRequest form,
      List<String> errors, HttpServletRequest request, Model model) {
    String chosen = status != null && STATUSES.contains(status) ? status : null;
    model.addAttribute("requisitions", requisitions.list(Callers.access(request.getRemoteAddr()),
        chosen, operator));
    model.addAttribute("status", chosen);
    model.addAttribute("operator", operator);
    model.addAttribute("statuses", STATUSES);
    model.addAttribute("pending", attribution.overview().pendingByOperator());
    model.addAttribute("procedureTypes", ProcedureType.values());
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("mayManage", Callers.may(Permission.REQUISITIONS_MANAGE));
    model.addAttribute("section", "requisitions");
    model.addAttribute("exportLink", org.springframework.web.util.UriComponentsBuilder
        .fromPath("/requisitions/export.csv")
        .queryParamIfPresent("status", java.util.Optional.ofNullable(chosen))
        .queryParamIfPresent("operator", java.util.Optional.ofNullable(operator)
            .filter(o -> !o.isBlank()))
        .encode().build().toUriString());
    return "requisitions";
  }

  @GetMapping("/requisitions/{id}")
  @RequiresPermission(Permission.ATTRIBUTION_READ)
  String show(@PathVariable("id") long id, HttpServletRequest request, Model model) {
    return detail(Callers.access(request.getRemoteAddr()), id, null, null, model);
  }

  /**
   * One form per action: {@code action=sent}, {@code action=cancel}, or {@code action=answer}
   * with the operator's CSV as {@code file}. Without a valid action the page says so.
   */
  @PostMapping("/requisitions/{id}")
  @RequiresPermission(Permission.REQUISITIONS_MANAGE)
  String act(@PathVariable("id") long id,
      @RequestParam(name = "action", required = false) String action,
      @RequestParam(name = "file", required = false) MultipartFile file,
      HttpServletRequest request, Model model) throws IOException {
    Access access = Callers.access(request.getRemoteAddr());
    String error = null;
    AnswerImportSummary summary = null;
    if ("sent".equals(action)) {
      if (requisitions.markSent(access, id)) {
        return "redirect:/requisitions/" + id;
      }
      error = "requisitions.error.notDrafted";
    } else if ("cancel".equals(action)) {
      if (requisitions.cancel(access, id)) {
        return "redirect:/requisitions/" + id;
      }
      error = "requisitions.error.notCancellable";
    } else if ("answer".equals(action) && file != null && !file.isEmpty()) {
      try (InputStream in = file.getInputStream()) {
        summary = requisitions.importAnswer(in, file.getOriginalFilename() == null ? "answer.csv"
            : file.getOriginalFilename(), "WEB", access.caller().username(),
            access.caller().role().name(), access.clientAddress(), access);
      }
    } else {
      error = "answer".equals(action) ? "requisitions.error.noFile"
          : "requisitions.error.action";
    }
    return detail(access, id, error, summary, model);
  }

  private String detail(Access access, long id, String error, AnswerImportSummary summary,
      Model model) {
    Requisition r = requisitions.find(access, id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("r", r);
    model.addAttribute("items", requisitions.items(id));
    model.addAttribute("error", error);
    model.addAttribute("summary", summary);
    model.addAttribute("mayManage", Callers.may(Permission.REQUISITIONS_MANAGE));
    model.addAttribute("section", "requisitions");
    return "requisition";
  }

  @GetMapping("/requisitions/pdf/{id}")
  @RequiresPermission(Permission.ATTRIBUTION_READ)
  ResponseEntity<byte[]> pdf(@PathVariable("id") long id, HttpServletRequest request) {
    byte[] pdf = requisitions.pdf(Callers.access(request.getRemoteAddr()), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"requisition-" + id
            + ".pdf\"")
        .contentType(MediaType.APPLICATION_PDF).body(pdf);
  }

  @GetMapping("/requisitions/csv/{id}")
  @RequiresPermission(Permission.ATTRIBUTION_READ)
  ResponseEntity<String> csv(@PathVariable("id") long id, HttpServletRequest request) {
    String csv = requisitions.csv(Callers.access(request.getRemoteAddr()), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"requisition-" + id
            + ".csv\"")
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(csv);
  }
}
