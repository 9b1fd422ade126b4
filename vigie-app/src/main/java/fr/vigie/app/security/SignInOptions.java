package fr.vigie.app.security;

import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.stereotype.Service;

/** What the sign-in page offers besides the password: an OpenID Connect provider, if configured. */
@Service
public class SignInOptions {

  private final ObjectProvider<InMemoryClientRegistrationRepository> registrations;

  SignInOptions(ObjectProvider<InMemoryClientRegistrationRepository> registrations) {
    this.registrations = registrations;
  }

  /** Returns the path that starts OpenID Connect sign-in, when a provider is configured. */
  public Optional<String> oidcLoginPath() {
    InMemoryClientRegistrationRepository repository = registrations.getIfAvailable();
    if (repository == null) {
      return Optional.empty();
    }
    for (ClientRegistration registration : repository) {
      return Optional.of("/oauth2/authorization/" + registration.getRegistrationId());
    }
    return Optional.empty();
  }
}
