package fr.vigie.app.media.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.media.MediaContentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted content-addressed store: round trips, idempotence, and every kind of tamper. */
class EncryptedFilesTest {

  @TempDir
  Path dir;

  private static SecretKey key(int seed) {
    byte[] raw = new byte[32];
    new Random(seed).nextBytes(raw);
    return new SecretKeySpec(raw, "AES");
  }

  private static byte[] random(int size, int seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void roundTripsEmptySmallChunkSizedAndMultiChunkContent() throws IOException {
    EncryptedFiles files = new EncryptedFiles(dir.resolve("media"), key(1));
    for (byte[] content : List.of(new byte[0], "test".getBytes(StandardCharsets.US_ASCII),
        random(EncryptedFiles.CHUNK, 2), random(EncryptedFiles.CHUNK * 2 + 12_345, 3))) {
      String sha = EncryptedFiles.sha256Hex(content);
      assertTrue(files.put(content));
      Path stored = files.pathOf(sha);
      assertEquals(dir.resolve("media").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4))
          .resolve(sha), stored);
      assertArrayEquals(content, files.read(sha, Long.MAX_VALUE));
      if (content.length >= 4) {
        byte[] onDisk = Files.readAllBytes(stored);
        assertFalse(indexOf(onDisk, Arrays.copyOf(content, Math.min(64, content.length))) >= 0,
            "the clear content is not on disk");
      }
    }
    try (Stream<Path> tmp = Files.list(dir.resolve("media/.tmp"))) {
      assertEquals(0, tmp.count(), "no temporary file is left behind");
    }
  }

  @Test
  void theSameContentIsStoredOnceAndAFileIsStoredFromDiskUnderItsHash() throws IOException {
    EncryptedFiles files = new EncryptedFiles(dir.resolve("media"), key(1));
    byte[] content = random(5000, 4);
    String sha = EncryptedFiles.sha256Hex(content);
    assertTrue(files.put(content));
    byte[] first = Files.readAllBytes(files.pathOf(sha));
    Path source = Files.write(dir.resolve("source.bin"), content);
    assertFalse(files.put(source, sha), "already stored");
    assertArrayEquals(first, Files.readAllBytes(files.pathOf(sha)), "the first file is kept");

    // Two stores, two random nonces: the same content never gives the same ciphertext.
    EncryptedFiles other = new EncryptedFiles(dir.resolve("other"), key(1));
    assertTrue(other.put(source, sha));
    assertFalse(Arrays.equals(first, Files.readAllBytes(other.pathOf(sha))));
    assertArrayEquals(content, other.read(sha, Long.MAX_VALUE));
  }

  @Test
  void refusesAFileThatChangedSinceItWasHashed() throws IOException {
    EncryptedFiles files = new EncryptedFiles(dir.resolve("media"), key(1));
    Path source = Files.write(dir.resolve("source.bin"), random(100, 5));
    String claimed = EncryptedFiles.sha256Hex(random(100, 6));
    assertThrows(MediaContentException.class, () -> files.put(source, claimed));
    assertFalse(files.contains(claimed), "nothing stored under a name the content does not have");
  }

  @Test
  void detectsAlteredTruncatedSwappedAndForeignKeyFiles() throws IOException {
    EncryptedFiles files = new EncryptedFiles(dir.resolve("media"), key(1));
    byte[] big = random(EncryptedFiles.CHUNK + 1000, 7);
    byte[] small = random(300, 8);
    String bigSha = EncryptedFiles.sha256Hex(big);
    String smallSha = EncryptedFiles.sha256Hex(small);
    files.put(big);
    files.put(small);
    Path bigFile = files.pathOf(bigSha);
    byte[] original = Files.readAllBytes(bigFile);

    // One bit flipped in the middle of the ciphertext.
    byte[] flipped = original.clone();
    flipped[flipped.length / 2] ^= 0x01;
    Files.write(bigFile, flipped);
    MediaContentException altered = assertThrows(MediaContentException.class,
        () -> files.read(bigSha, Long.MAX_VALUE));
    assertTrue(altered.getMessage().contains("altered"), altered.getMessage());

    // The last chunk cut off: the first one alone is not accepted as the whole file.
    Files.write(bigFile, Arrays.copyOf(original, 20 + EncryptedFiles.CHUNK + 16));
    assertThrows(MediaContentException.class, () -> files.read(bigSha, Long.MAX_VALUE));

    // Another file's bytes under this name.
    Files.copy(files.pathOf(smallSha), bigFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThrows(MediaContentException.class, () -> files.read(bigSha, Long.MAX_VALUE));

    // The right bytes read with another key: said so, not taken for tampering.
    Files.write(bigFile, original);
    assertArrayEquals(big, files.read(bigSha, Long.MAX_VALUE));
    EncryptedFiles otherKey = new EncryptedFiles(dir.resolve("media"), key(2));
    MediaContentException foreign = assertThrows(MediaContentException.class,
        () -> otherKey.read(bigSha, Long.MAX_VALUE));
    assertTrue(foreign.getMessage().contains("another key"), foreign.getMessage());

    // Too large for the caller's limit: refused before reading.
    assertThrows(MediaContentException.class, () -> files.read(bigSha, 1000));
    assertThrows(MediaContentException.class, () -> files.read("0".repeat(64), 1000));
    assertThrows(IllegalArgumentException.class, () -> files.pathOf("../../etc/passwd"));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
