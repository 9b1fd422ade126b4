package fr.vigie.app.security;

import fr.vigie.app.security.internal.JdbcUsers;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and counts the accounts of the people (and machines) who use Vigie. */
@Service
public class UserAccounts {

  private final JdbcUsers users;
  private final PasswordEncoder passwords;

  UserAccounts(JdbcUsers users, PasswordEncoder passwords) {
    this.users = users;
    this.passwords = passwords;
  }

  /**
   * Creates the account unless one with that username exists, and returns whether it did.
   *
   * @throws IllegalArgumentException when the unit code is unknown
   */
  @Transactional
  public boolean createIfAbsent(NewUser user) {
    if (users.exists(user.username())) {
      return false;
    }
    users.insert(user, passwords.encode(user.password()));
    return true;
  }

  public long count() {
    return users.count();
  }
}
