package fr.vigie.hashing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentDigesterTest {

  @Test
  void matchesPublishedVectorsForAbc() {
    // FIPS 180 / RFC 1321 known answers for "abc".
    ContentHashes h = new ContentDigester().digest("abc".getBytes(US_ASCII));
    assertEquals(3, h.size());
    assertEquals("900150983cd24fb0d6963f7d28e17f72", h.md5());
    assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", h.sha1());
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", h.sha256());
  }

  @Test
  void matchesPublishedVectorsForEmptyInput() {
    ContentHashes h = new ContentDigester().digest(new byte[0]);
    assertEquals("d41d8cd98f00b204e9800998ecf8427e", h.md5());
    assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", h.sha1());
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", h.sha256());
  }

  @Test
  void fileStreamAndBytesAgreeWithSeparatePassesAcrossBufferBoundaries(@TempDir Path dir)
      throws IOException {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    ContentDigester digester = new ContentDigester();
    for (int size : new int[] {1, ContentDigester.BUFFER_SIZE - 1, ContentDigester.BUFFER_SIZE,
        ContentDigester.BUFFER_SIZE + 1, 3 * ContentDigester.BUFFER_SIZE + 17}) {
      byte[] content = new byte[size];
      random.nextBytes(content);
      Path file = Files.write(dir.resolve("f" + size), content);
      ContentHashes expected = new ContentHashes(size, separatePass("MD5", content),
          separatePass("SHA-1", content), separatePass("SHA-256", content));
      String context = "seed " + seed + ", size " + size;
      assertEquals(expected, digester.digest(file), context);
      assertEquals(expected, digester.digest(new ByteArrayInputStream(content)), context);
      assertEquals(expected, digester.digest(content), context);
    }
  }

  @Test
  void refusesMalformedHex() {
    String md5 = "d41d8cd98f00b204e9800998ecf8427e";
    String sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    String sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    assertThrows(IllegalArgumentException.class,
        () -> new ContentHashes(0, md5.toUpperCase(java.util.Locale.ROOT), sha1, sha256));
    assertThrows(IllegalArgumentException.class, () -> new ContentHashes(0, md5, sha1 + "0", sha256));
    assertThrows(IllegalArgumentException.class, () -> new ContentHashes(-1, md5, sha1, sha256));
  }

  private static String separatePass(String algorithm, byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
