package fr.vigie.app.security.internal;

import fr.vigie.app.security.Caller;
import fr.vigie.app.security.SecuritySettings;
import fr.vigie.app.security.Totp;
import fr.vigie.app.security.SignInStep;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second step of sign-in: a TOTP code (or a recovery code) for an enrolled account, or
 * enrolment — a QR code to scan, a first code to prove it worked, recovery codes shown once.
 * Only someone whose password was just accepted reaches these pages (see SecurityConfig).
 */
@Controller
class SecondFactorController {

  static final String TOTP_PATH = "/login/totp";
  static final String ENROL_PATH = "/login/enrol";
  static final String RECOVERY_CODES_PATH = "/login/recovery-codes";
  private static final String PENDING_SECRET = "vigie.enrolment.secret";

  private final SignInGuard guard;
  private final SecuritySettings settings;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
  private final SecureRandom random = new SecureRandom();

  SecondFactorController(SignInGuard guard, SecuritySettings settings) {
    this.guard = guard;
    this.settings = settings;
  }

  @GetMapping(TOTP_PATH)
  @SignInStep
  String codeForm() {
    Optional<PasswordVerified> pending = pending();
    if (pending.isEmpty()) {
      return "redirect:/";
    }
    return guard.enrolled(pending.get().userId()) ? "login-totp" : "redirect:" + ENROL_PATH;
  }

  @PostMapping(TOTP_PATH)
  @SignInStep
  String checkCode(@RequestParam(name = "code", required = false) String code,
      @RequestParam(name = "recoveryCode", required = false) String recoveryCode,
      HttpServletRequest request, HttpServletResponse response) {
    Optional<PasswordVerified> pending = pending();
    if (pending.isEmpty()) {
      return "redirect:/login";
    }
    long userId = pending.get().userId();
    try {
      Caller caller = recoveryCode != null && !recoveryCode.isBlank()
          ? guard.checkRecoveryCode(userId, recoveryCode, request.getRemoteAddr())
          : guard.checkCode(userId, code, request.getRemoteAddr());
      complete(caller, request, response);
      return "redirect:/";
    } catch (LockedException e) {
      return abandon(request, "/login?locked");
    } catch (SignInGuard.SecondFactorUnavailable e) {
      return abandon(request, "/login?unavailable");
    } catch (AuthenticationException e) {
      return "redirect:" + TOTP_PATH + "?error";
    }
  }

  @GetMapping(ENROL_PATH)
  @SignInStep
  String enrolForm(HttpSession session, Model model) {
    Optional<PasswordVerified> pending = pending();
    if (pending.isEmpty()) {
      return "redirect:/";
    }
    if (guard.enrolled(pending.get().userId())) {
      return "redirect:" + TOTP_PATH;
    }
    String secret = (String) session.getAttribute(PENDING_SECRET);
    if (secret == null) {
      secret = Totp.newSecret(random);
      session.setAttribute(PENDING_SECRET, secret);
    }
    String account = pending.get().getName();
    model.addAttribute("qrCode",
        QrCodes.svgDataUri(Totp.otpauthUri(settings.issuer(), account, secret)));
    model.addAttribute("secretGroups", String.join(" ", secret.split("(?<=\\G.{4})")));
    model.addAttribute("account", account);
    return "login-enrol";
  }

  @PostMapping(ENROL_PATH)
  @SignInStep
  String enrol(@RequestParam(name = "code", required = false) String code, HttpSession session,
      HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
    Optional<PasswordVerified> pending = pending();
    String secret = (String) session.getAttribute(PENDING_SECRET);
    if (pending.isEmpty() || secret == null) {
      return "redirect:/login";
    }
    try {
      SignInGuard.Enrolled enrolled =
          guard.enrol(pending.get().userId(), secret, code, request.getRemoteAddr());
      session.removeAttribute(PENDING_SECRET);
      complete(enrolled.caller(), request, response);
      redirect.addFlashAttribute("recoveryCodes", enrolled.recoveryCodes());
      return "redirect:" + RECOVERY_CODES_PATH;
    } catch (LockedException e) {
      return abandon(request, "/login?locked");
    } catch (AuthenticationException e) {
      return "redirect:" + ENROL_PATH + "?error";
    }
  }

  /** Shows the recovery codes once, right after enrolment (they arrive as a flash attribute). */
  @GetMapping(RECOVERY_CODES_PATH)
  @SignInStep
  String recoveryCodes(Model model) {
    Object codes = model.getAttribute("recoveryCodes");
    return codes instanceof List<?> list && !list.isEmpty() ? "login-recovery-codes"
        : "redirect:/";
  }

  private static Optional<PasswordVerified> pending() {
    return SecurityContextHolder.getContext().getAuthentication() instanceof PasswordVerified p
        ? Optional.of(p) : Optional.empty();
  }

  /** Replaces the half-way authentication with the caller's role, under a new session id. */
  private void complete(Caller caller, HttpServletRequest request, HttpServletResponse response) {
    var authentication = UsernamePasswordAuthenticationToken.authenticated(caller, null, List.of(
        new SimpleGrantedAuthority(caller.role().authority()),
        new SimpleGrantedAuthority(PasswordVerified.AUTHORITY),
        new SimpleGrantedAuthority("VIGIE_SECOND_FACTOR_VERIFIED")));
    request.changeSessionId(); // no session fixation across the privilege change
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
  }

  private static String abandon(HttpServletRequest request, String target) {
    SecurityContextHolder.clearContext();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return "redirect:" + target;
  }
}
