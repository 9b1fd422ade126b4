package fr.vigie.app.security.internal;

import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.PublicEndpoint;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.security.SignInStep;
import fr.vigie.app.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks each controller method's {@link RequiresPermission} against {@link AccessMatrix}. A
 * method that declares neither a permission nor {@link PublicEndpoint} is refused: forgetting the
 * annotation closes the door instead of opening it.
 */
class PermissionInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response,
      Object handler) {
    if (!(handler instanceof HandlerMethod method) || !isVigie(method)) {
      // Static resources and the framework's own endpoints (error page, health) are governed
      // by the filter chain's rules.
      return true;
    }
    if (isPublic(method)) {
      return true;
    }
    Permission needed = requiredPermission(method);
    if (needed == null) {
      throw new AccessDeniedException("endpoint without a permission: " + method);
    }
    if (!Callers.may(needed)) {
      throw new AccessDeniedException(Callers.currentRole().map(Role::name).orElse("anonymous")
          + " lacks " + needed);
    }
    return true;
  }

  static boolean isVigie(HandlerMethod method) {
    return method.getBeanType().getPackageName().startsWith("fr.vigie.");
  }

  /** Public pages and the sign-in steps, which the filter chain guards on its own. */
  static boolean isPublic(HandlerMethod method) {
    return method.hasMethodAnnotation(PublicEndpoint.class)
        || method.getBeanType().isAnnotationPresent(PublicEndpoint.class)
        || method.hasMethodAnnotation(SignInStep.class);
  }

  static Permission requiredPermission(HandlerMethod method) {
    RequiresPermission onMethod = method.getMethodAnnotation(RequiresPermission.class);
    if (onMethod != null) {
      return onMethod.value();
    }
    RequiresPermission onType = method.getBeanType().getAnnotation(RequiresPermission.class);
    return onType == null ? null : onType.value();
  }
}
