package fr.vigie.app.administration.internal;

import fr.vigie.app.administration.AdminOutcome;
import fr.vigie.app.administration.UserAdministration;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.security.Role;
import fr.vigie.app.units.Unit;
import fr.vigie.app.web.Section;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administration page: the accounts, and one form per change. Every change is a POST (with
 * the CSRF token Thymeleaf adds); disabling an account and resetting its second factor first
 * answer a confirmation page, and act only when it is confirmed.
 */
@Controller
@RequiresPermission(Permission.ADMINISTER)
class AdministrationController {

  private final UserAdministration administration;
  private final MessageSource messages;

  AdministrationController(UserAdministration administration, MessageSource messages) {
    this.administration = administration;
    this.messages = messages;
  }

  @GetMapping("/administration")
  String page(Model model) {
    return page(null, model);
  }

  @PostMapping("/administration/utilisateurs")
  String create(@RequestParam(name = "username", required = false) String username,
      @RequestParam(name = "displayName", required = false) String displayName,
      @RequestParam(name = "role", required = false) String role,
      @RequestParam(name = "unit", required = false) String unit,
      HttpServletRequest request, Model model) {
    return page(administration.create(Callers.access(request.getRemoteAddr()), username,
        displayName, role(role), unit), model);
  }

  @PostMapping("/administration/utilisateurs/activation")
  String setEnabled(@RequestParam(name = "username", required = false) String username,
      @RequestParam(name = "enabled", defaultValue = "false") boolean enabled,
      @RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed,
      HttpServletRequest request, Model model) {
    if (!enabled && !confirmed && administration.user(username).isPresent()) {
      return confirm("disable", username, model);
    }
    return page(administration.setEnabled(Callers.access(request.getRemoteAddr()), username,
        enabled), model);
  }

  @PostMapping("/administration/utilisateurs/totp")
  String resetTotp(@RequestParam(name = "username", required = false) String username,
      @RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed,
      HttpServletRequest request, Model model) {
    if (!confirmed && administration.user(username).isPresent()) {
      return confirm("resetTotp", username, model);
    }
    return page(administration.resetTotp(Callers.access(request.getRemoteAddr()), username),
        model);
  }

  @PostMapping("/administration/utilisateurs/role")
  String setRole(@RequestParam(name = "username", required = false) String username,
      @RequestParam(name = "role", required = false) String role,
      @RequestParam(name = "unit", required = false) String unit,
      HttpServletRequest request, Model model) {
    return page(administration.setRoleAndUnit(Callers.access(request.getRemoteAddr()), username,
        role(role), unit), model);
  }

  private String confirm(String action, String username, Model model) {
    model.addAttribute("action", action);
    model.addAttribute("account", administration.user(username).orElseThrow());
    model.addAttribute("section", Section.ADMINISTRATION.id());
    return "administration-confirm";
  }

  private String page(AdminOutcome outcome, Model model) {
    model.addAttribute("users", administration.users());
    model.addAttribute("units", administration.units());
    model.addAttribute("unitNames", administration.units().stream()
        .collect(Collectors.toMap(Unit::code, Unit::name)));
    model.addAttribute("roles", Role.values());
    model.addAttribute("outcome", outcome);
    model.addAttribute("outcomeText", outcome == null ? null : messages.getMessage(
        outcome.messageKey(), outcome.args().toArray(), LocaleContextHolder.getLocale()));
    model.addAttribute("refused", outcome instanceof AdminOutcome.Refused);
    model.addAttribute("oneTimePassword",
        outcome instanceof AdminOutcome.Created created ? created.oneTimePassword() : null);
    model.addAttribute("section", Section.ADMINISTRATION.id());
    return "administration";
  }

  private static Role role(String value) {
    if (value == null) {
      return null;
    }
    String name = value.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(Role.values()).filter(r -> r.name().equals(name)).findFirst()
        .orElse(null);
  }
}
