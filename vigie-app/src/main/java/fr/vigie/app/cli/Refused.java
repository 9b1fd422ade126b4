package fr.vigie.app.cli;

/**
 * A command declined to do what was asked (unknown account, duplicate, bad value found in the
 * database): the message says why. {@link VigieCommand} prints it and exits with 1, unlike a
 * usage error (2), which picocli catches before anything runs.
 */
final class Refused extends RuntimeException {

  Refused(String message) {
    super(message);
  }
}
