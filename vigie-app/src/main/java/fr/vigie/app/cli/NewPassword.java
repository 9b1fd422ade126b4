package fr.vigie.app.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a new account's password: asked twice on the terminal without echo, or one line from
 * standard input for scripts ({@code --password-stdin}). Never from an argument, which other
 * users of the machine could read in the process list.
 */
final class NewPassword {

  static final int MINIMUM_LENGTH = 12;

  /** Asks for a password without echo; returns null at end of input. */
  @FunctionalInterface
  interface Prompt {
    char[] ask(String question);
  }

  private NewPassword() {}

  /** Reads the first line of the stream (its line terminator removed). */
  static String fromStream(InputStream in) throws IOException {
    // Not closed: it is System.in, which other code may still want.
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null || line.isEmpty()) {
      throw new Refused("--password-stdin: no password on standard input");
    }
    return checked(line);
  }

  /** Asks on the terminal, twice; refuses when there is none. */
  static String fromConsole(Console console) {
    if (console == null) {
      throw new Refused("no terminal to ask for the password: pipe it with --password-stdin");
    }
    return fromPrompt(question -> console.readPassword("%s", question));
  }

  static String fromPrompt(Prompt prompt) {
    char[] first = prompt.ask("Password (at least " + MINIMUM_LENGTH + " characters): ");
    char[] second = first == null ? null : prompt.ask("Same password again: ");
    try {
      if (first == null || second == null) {
        throw new Refused("no password given");
      }
      if (!Arrays.equals(first, second)) {
        throw new Refused("the two passwords differ: nothing was changed");
      }
      return checked(new String(first));
    } finally {
      // Shortens the time the password sits in memory; the String returned cannot be wiped.
      if (first != null) {
        Arrays.fill(first, '\0');
      }
      if (second != null) {
        Arrays.fill(second, '\0');
      }
    }
  }

  private static String checked(String password) {
    if (password.length() < MINIMUM_LENGTH) {
      throw new Refused("the password has " + password.length() + " characters; at least "
          + MINIMUM_LENGTH + " are required");
    }
    return password;
  }
}
