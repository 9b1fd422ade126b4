package fr.vigie.app.security.internal;

import fr.vigie.app.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * After an OpenID Connect sign-in (e.g. the ministry's Keycloak realm): the identity provider
 * vouches for the person and for their second factor; Vigie still decides their role and unit
 * from its own account of the same username, and refuses anyone it does not know.
 */
final class OidcSignIn implements AuthenticationSuccessHandler {

  private final SignInGuard guard;
  private final String usernameClaim;

  OidcSignIn(SignInGuard guard, String usernameClaim) {
    this.guard = guard;
    this.usernameClaim = usernameClaim;
  }

  @Override
  public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
      Authentication authentication) throws IOException {
    String username = authentication.getPrincipal() instanceof OidcUser oidc
        ? oidc.getClaimAsString(usernameClaim) : authentication.getName();
    try {
      Caller caller = guard.checkOidc(username, request.getRemoteAddr());
      var full = UsernamePasswordAuthenticationToken.authenticated(caller, null,
          List.of(new SimpleGrantedAuthority(caller.role().authority())));
      request.changeSessionId();
      var context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(full);
      SecurityContextHolder.setContext(context);
      new HttpSessionSecurityContextRepository().saveContext(context, request, response);
      response.sendRedirect(request.getContextPath() + "/");
    } catch (AuthenticationException e) {
      SecurityContextHolder.clearContext();
      var session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      response.sendRedirect(request.getContextPath() + "/login?error");
    }
  }
}
