package fr.vigie.app.jobs;

/**
 * Thrown by a {@link JobHandler} whose job failed in a way another attempt cannot change (its
 * input is the problem, or it was its last chance): the job is given up at once (FAILED, with
 * this message) instead of being retried after a back-off.
 */
public final class NotRetried extends Exception {

  public NotRetried(String message) {
    super(message);
  }

  public NotRetried(String message, Throwable cause) {
    super(message, cause);
  }
}
