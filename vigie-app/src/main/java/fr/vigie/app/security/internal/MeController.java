package fr.vigie.app.security.internal;

import fr.vigie.app.security.AccessMatrix;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells an API client who it is signed in as and what it may do (to check a token). */
@RestController
class MeController {

  /** The caller as the API sees it. */
  record Me(String username, String role, Long unitId, Set<Permission> permissions) {}

  @GetMapping("/api/me")
  @RequiresPermission(Permission.SELF)
  Me me() {
    Caller caller = Callers.current().orElseThrow();
    return new Me(caller.username(), caller.role().name(), caller.unitId(),
        AccessMatrix.permissionsOf(caller.role()));
  }
}
