package fr.vigie.app.security.internal;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads an account for form sign-in. Machine accounts (SENSOR) never sign in to the UI. */
@Service
class DatabaseUserDetailsService implements UserDetailsService {

  private final JdbcUsers users;

  DatabaseUserDetailsService(JdbcUsers users) {
    this.users = users;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return users.findCredentials(username)
        .filter(c -> c.role() != fr.vigie.app.security.Role.SENSOR)
        .map(c -> User.withUsername(c.username())
            .password(c.passwordHash())
            .authorities(c.role().authority())
            .disabled(!c.enabled())
            .build())
        .orElseThrow(() -> new UsernameNotFoundException("no such user"));
  }
}
