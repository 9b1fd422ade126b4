package fr.vigie.app.web.internal;

import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** French by default whatever the browser says; {@code ?lang=en} switches and is remembered. */
@Configuration
class WebConfig implements WebMvcConfigurer {

  static final Locale DEFAULT_LOCALE = Locale.FRENCH;

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver("vigie-lang");
    resolver.setDefaultLocale(DEFAULT_LOCALE);
    resolver.setCookieHttpOnly(true);
    resolver.setCookieSameSite("Strict");
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change);
  }
}
