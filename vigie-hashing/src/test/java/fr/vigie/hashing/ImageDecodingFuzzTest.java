package fr.vigie.hashing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.testing.Fuzz;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Bounded, seeded fuzzing of image decoding ({@link ImageDecoder} through
 * {@link PdqHasher#hash(byte[])}, as the scan, {@code ./vigie pdq} and intake's media hashing call
 * it): mutations of one small image of each format must each end in a hash with a quality of 0 to
 * 100 or in the decoder's own refusal, an {@link UnreadableImageException} with a reason — never
 * in another exception or error — within {@link #PER_INPUT_MILLIS}. The images are vigie-hashing's
 * own synthetic WebP and PNG files and pictures drawn here; about 2 s a format
 * ({@code -Dvigie.fuzz.millis} for longer, {@code -Dvigie.fuzz.input=SEED} to replay one).
 */
class ImageDecodingFuzzTest {

  /** Far above any honest decoding of these small images. */
  static final long PER_INPUT_MILLIS = 10_000;

  /**
   * Pieces of the formats, spliced in at random: chunk and marker names, the largest sizes a
   * header can state, palette and frame markers.
   */
  static final List<byte[]> TOKENS = tokens();

  private static List<byte[]> tokens() {
    List<byte[]> t = new ArrayList<>(Fuzz.tokens("IHDR", "IDAT", "IEND", "PLTE", "tRNS", "acTL",
        "fcTL", "GIF89a", "NETSCAPE2.0", "RIFF", "WEBP", "VP8 ", "VP8L", "VP8X", "ALPH", "ANIM",
        "ANMF", "ICCP", "EXIF", "BM", "JFIF", "Exif", "ICC_PROFILE", "Adobe"));
    t.add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}); // JPEG start
    t.add(new byte[] {(byte) 0xFF, (byte) 0xC0, 0, 17, 8}); // baseline frame header
    t.add(new byte[] {(byte) 0xFF, (byte) 0xC2}); // progressive frame
    t.add(new byte[] {(byte) 0xFF, (byte) 0xC4}); // Huffman table
    t.add(new byte[] {(byte) 0xFF, (byte) 0xDB}); // quantisation table
    t.add(new byte[] {(byte) 0xFF, (byte) 0xDA}); // start of scan
    t.add(new byte[] {(byte) 0xFF, (byte) 0xD9}); // end of image
    t.add(new byte[] {(byte) 0xFF, (byte) 0xDD, 0, 4, 0, 0}); // restart interval 0
    t.add(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}); // largest signed size
    t.add(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
    t.add(new byte[] {0, 0, 0, 0});
    t.add(new byte[] {(byte) 0xFF, (byte) 0xFF}); // largest 16-bit size
    t.add(new byte[] {0x21, (byte) 0xF9, 4}); // GIF graphic control extension
    t.add(new byte[] {0x2C}); // GIF image descriptor
    t.add(new byte[] {0x3B}); // GIF trailer
    return List.copyOf(t);
  }

  @Test
  void mutatedJpegsEndInAHashOrTheDecodersOwnRefusal() throws IOException {
    fuzz("jpeg", encode(picture(64, 48, 1), "jpeg"), encode(picture(33, 17, 2), "jpeg"));
  }

  @Test
  void mutatedPngsEndInAHashOrTheDecodersOwnRefusal() throws IOException {
    fuzz("png", resource("/webp/synthetic.png"), encode(picture(40, 30, 3), "png"));
  }

  @Test
  void mutatedGifsEndInAHashOrTheDecodersOwnRefusal() throws IOException {
    fuzz("gif", encode(picture(64, 48, 4), "gif"), encode(picture(9, 7, 5), "gif"));
  }

  @Test
  void mutatedBmpsEndInAHashOrTheDecodersOwnRefusal() throws IOException {
    fuzz("bmp", encode(picture(40, 30, 6), "bmp"), encode(picture(17, 9, 7), "bmp"));
  }

  @Test
  void mutatedWebpsEndInAHashOrTheDecodersOwnRefusal() throws IOException {
    fuzz("webp", resource("/webp/synthetic-lossy.webp"),
        resource("/webp/synthetic-lossless.webp"));
  }

  private static void fuzz(String name, byte[]... corpus) {
    for (byte[] whole : corpus) {
      assertNotNull(hashOrRefuse(whole), name + ": the unmutated image decodes");
    }
    int runs = Fuzz.run("image-" + name, List.of(corpus), TOKENS,
        e -> e instanceof UnreadableImageException, PER_INPUT_MILLIS,
        ImageDecodingFuzzTest::hashAndCheck);
    assertTrue(runs > 0);
  }

  /** The hash, checked; throws the decoder's refusal as it is. */
  static void hashAndCheck(byte[] input) throws UnreadableImageException {
    PdqResult result = new PdqHasher().hash(input);
    if (result.quality() < 0 || result.quality() > 100) {
      throw new AssertionError("quality " + result.quality());
    }
  }

  private static PdqResult hashOrRefuse(byte[] image) {
    try {
      return new PdqHasher().hash(image);
    } catch (UnreadableImageException e) {
      throw new AssertionError("the corpus image does not decode: " + e.getMessage(), e);
    }
  }

  /** A small picture of coloured rectangles, the same for the same seed. */
  static BufferedImage picture(int width, int height, long seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    Random random = new Random(seed);
    for (int k = 0; k < 12; k++) {
      g.setColor(new Color(random.nextInt(0xFFFFFF)));
      g.fillRect(random.nextInt(width), random.nextInt(height), 1 + random.nextInt(width),
          1 + random.nextInt(height));
    }
    g.dispose();
    return image;
  }

  static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, format, out), format);
    return out.toByteArray();
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ImageDecodingFuzzTest.class.getResourceAsStream(name)) {
      assertNotNull(in, name);
      return in.readAllBytes();
    }
  }
}
