package fr.vigie.app.security;

import java.util.Objects;

/**
 * A user account to create. {@code unitCode} is required for an investigator and optional for the
 * others.
 */
public record NewUser(String username, String displayName, String password, Role role,
    String unitCode) {

  public NewUser {
    Objects.requireNonNull(role, "role");
    if (username == null || !username.matches("[a-z][a-z0-9._-]{1,63}")) {
      throw new IllegalArgumentException(
          "username must be 2-64 characters a-z 0-9 . _ - starting with a letter: " + username);
    }
    if (password == null || password.length() < 12) {
      throw new IllegalArgumentException("password must have at least 12 characters");
    }
    if (role == Role.INVESTIGATOR && (unitCode == null || unitCode.isBlank())) {
      throw new IllegalArgumentException("an investigator belongs to a unit: give its code");
    }
  }

  @Override
  public String toString() {
    return "NewUser[" + username + ", " + role + ", " + unitCode + "]"; // never the password
  }
}
