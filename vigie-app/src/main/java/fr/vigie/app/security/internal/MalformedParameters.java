package fr.vigie.app.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, with a 400 that says why, a request whose query string or form is not valid UTF-8
 * (e.g. {@code %C3%28}). Tomcat's parameter parser throws on such input wherever parameters are
 * first read — the CSRF filter, the sign-in filter —, which used to end in a bare JSON 400 and an
 * error with a stack trace in the log. Placed in both filter chains after the header writer
 * (so the answer carries the same protective headers) and before anything reads a parameter.
 *
 * <p>Under {@code /api/} the answer is JSON ({@code status}, {@code error}, {@code message},
 * {@code field} when known, {@code path}); elsewhere it is the error page, in the language of the
 * person's {@code vigie-lang} cookie, naming the field of the query at fault.
 */
final class MalformedParameters extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(MalformedParameters.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int LONGEST_NAME_SHOWN = 100;

  /** Where the bytes that are not UTF-8 were; {@code field} is null when it is not known. */
  record NotUtf8(boolean inForm, String field) {}

  private final ViewResolver views;
  private final MessageSource messages;
  private final LocaleResolver locales;

  MalformedParameters(ViewResolver views, MessageSource messages, LocaleResolver locales) {
    this.views = views;
    this.messages = messages;
    this.locales = locales;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    Optional<NotUtf8> fault = Utf8Query.firstInvalid(request.getQueryString())
        .map(invalid -> new NotUtf8(false, shown(invalid.name())));
    if (fault.isEmpty() && isForm(request)) {
      try {
        request.getParameterMap(); // parses the body once; later reads use what it found
      } catch (RuntimeException e) {
        if (!notUtf8(e)) {
          throw e;
        }
        fault = Optional.of(new NotUtf8(true, null));
      }
    }
    if (fault.isPresent()) {
      log.debug("refused {} {}: not UTF-8 ({})", request.getMethod(), request.getRequestURI(),
          fault.get());
      refuse(fault.get(), request, response);
      return;
    }
    chain.doFilter(request, response);
  }

  private void refuse(NotUtf8 fault, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/")) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", HttpStatus.BAD_REQUEST.value());
      body.put("error", HttpStatus.BAD_REQUEST.getReasonPhrase());
      body.put("message", message(fault, Locale.ENGLISH));
      if (fault.field() != null) {
        body.put("field", fault.field());
      }
      body.put("path", path);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write(JSON.writeValueAsString(body));
      return;
    }
    Locale locale = locales.resolveLocale(request);
    // Outside the DispatcherServlet: tell the view which resolver gives the locale.
    request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, locales);
    try {
      View page = views.resolveViewName("error", locale);
      if (page == null) {
        throw new ServletException("no error page template");
      }
      response.setContentType(MediaType.TEXT_HTML_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      page.render(Map.of("status", HttpStatus.BAD_REQUEST.value(),
          "reason", message(fault, locale)), request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ServletException(e);
    }
  }

  private String message(NotUtf8 fault, Locale locale) {
    if (fault.inForm()) {
      return messages.getMessage("error.notUtf8.form", null, locale);
    }
    return fault.field() == null ? messages.getMessage("error.notUtf8.queryName", null, locale)
        : messages.getMessage("error.notUtf8.query", new Object[] {fault.field()}, locale);
  }

  private static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT)
        .startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
  }

  /** Tomcat wraps the decoder's complaint in its own exception: look for it among the causes. */
  private static boolean notUtf8(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CharacterCodingException) {
        return true;
      }
    }
    return false;
  }

  /** A field name as shown to the person: control characters out, not too long. */
  private static String shown(String name) {
    if (name == null) {
      return null;
    }
    String printable = name.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= LONGEST_NAME_SHOWN ? printable
        : printable.substring(0, LONGEST_NAME_SHOWN) + "…";
  }
}
