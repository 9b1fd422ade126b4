package fr.vigie.app.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The {@code vigie-lang} cookie that remembers {@code ?lang=en}: {@code HttpOnly},
 * {@code SameSite=Strict}, and {@code Secure} exactly when the session cookie is, that is when
 * the request came over HTTPS — directly, or through a proxy that said so with
 * {@code X-Forwarded-Proto} and {@code VIGIE_BEHIND_PROXY=true} (Tomcat's RemoteIpValve then
 * makes {@link HttpServletRequest#isSecure()} true). Spring's resolver takes one fixed
 * {@code Secure} flag for every request; the same server may answer HTTPS and plain HTTP (a
 * health probe on loopback), so the flag is decided per request.
 */
final class LanguageCookie extends CookieLocaleResolver {

  static final String NAME = "vigie-lang";

  LanguageCookie(Locale defaultLocale) {
    super(NAME);
    setDefaultLocale(defaultLocale);
    setCookieHttpOnly(true);
    setCookieSameSite("Strict");
  }

  @Override
  public void setLocaleContext(HttpServletRequest request, HttpServletResponse response,
      LocaleContext localeContext) {
    super.setLocaleContext(request, request.isSecure() ? new SecureCookies(response) : response,
        localeContext);
  }

  /** Adds {@code Secure} to the cookie the resolver writes as a {@code Set-Cookie} header. */
  private static final class SecureCookies extends HttpServletResponseWrapper {

    SecureCookies(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void addHeader(String name, String value) {
      super.addHeader(name, secure(name, value));
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, secure(name, value));
    }

    private static String secure(String name, String value) {
      return HttpHeaders.SET_COOKIE.equalsIgnoreCase(name) && value != null
          && !value.toLowerCase(Locale.ROOT).contains("; secure") ? value + "; Secure" : value;
    }
  }
}
