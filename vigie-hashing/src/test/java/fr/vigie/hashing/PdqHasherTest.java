package fr.vigie.hashing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PdqHasherTest {

  /**
   * The only slack allowed anywhere: none. The data README measured that the JDK's ImageIO
   * decoder gives the same pixels as the reference's ImageMagick on every one of these files, and
   * that the same pipeline then reproduces expected.tsv exactly; the upstream tolerance (distance
   * 10 for quality >= 80) exists for other decoders. So every vector, JPEG or PNG, low quality or
   * not, must match bit for bit; a non-zero distance here is a bug in the pipeline.
   */
  static final int TOLERANCE = 0;

  static Stream<String[]> expected() {
    return PdqVectors.tsv("expected.tsv").stream();
  }

  static Stream<Arguments> expectedDihedral() {
    return PdqVectors.tsv("expected_dihedral.tsv").stream()
        .map(row -> Arguments.of(row[0], (Object) row));
  }

  static Stream<String[]> expectedFullResolution() {
    return PdqVectors.tsv("expected_fullres.tsv").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expected")
  void reproducesTheReferenceCliHashAndQuality(String file, String hex, String quality,
      String width, String height) throws IOException {
    BufferedImage image = ImageIO.read(PdqVectors.image(file).toFile());
    assertEquals(Integer.parseInt(width), image.getWidth());
    assertEquals(Integer.parseInt(height), image.getHeight());

    PdqResult result = new PdqHasher().hash(image);

    PdqHash want = PdqHash.fromHex(hex);
    int distance = result.hash().distanceTo(want);
    assertTrue(distance <= TOLERANCE, file + ": distance " + distance + ", got " + result.hash());
    assertEquals(want, result.hash(), file);
    assertEquals(Integer.parseInt(quality), result.quality(), file);
  }

  @Test
  void pngIsTheStrictVector() throws IOException {
    PdqResult result = new PdqHasher().hash(PdqVectors.image("reg-test-input/pen-and-coaster.png"));
    assertEquals("1f811b9d267fbc6613c0c7f30e041f9df49b836303e10f067fcffc12c02d01f9",
        result.hash().toHex());
    assertEquals(100, result.quality());
  }

  /**
   * The one place where the JDK's pixels are measurably not the reference's: the 34x42
   * {@code wee.jpg}. Its original hash is exact, but in the rotate-90 and flip-y variants (which
   * hold the same coefficients, transposed) two coefficients sit either side of the median (1.10
   * and 0.99 around 1.00) and the reference puts them the other way round: 2 bits. A gap of 0.1
   * is a pixel difference from the JPEG decoder (the data README: decoders differ), not float
   * rounding. Checked: upstream's C++ pdq-photo-hasher (commit baefb4e), fed the JDK's decoded
   * pixels as PPM, prints exactly our 8 hashes for all 22 images, wee.jpg included. Any other
   * deviation fails the test; these must stay within the upstream tolerance of 10 bits.
   */
  static final java.util.Map<String, Integer> KNOWN_DECODER_DEVIATIONS = java.util.Map.of(
      "misc-images/wee.jpg rotate90", 2, "misc-images/wee.jpg flipy", 2);

  static final List<String> VARIANTS = List.of("original", "rotate90", "rotate180", "rotate270",
      "flipx", "flipy", "flipplus1", "flipminus1");

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectedDihedral")
  void reproducesTheEightReferenceDihedralHashes(String name, String[] row) throws IOException {
    String file = row[0];
    BufferedImage image = ImageIO.read(PdqVectors.image(file).toFile());
    PdqDihedralResult result = new PdqHasher().hashDihedral(image);
    List<PdqHash> got = result.all();
    java.util.Map<String, Integer> deviations = new java.util.TreeMap<>();
    java.util.Map<String, Integer> allowed = new java.util.TreeMap<>();
    for (int v = 0; v < 8; v++) {
      String key = file + " " + VARIANTS.get(v);
      int distance = got.get(v).distanceTo(PdqHash.fromHex(row[1 + v]));
      if (distance != 0) {
        deviations.put(key, distance);
      }
      if (KNOWN_DECODER_DEVIATIONS.containsKey(key)) {
        allowed.put(key, KNOWN_DECODER_DEVIATIONS.get(key));
      }
    }
    assertEquals(allowed, deviations, file + ": got " + got);
    assertEquals(Integer.parseInt(row[9]), result.quality(), file);
    assertEquals(new PdqHasher().hash(image), result.originalResult());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectedFullResolution")
  void fullResolutionOptionReproducesTheLibraryHash(String file, String hex, String quality,
      String distanceToCli) throws IOException {
    PdqResult full = new PdqHasher(PdqHasher.Resize.FULL_RESOLUTION)
        .hash(ImageIO.read(PdqVectors.image(file).toFile()));
    assertEquals(PdqHash.fromHex(hex), full.hash(), file);
    assertEquals(Integer.parseInt(quality), full.quality(), file);
  }

  @Test
  void oneHasherGivesTheSameResultsInAnyOrder() throws IOException {
    // Buffers are reused between images of different sizes; no state may leak between calls.
    PdqHasher shared = new PdqHasher();
    List<String[]> rows = new ArrayList<>(PdqVectors.tsv("expected.tsv"));
    java.util.Collections.reverse(rows);
    for (String[] row : rows) {
      BufferedImage image = ImageIO.read(PdqVectors.image(row[0]).toFile());
      assertEquals(new PdqHasher().hash(image), shared.hash(image), row[0]);
    }
  }

  @Test
  void rawRgbBytesHashLikeTheDecodedImage() throws IOException {
    for (String file : List.of("misc-images/wee.jpg", "reg-test-input/dih/bridge-1-original.jpg",
        "reg-test-input/pen-and-coaster.png")) {
      BufferedImage image = ImageIO.read(PdqVectors.image(file).toFile());
      int w = image.getWidth();
      int h = image.getHeight();
      byte[] rgb = new byte[3 * w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int p = image.getRGB(x, y);
          int o = 3 * (y * w + x);
          rgb[o] = (byte) (p >>> 16);
          rgb[o + 1] = (byte) (p >>> 8);
          rgb[o + 2] = (byte) p;
        }
      }
      assertEquals(new PdqHasher().hash(image), new PdqHasher().hashRgb(rgb, w, h), file);
    }
  }

  @Test
  void subimageHashesLikeACopyOfThePixels() throws IOException {
    // A subimage shares its parent's buffer with an offset: the raster walk must honour it.
    BufferedImage image =
        ImageIO.read(PdqVectors.image("reg-test-input/dih/bridge-1-original.jpg").toFile());
    BufferedImage sub = image.getSubimage(301, 77, 640, 480);
    BufferedImage copy = new BufferedImage(640, 480, image.getType());
    for (int y = 0; y < 480; y++) {
      for (int x = 0; x < 640; x++) {
        copy.setRGB(x, y, image.getRGB(301 + x, 77 + y));
      }
    }
    assertEquals(new PdqHasher().hash(copy), new PdqHasher().hash(sub));
    assertEquals(new PdqHasher(PdqHasher.Resize.FULL_RESOLUTION).hash(copy),
        new PdqHasher(PdqHasher.Resize.FULL_RESOLUTION).hash(sub));
  }

  @Test
  void greyImagesUseTheirSamplesNotAColourConvertedValue() {
    // A TYPE_BYTE_GRAY image hashes as its samples, like an RGB image with R = G = B would up to
    // float rounding of the luminance weights; getRGB would have applied a gamma curve.
    BufferedImage grey = new BufferedImage(100, 80, BufferedImage.TYPE_BYTE_GRAY);
    BufferedImage rgb = new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < 80; y++) {
      for (int x = 0; x < 100; x++) {
        int v = (x * 3 + y * 2 + random.nextInt(20)) & 0xff;
        grey.getRaster().setSample(x, y, 0, v);
        rgb.setRGB(x, y, v * 0x010101);
      }
    }
    PdqResult g = new PdqHasher().hash(grey);
    PdqResult c = new PdqHasher().hash(rgb);
    assertTrue(g.hash().distanceTo(c.hash()) <= 4, g + " vs " + c);
  }

  @Test
  void imagesUnderFivePixelsOnASideHashToZeroWithQualityZero() {
    PdqResult result = new PdqHasher().hash(new BufferedImage(4, 300, BufferedImage.TYPE_INT_RGB));
    assertEquals(new PdqResult(PdqHash.ZERO, 0), result);
    assertEquals(PdqHash.ZERO, new PdqHasher().hashDihedral(
        new BufferedImage(300, 4, BufferedImage.TYPE_3BYTE_BGR)).rotate90());
  }

  @Test
  void blackImageHasQualityZero() throws IOException {
    PdqResult result = new PdqHasher().hash(PdqVectors.image("misc-images/small.jpg"));
    assertEquals(0, result.quality());
    assertTrue(!result.trusted());
  }

  @Test
  void truncatedJpegIsRefusedWithAClearException() throws IOException {
    byte[] jpeg = Files.readAllBytes(PdqVectors.image("reg-test-input/labelme-subset/q0122.jpg"));
    for (int length : new int[] {jpeg.length / 2, jpeg.length - 10, 200, 20, 3, 0}) {
      byte[] truncated = Arrays.copyOf(jpeg, length);
      UnreadableImageException e = assertThrows(UnreadableImageException.class,
          () -> new PdqHasher().hash(truncated), "length " + length);
      assertTrue(e.getMessage().contains("bytes"), e.getMessage());
    }
  }

  @Test
  void randomBytesAreRefusedWithAClearException() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[random.nextInt(4096)];
      random.nextBytes(junk);
      if (i % 2 == 0 && junk.length > 4) {
        // Half of them start like a JPEG or a PNG so that a decoder really parses them.
        byte[] magic = i % 4 == 0 ? new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0}
            : new byte[] {(byte) 0x89, 'P', 'N', 'G'};
        System.arraycopy(magic, 0, junk, 0, 4);
      }
      assertThrows(UnreadableImageException.class, () -> new PdqHasher().hash(junk),
          "seed " + seed + ", case " + i);
    }
  }

  @Test
  void corruptedMiddleOfAJpegIsRefusedOrHashedWithoutHanging() throws IOException {
    byte[] jpeg = Files.readAllBytes(PdqVectors.image("reg-test-input/labelme-subset/q0746.jpg"));
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int i = 0; i < 50; i++) {
      byte[] damaged = jpeg.clone();
      for (int k = 0; k < 20; k++) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt();
      }
      try {
        PdqResult result = new PdqHasher().hash(damaged);
        assertTrue(result.quality() >= 0, "seed " + seed);
      } catch (UnreadableImageException expected) {
        // A clear refusal is the other acceptable outcome.
      }
    }
  }
}
