package fr.vigie.app.web.internal;

import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** French by default whatever the browser says; {@code ?lang=en} switches and is remembered. */
@Configuration
class WebConfig implements WebMvcConfigurer {

  static final Locale DEFAULT_LOCALE = Locale.FRENCH;

  @Bean
  LocaleResolver localeResolver() {
    return new LanguageCookie(DEFAULT_LOCALE);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change);
  }
}
