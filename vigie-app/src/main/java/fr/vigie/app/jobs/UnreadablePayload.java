package fr.vigie.app.jobs;

/**
 * A stored payload that is not its kind's record: not JSON, a field missing, of the wrong type
 * or out of range. Running the job again cannot help, so the worker gives it up at once.
 */
public class UnreadablePayload extends IllegalArgumentException {

  public UnreadablePayload(String message, Throwable cause) {
    super(message, cause);
  }
}
