package fr.vigie.app.security.internal;

import fr.vigie.app.security.Role;
import fr.vigie.app.security.SignInEvent;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ViewResolver;

/**
 * Two filter chains. The API ({@code /api/**}) is stateless: bearer tokens only (SENSOR accounts,
 * and accounts whose role may import reports: {@code UserAccounts.mayHoldToken}), 401 without
 * one, no cookies, hence no CSRF exposure; what a token may do is its account's role. The web UI signs people in with a password and then a
 * second factor (TOTP or a recovery code), or through OpenID Connect when one is configured.
 * Every response carries a strict Content-Security-Policy. A query or form that is not UTF-8 is
 * refused with a reason before anything reads it ({@link MalformedParameters}).
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfig {

  /** Pages and files anyone may fetch before signing in. */
  static final String[] PUBLIC_PATHS = {
      "/login", "/css/**", "/img/**", "/favicon.ico", "/actuator/health", "/actuator/health/**",
      "/error"};

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static final String[] ROLE_AUTHORITIES =
      Arrays.stream(Role.values()).map(Role::authority).toArray(String[]::new);

  /**
   * In both chains. Not a bean: Spring Boot would also register a Filter bean with the servlet
   * container, ahead of the chains and their header writer.
   */
  private final MalformedParameters malformedParameters;

  SecurityConfig(@Qualifier("thymeleafViewResolver") ViewResolver views, MessageSource messages,
      LocaleResolver locales) {
    this.malformedParameters = new MalformedParameters(views, messages, locales);
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, JdbcApiTokens tokens, Clock clock)
      throws Exception {
    http
        .securityMatcher("/api/**")
        .addFilterBefore(malformedParameters, CsrfFilter.class)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .addFilterBefore(new ApiTokenFilter(tokens, clock), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(auth -> auth.anyRequest().hasAnyAuthority(ROLE_AUTHORITIES))
        .exceptionHandling(e -> e.authenticationEntryPoint(
            new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'none'; frame-ancestors 'none'")));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain webSecurity(HttpSecurity http, PasswordStep passwordStep,
      SignInGuard guard, ApplicationEventPublisher events,
      ObjectProvider<ClientRegistrationRepository> oidcClients,
      @Value("${vigie.security.oidc.username-claim:preferred_username}") String usernameClaim)
      throws Exception {
    http
        .addFilterBefore(malformedParameters, CsrfFilter.class)
        // Only the password step: no fallback to a parent manager, which would check a failed
        // password a second time (counting two failures) or accept Boot's default user.
        .authenticationManager(new ProviderManager(passwordStep))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(PUBLIC_PATHS).permitAll()
            .requestMatchers(SecondFactorController.TOTP_PATH, SecondFactorController.ENROL_PATH)
            .hasAuthority(PasswordVerified.AUTHORITY)
            .requestMatchers(SecondFactorController.RECOVERY_CODES_PATH).authenticated()
            .anyRequest().hasAnyAuthority(ROLE_AUTHORITIES))
        .formLogin(form -> form
            .loginPage("/login")
            .successHandler((request, response, authentication) ->
                response.sendRedirect(request.getContextPath()
                    + SecondFactorController.TOTP_PATH))
            .failureHandler((request, response, exception) ->
                response.sendRedirect(request.getContextPath()
                    + (exception instanceof LockedException ? "/login?locked" : "/login?error")))
            .permitAll())
        .logout(logout -> logout
            .logoutUrl("/logout")
            .addLogoutHandler((request, response, authentication) -> {
              if (authentication != null) {
                fr.vigie.app.security.Callers.current().ifPresent(caller ->
                    events.publishEvent(new SignInEvent(caller.username(), caller.role(),
                        caller.unitId(), request.getRemoteAddr(), "SIGN_OUT", "SUCCESS", null)));
              }
            })
            .logoutSuccessUrl("/login?logout"))
        .sessionManagement(session -> session.sessionFixation(f -> f.changeSessionId()))
        .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) -> {
          // Half-way through sign-in: back to the second factor rather than a bare 403.
          if (SecurityContextHolder.getContext().getAuthentication() instanceof PasswordVerified) {
            response.sendRedirect(request.getContextPath() + SecondFactorController.TOTP_PATH);
          } else {
            new AccessDeniedHandlerImpl().handle(request, response, denied);
          }
        }))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .referrerPolicy(referrer -> referrer.policy(
                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    if (oidcClients.getIfAvailable() != null) {
      http.oauth2Login(oidc -> oidc
          .loginPage("/login")
          .successHandler(new OidcSignIn(guard, usernameClaim)));
    }
    return http.build();
  }
}
