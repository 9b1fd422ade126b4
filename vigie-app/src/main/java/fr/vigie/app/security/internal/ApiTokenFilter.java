package fr.vigie.app.security.internal;

import fr.vigie.app.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls that carry {@code Authorization: Bearer <token>} against the stored
 * SHA-256 of machine tokens. A request without a valid token stays anonymous and is refused by
 * the API chain with 401.
 */
class ApiTokenFilter extends OncePerRequestFilter {

  private final JdbcApiTokens tokens;
  private final Clock clock;

  ApiTokenFilter(JdbcApiTokens tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Optional<Caller> caller = tokens.findCaller(ApiTokens.sha256(header.substring(7).trim()),
          clock.instant());
      caller.ifPresent(c -> {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(c, null,
            List.of(new SimpleGrantedAuthority(c.role().authority()))));
        SecurityContextHolder.setContext(context);
      });
    }
    chain.doFilter(request, response);
  }
}
