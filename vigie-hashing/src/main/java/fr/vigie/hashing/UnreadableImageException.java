package fr.vigie.hashing;

import java.io.IOException;

/**
 * Thrown when bytes are not a complete image the JDK can decode: unknown format, corrupt or
 * truncated data, or dimensions beyond the decoder's pixel limit.
 *
 * <p>It is an {@link IOException} because it is a fact about the input, which a batch of seized
 * files will contain; the caller records it for that file and carries on.
 */
public final class UnreadableImageException extends IOException {

  public UnreadableImageException(String message) {
    super(message);
  }

  public UnreadableImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
