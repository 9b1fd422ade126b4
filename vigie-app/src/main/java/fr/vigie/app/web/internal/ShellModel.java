package fr.vigie.app.web.internal;

import fr.vigie.app.security.Callers;
import fr.vigie.app.web.Section;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the navigation and the current path (for the language links) into every page's model. */
@ControllerAdvice
class ShellModel {

  /** Returns the sections the caller may open; the others are not shown at all. */
  @ModelAttribute("sections")
  List<Section> sections() {
    return Arrays.stream(Section.values()).filter(s -> Callers.may(s.permission())).toList();
  }

  @ModelAttribute("currentPath")
  String currentPath(HttpServletRequest request) {
    return pathWithinApplication(request);
  }

  /** Returns the request's path without the context path, e.g. "/suspects". */
  static String pathWithinApplication(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.isEmpty() ? "/" : path;
  }
}
