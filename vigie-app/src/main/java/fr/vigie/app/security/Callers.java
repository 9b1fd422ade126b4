package fr.vigie.app.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling, as the security context says. */
public final class Callers {

  private Callers() {}

  /** Returns the signed-in caller's role, if there is a signed-in caller with one of ours. */
  public static Optional<Role> currentRole() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated()) {
      return Optional.empty();
    }
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

  /** Returns whether the signed-in caller holds the permission. */
  public static boolean may(Permission permission) {
    return currentRole().map(role -> AccessMatrix.allows(role, permission)).orElse(false);
  }
}
