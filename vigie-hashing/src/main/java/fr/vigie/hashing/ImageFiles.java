package fr.vigie.hashing;

import java.awt.image.BufferedImage;

/**
 * Decodes image bytes as strictly as the PDQ hasher does (warnings are failures, decompression
 * bombs are refused), for callers that need the picture itself, e.g. to draw a thumbnail.
 */
public final class ImageFiles {

  private ImageFiles() {}

  /**
   * Returns the decoded image.
   *
   * @throws UnreadableImageException if the bytes are not a complete image the JDK can decode
   */
  public static BufferedImage decode(byte[] encodedImage) throws UnreadableImageException {
    return ImageDecoder.decode(encodedImage);
  }
}
