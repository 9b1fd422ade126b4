package fr.vigie.app.security.internal;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.vigie.app.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Without the OpenID Connect properties there is no OpenID Connect at all. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class NoOidcIT {

  @Autowired
  MockMvc mvc;

  @Autowired
  ApplicationContext context;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Test
  void offersNoProviderAndServesNoAuthorizationEndpoint() throws Exception {
    assertTrue(context.getBeanProvider(ClientRegistrationRepository.class).getIfAvailable()
        == null, "no client registrations expected");
    mvc.perform(get("/login")).andExpect(status().isOk())
        .andExpect(content().string(not(containsString("/oauth2/authorization"))));
    // Nobody handles it: an anonymous request is simply sent to sign in.
    mvc.perform(get("/oauth2/authorization/keycloak")).andExpect(redirectedUrl("/login"));
  }
}
