package fr.vigie.app.security.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing, for the web sign-in and the command line alike. */
@Configuration
class PasswordConfig {

  /** Argon2id with Spring Security's current recommended cost (16 MiB, 2 iterations). */
  @Bean
  PasswordEncoder passwordEncoder() {
    return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
  }
}
