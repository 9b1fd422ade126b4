package fr.vigie.app.administration.internal;

import fr.vigie.app.administration.AdminOutcome;
import fr.vigie.app.administration.HashSetUpload;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.web.Section;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Hash-set import from the page: the file is written to a temporary file (an NSRL set is a
 * SQLite database or a zip, read from disk), imported at once as the command does, then deleted.
 */
@Controller
@RequiresPermission(Permission.ADMINISTER)
class HashSetUploadController {

  private final HashSetUpload upload;
  private final MessageSource messages;

  HashSetUploadController(HashSetUpload upload, MessageSource messages) {
    this.upload = upload;
    this.messages = messages;
  }

  @GetMapping("/administration/empreintes")
  String page(Model model) {
    return page(null, model);
  }

  @PostMapping("/administration/empreintes")
  String importFile(@RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "format", required = false) String format,
      @RequestParam(name = "scheme", required = false) String scheme,
      @RequestParam(name = "name", required = false) String name,
      @RequestParam(name = "version", required = false) String version,
      @RequestParam(name = "authority", required = false) String authority,
      @RequestParam(name = "legalBasis", required = false) String legalBasis,
      HttpServletRequest request, Model model) throws IOException {
    if (file == null || file.isEmpty()) {
      return page(AdminOutcome.refused("hashsets.refused.file"), model);
    }
    Path temporary = Files.createTempFile("vigie-hashset-", ".upload");
    try {
      try (InputStream in = file.getInputStream()) {
        Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
      }
      return page(upload.importFile(Callers.access(request.getRemoteAddr()), temporary, format,
          scheme, name, version, authority, legalBasis), model);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private String page(AdminOutcome outcome, Model model) {
    model.addAttribute("refused", outcome instanceof AdminOutcome.Refused);
    model.addAttribute("outcomeText", outcome == null ? null : messages.getMessage(
        outcome.messageKey(), outcome.args().toArray(), LocaleContextHolder.getLocale()));
    model.addAttribute("section", Section.ADMINISTRATION.id());
    return "administration-hashsets";
  }
}
