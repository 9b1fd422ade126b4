package fr.vigie.app.intake.internal;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.security.Callers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts on the record the intake API calls refused for lack of permission (403): a token of a
 * role that may not import is worth noticing. It runs before the permission check, and its
 * completion callback sees the refusal. Calls without a valid token (401) carry no identity and
 * are refused by the filter chain before reaching here.
 */
@Configuration
@ConditionalOnWebApplication
class IntakeApiRefusals implements WebMvcConfigurer {

  private final AuditLog audit;

  IntakeApiRefusals(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new HandlerInterceptor() {
      @Override
      public void afterCompletion(HttpServletRequest request, HttpServletResponse response,
          Object handler, Exception ex) {
        if (ex instanceof AccessDeniedException) {
          Callers.current().ifPresent(caller -> audit.record(AuditEvent.of(caller.username(),
                  caller.role().name(), AuditAction.DENIED, "import_job", null, null,
                  request.getRemoteAddr())
              .withOutcome("DENIED")
              .withDetail(request.getMethod() + " " + request.getRequestURI()
                  + ": the role lacks REPORTS_IMPORT")));
        }
      }
    }).addPathPatterns("/api/intake/**").order(-1);
  }
}
