package fr.vigie.hashing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;

/** Every image format the scan and {@code ./vigie pdq} accept, and their broken files. */
class ImageFormatsTest {

  /** Far above any honest decoding of these small files, even on a loaded machine. */
  private static final Duration NO_HANG = Duration.ofSeconds(30);

  @Test
  void losslessWebpHashesExactlyLikeThePngOfTheSamePixels() throws IOException {
    PdqResult png = new PdqHasher().hash(resource("/webp/synthetic.png"));
    PdqResult webp = new PdqHasher().hash(resource("/webp/synthetic-lossless.webp"));
    assertEquals(png, webp);
  }

  @Test
  void lossyWebpHashesWithinAFewBitsOfTheOriginal() throws IOException {
    PdqResult png = new PdqHasher().hash(resource("/webp/synthetic.png"));
    PdqResult webp = new PdqHasher().hash(resource("/webp/synthetic-lossy.webp"));
    int distance = png.hash().distanceTo(webp.hash());
    assertTrue(distance <= 16, "distance " + distance);
    assertTrue(webp.quality() > 0);
  }

  @Test
  void theReadersUsedAreTheOnesTheReferenceVectorsWereCheckedWith() throws IOException {
    // PdqHasherTest checks the reference vectors bit for bit through ImageDecoder; this pins
    // which reader that was, so that a new plug-in taking over a format shows up here.
    new PdqHasher().hash(resource("/webp/synthetic.png")); // loads ImageDecoder's registrations
    Map<String, String> expected = Map.of(
        "jpeg", "com.twelvemonkeys.imageio.plugins.jpeg.",
        "webp", "com.twelvemonkeys.imageio.plugins.webp.",
        "png", "com.sun.imageio.plugins.png.",
        "gif", "com.sun.imageio.plugins.gif.",
        "bmp", "com.sun.imageio.plugins.bmp.");
    for (Map.Entry<String, String> format : expected.entrySet()) {
      ImageReader reader = ImageIO.getImageReadersByFormatName(format.getKey()).next();
      assertTrue(reader.getClass().getName().startsWith(format.getValue()),
          format.getKey() + ": " + reader.getClass().getName());
    }
  }

