package fr.vigie.app.audit.internal;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Makes the authentication event publisher announce every failure, so that every failed sign-in
 * reaches {@link SignInAuditor}.
 *
 * <p>{@link DefaultAuthenticationEventPublisher} maps a fixed list of exception classes to events
 * and silently drops the others: without this, a failure raised as any other
 * {@code AuthenticationException} (a second factor's, a custom provider's) would leave no trace.
 * Adjusting whichever publisher bean exists, rather than declaring one, leaves its declaration
 * where it is (Spring Boot's default today).
 */
@Component
class EveryAuthenticationFailurePublished implements BeanPostProcessor {

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DefaultAuthenticationEventPublisher publisher) {
      publisher.setDefaultAuthenticationFailureEvent(OtherAuthenticationFailureEvent.class);
    }
    return bean;
  }
}
