package fr.vigie.app.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling, as the security context says. */
public final class Callers {

  private Callers() {}

  /**
   * Returns the fully signed-in caller (password and second factor, or a machine token), if
   * any. Someone half-way through sign-in has no role yet and is not a caller.
   */
  public static Optional<Caller> current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated()) {
      return Optional.empty();
    }
    if (auth.getPrincipal() instanceof Caller caller) {
      return Optional.of(caller);
    }
    // Principals made elsewhere (tests' mock users): name and role only, no unit.
    return roleIn(auth).map(role -> new Caller(0, auth.getName(), role, null));
  }

  /**
   * Returns the signed-in caller with the client's address, for scoped reads.
   *
   * @throws IllegalStateException when nobody is signed in (the filter chain prevents it)
   */
  public static Access access(String clientAddress) {
    return new Access(current().orElseThrow(
        () -> new IllegalStateException("no signed-in caller")), clientAddress);
  }

  /** Returns the signed-in caller's role, if there is one. */
  public static Optional<Role> currentRole() {
    return current().map(Caller::role);
  }

  /** Returns whether the signed-in caller holds the permission. */
  public static boolean may(Permission permission) {
    return currentRole().map(role -> AccessMatrix.allows(role, permission)).orElse(false);
  }

  private static Optional<Role> roleIn(Authentication auth) {
    for (GrantedAuthority authority : auth.getAuthorities()) {
      String name = authority.getAuthority();
      if (name != null && name.startsWith("ROLE_")) {
        for (Role role : Role.values()) {
          if (role.name().equals(name.substring(5))) {
            return Optional.of(role);
          }
        }
      }
    }
    return Optional.empty();
  }
}
