package fr.vigie.app.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.vigie.app.security.Totp;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing TOTP secrets: AES-256-GCM bound to the account, under a key outside the database. */
class SealedSecretsTest {

  @TempDir
  Path home;

  private static final String SECRET = Totp.newSecret(new SecureRandom());

  private static String aKey(int seed) {
    byte[] raw = new byte[32];
    raw[0] = (byte) seed;
    return Base64.getEncoder().encodeToString(raw);
  }

  @Test
  void opensWhatItSealedAndNeverShowsTheSecret() {
    SealedSecrets secrets = new SealedSecrets(aKey(1), home.toString());
    String sealed = secrets.seal(42, SECRET);
    assertTrue(sealed.startsWith("v1."), sealed);
    assertFalse(sealed.toUpperCase().contains(SECRET), sealed);
    assertTrue(sealed.length() <= 200, "fits users.totp_secret_sealed: " + sealed.length());
    assertEquals(SECRET, secrets.open(42, sealed));
    assertNotEquals(sealed, secrets.seal(42, SECRET), "a fresh nonce each time");
  }

  @Test
  void opensForTheAccountItWasSealedForOnly() {
    SealedSecrets secrets = new SealedSecrets(aKey(1), home.toString());
    String sealed = secrets.seal(42, SECRET);
    SealedSecrets.Unreadable refused =
        assertThrows(SealedSecrets.Unreadable.class, () -> secrets.open(43, sealed));
    assertTrue(refused.getMessage().contains("another account"), refused.getMessage());
  }

  @Test
  void saysWhenAnotherKeySealedIt() {
    String sealed = new SealedSecrets(aKey(1), home.toString()).seal(42, SECRET);
    SealedSecrets.Unreadable refused = assertThrows(SealedSecrets.Unreadable.class,
        () -> new SealedSecrets(aKey(2), home.toString()).open(42, sealed));
    assertTrue(refused.getMessage().contains("another secrets key"), refused.getMessage());
    assertTrue(refused.getMessage().contains("reset-totp"), refused.getMessage());
  }

  @Test
  void refusesAnAlteredOrCutSeal() {
    SealedSecrets secrets = new SealedSecrets(aKey(1), home.toString());
    String sealed = secrets.seal(42, SECRET);
    int last = sealed.length() - 1;
    String flipped = sealed.substring(0, last) + (sealed.charAt(last) == 'A' ? 'B' : 'A');
    assertThrows(SealedSecrets.Unreadable.class, () -> secrets.open(42, flipped));
    assertThrows(SealedSecrets.Unreadable.class,
        () -> secrets.open(42, sealed.substring(0, sealed.lastIndexOf('.') + 5)));
    assertThrows(SealedSecrets.Unreadable.class, () -> secrets.open(42, SECRET));
  }

  @Test
  void refusesAConfiguredKeyOfTheWrongSizeAtOnce() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new SealedSecrets(Base64.getEncoder().encodeToString(new byte[16]),
            home.toString()));
    assertTrue(refused.getMessage().contains("VIGIE_SECRETS_KEY"), refused.getMessage());
  }

  @Test
  void createsAnOwnerOnlyKeyFileAtFirstUseOnlyAndKeepsUsingIt() throws Exception {
    assumeTrue(Files.getFileStore(home).supportsFileAttributeView("posix"));
    Path file = home.resolve("keys").resolve(SealedSecrets.FILE_NAME);
    SealedSecrets secrets = new SealedSecrets("", home.toString());
    assertFalse(Files.exists(file), "no key file before the first seal");
    String sealed = secrets.seal(7, SECRET);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    assertEquals(SECRET, new SealedSecrets(null, home.toString()).open(7, sealed),
        "another process of the same folder reads the same key");

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    UncheckedIOException refused = assertThrows(UncheckedIOException.class,
        () -> new SealedSecrets("", home.toString()).open(7, sealed));
    assertTrue(refused.getMessage().contains("chmod 600"), refused.getMessage());
  }

  @Test
  void aConfiguredKeyNeedsNoFile() {
    new SealedSecrets(aKey(3), home.toString()).seal(1, SECRET);
    assertFalse(Files.exists(home.resolve("keys")));
  }
}