  @Test
  void truncatedImagesOfEveryFormatAreRefusedQuickly() throws IOException {
    for (Map.Entry<String, byte[]> image : images().entrySet()) {
      byte[] whole = image.getValue();
      assertNotNull(new PdqHasher().hash(whole), image.getKey() + " whole");
      // Up to 40 bytes short of the end: a PNG cut inside its 12-byte end marker has all its
      // pixels, which are hashed (below), but every other cut loses pixels.
      TreeSet<Integer> lengths = new TreeSet<>(Arrays.asList(0, 3, 12, 20, 40, 64,
          whole.length / 4, whole.length / 2, whole.length - 40));
      if (!image.getKey().equals("PNG")) {
        lengths.add(whole.length - 10);
      }
      for (int length : lengths) {
        if (length < 0 || length >= whole.length - 1) {
          continue;
        }
        byte[] cut = Arrays.copyOf(whole, length);
        String what = image.getKey() + " cut to " + length + " of " + whole.length + " bytes";
        UnreadableImageException e = assertTimeoutPreemptively(NO_HANG,
            () -> assertThrows(UnreadableImageException.class, () -> new PdqHasher().hash(cut),
                what), what);
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), what);
      }
    }
  }

  @Test
  void aPngMissingOnlyItsEndMarkerStillHasAllItsPixels() throws IOException {
    byte[] png = images().get("PNG");
    assertEquals(new PdqHasher().hash(png), new PdqHasher().hash(Arrays.copyOf(png, png.length - 12)));
  }

  @Test
  void damagedImagesOfEveryFormatAreRefusedOrHashedNeverCrashOrHang() throws IOException {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (Map.Entry<String, byte[]> image : images().entrySet()) {
      for (int i = 0; i < 30; i++) {
        byte[] damaged = image.getValue().clone();
        // Keep the first 16 bytes so that the format's own reader gets to parse the rest.
        for (int k = 0; k < 1 + random.nextInt(20); k++) {
          damaged[16 + random.nextInt(damaged.length - 16)] = (byte) random.nextInt();
        }
        String what = image.getKey() + ", seed " + seed + ", case " + i;
        assertTimeoutPreemptively(NO_HANG, () -> {
          try {
            PdqResult result = new PdqHasher().hash(damaged);
            assertTrue(result.quality() >= 0 && result.quality() <= 100, what);
          } catch (UnreadableImageException refused) {
            // A clear refusal is the other acceptable outcome; anything else fails the test.
          }
        }, what);
      }
    }
  }

  /**
   * The synthetic lossless WebP as ImageDecodingFuzzTest mutated it (seed -4834138488158840843):
   * its header says 128 x 14,344 pixels, and its 237 bytes of data end long before such a
   * picture does.
   */
  private static final String OVERRUN_WEBP = ""
      + "52494646fa000000574542505650384ced0000002f7fc0010e30c42f156e4866959b9171"
      + "712352333721757303323a0a93fa9110651308d056b0986663544cb6832ca2579b41f201"
      + "bddd92d2fd93e03bf81ebe85ffff0600d6c67de63f20b50006c2058999c18098ae06bc93"
      + "40df0ae6395a97d1acb14cb0ff89097e3338d3191cb88da448c734d0d7ff7feed1546be8"
      + "b82ba2ff13708447f81a7e82ff9212ee6f4f28d99450ba1da17c2b02b209015dbf005f8d"
      + "cec600ebb631c19a6d8c705c36660859c23374e1ee67f8e152905db730c42f156e686695"
      + "9b9171712352333721757303323a0a93fa9110651308d056b0986663544cb6832ca2579b"
      + "41f201bddd92d2fd93e03bf81ebe85ffff0600";

  @Test
  void aLosslessWebpWhoseDataEndsBeforeItsPictureIsRefusedNotHashedAsIfZerosFollowed() {
    // TwelveMonkeys' lossless decoder takes each read past the end as zeros (catching one
    // EOFException a read: some 16 s for these 271 bytes) and the invented pixels were hashed.
    byte[] overrun = java.util.HexFormat.of().parseHex(OVERRUN_WEBP);
    UnreadableImageException e = assertTimeoutPreemptively(NO_HANG,
        () -> assertThrows(UnreadableImageException.class, () -> new PdqHasher().hash(overrun)));
    assertTrue(e.getMessage().contains("past the end"), e.getMessage());
  }

  /** One small file of each format: fixtures for JPEG, PNG and WebP, the JDK's writers for GIF, BMP. */
  private static Map<String, byte[]> images() throws IOException {
    Map<String, byte[]> images = new LinkedHashMap<>();
    images.put("JPEG", Files.readAllBytes(PdqVectors.image("reg-test-input/labelme-subset/q0122.jpg")));
    images.put("PNG", Files.readAllBytes(PdqVectors.image("reg-test-input/pen-and-coaster.png")));
    images.put("GIF", encode(picture(), "gif"));
    images.put("BMP", encode(picture(), "bmp"));
    images.put("WebP lossy", resource("/webp/synthetic-lossy.webp"));
    images.put("WebP lossless", resource("/webp/synthetic-lossless.webp"));
    return images;
  }

  private static BufferedImage picture() {
    BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    Random random = new Random(7);
    for (int k = 0; k < 15; k++) {
      g.setColor(new Color(random.nextInt(0xFFFFFF)));
      g.fillRect(random.nextInt(120), random.nextInt(80), 5 + random.nextInt(60),
          5 + random.nextInt(40));
    }
    g.dispose();
    return image;
  }

  private static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, format, out), format);
    return out.toByteArray();
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ImageFormatsTest.class.getResourceAsStream(name)) {
      assertNotNull(in, name);
      return in.readAllBytes();
    }
  }
}
