package fr.vigie.app.media.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media key: from VIGIE_MEDIA_KEY, or a key file only its owner can read. */
class MediaKeysTest {

  @TempDir
  Path home;

  @Test
  void createsTheKeyFileOwnerOnlyAtFirstUseAndReusesIt() throws IOException {
    assumeTrue(Files.getFileStore(home).supportsFileAttributeView("posix"));
    Path keys = home.resolve("keys");
    SecretKey first = MediaKeys.load("", keys);
    Path file = keys.resolve(MediaKeys.FILE_NAME);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
    assertEquals(32, first.getEncoded().length);
    assertArrayEquals(first.getEncoded(), MediaKeys.load(null, keys).getEncoded());

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    IOException open = assertThrows(IOException.class, () -> MediaKeys.load("", keys));
    assertTrue(open.getMessage().contains("chmod 600"), open.getMessage());
  }

  @Test
  void takesTheConfiguredKeyAndRefusesOneOfTheWrongSize() throws IOException {
    byte[] raw = new byte[32];
    raw[0] = 42;
    SecretKey key = MediaKeys.load(Base64.getEncoder().encodeToString(raw), home.resolve("k"));
    assertArrayEquals(raw, key.getEncoded());
    assertTrue(Files.notExists(home.resolve("k")), "no key file when the key is configured");
    assertThrows(IllegalArgumentException.class,
        () -> MediaKeys.load(Base64.getEncoder().encodeToString(new byte[16]), home));
    assertThrows(IllegalArgumentException.class, () -> MediaKeys.load("not base64!", home));
  }
}
