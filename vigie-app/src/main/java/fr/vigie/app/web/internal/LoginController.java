package fr.vigie.app.web.internal;

import fr.vigie.app.security.PublicEndpoint;
import fr.vigie.app.security.SignInOptions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security handles the POST. */
@Controller
class LoginController {

  private final SignInOptions options;

  LoginController(SignInOptions options) {
    this.options = options;
  }

  @GetMapping("/login")
  @PublicEndpoint
  String login(Model model) {
    options.oidcLoginPath().ifPresent(path -> model.addAttribute("oidcLogin", path));
    return "login";
  }
}
