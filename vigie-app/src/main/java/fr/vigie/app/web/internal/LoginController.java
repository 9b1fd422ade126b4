package fr.vigie.app.web.internal;

import fr.vigie.app.security.PublicEndpoint;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security handles the POST. */
@Controller
class LoginController {

  @GetMapping("/login")
  @PublicEndpoint
  String login() {
    return "login";
  }
}
