package fr.vigie.app.media;

/**
 * Stored content that cannot be given back as it was stored: missing, altered, truncated, or
 * encrypted under another key. Never answered with partial content.
 */
public class MediaContentException extends RuntimeException {

  public MediaContentException(String message) {
    super(message);
  }

  public MediaContentException(String message, Throwable cause) {
    super(message, cause);
  }
}
