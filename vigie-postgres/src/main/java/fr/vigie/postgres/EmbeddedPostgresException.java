package fr.vigie.postgres;

/**
 * The embedded server could not be made ready; the message says why in one sentence a person
 * can act on (what failed, where, and what to do), with the server's last log lines if it ran.
 */
public final class EmbeddedPostgresException extends RuntimeException {

  public EmbeddedPostgresException(String message) {
    super(message);
  }

  public EmbeddedPostgresException(String message, Throwable cause) {
    super(message, cause);
  }
}
