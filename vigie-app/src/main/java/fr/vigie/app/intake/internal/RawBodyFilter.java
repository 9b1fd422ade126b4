package fr.vigie.app.intake.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the body of {@code POST /api/intake/reports} for the spool, whatever its
 * {@code Content-Type} says: {@code curl --data-binary @file} sends
 * {@code application/x-www-form-urlencoded} unless told otherwise, and a servlet container reads
 * such a body as form fields the first time anything asks for a request parameter (the language
 * switch does, on every request), leaving nothing for the upload. Here the parameters come from
 * the query string only, so that the body stays the file.
 *
 * <p>First in the chain, before anything may ask for a parameter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RawBodyFilter extends OncePerRequestFilter {

  static final String PATH = "/api/intake/reports";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !("POST".equals(request.getMethod()) && PATH.equals(path));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    chain.doFilter(new QueryStringParameters(request), response);
  }

  /** A request whose parameters are those of its query string, never of its body. */
  static final class QueryStringParameters extends HttpServletRequestWrapper {

    private final Map<String, String[]> parameters;

    QueryStringParameters(HttpServletRequest request) {
      super(request);
      this.parameters = Collections.unmodifiableMap(parse(request.getQueryString()));
    }

    static Map<String, String[]> parse(String query) {
      Map<String, List<String>> values = new LinkedHashMap<>();
      if (query != null && !query.isEmpty()) {
        for (String pair : query.split("&")) {
          if (pair.isEmpty()) {
            continue;
          }
          int eq = pair.indexOf('=');
          String name = decode(eq < 0 ? pair : pair.substring(0, eq));
          String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
          values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
      }
      Map<String, String[]> out = new LinkedHashMap<>();
      values.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
      return out;
    }

    private static String decode(String s) {
      try {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return s; // a stray '%': taken as written, as the parameter's own check will say
      }
    }

    @Override
    public String getParameter(String name) {
      String[] v = parameters.get(name);
      return v == null || v.length == 0 ? null : v[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      String[] v = parameters.get(name);
      return v == null ? null : v.clone();
    }
  }
}
