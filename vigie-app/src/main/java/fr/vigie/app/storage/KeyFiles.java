package fr.vigie.app.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Vigie's AES-256 keys, kept outside the database: from a setting (an environment variable holding
 * base64 of 32 bytes) when given, else from a key file under {@code $VIGIE_HOME/keys}, created at
 * first use readable by its owner only (0600, in a 0700 folder). A key file that others can read
 * is refused rather than used. The media store and the TOTP secrets each have their own.
 */
public final class KeyFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private KeyFiles() {}

  /**
   * Returns the key.
   *
   * @param configured the base64 key from the settings, or null or blank
   * @param configuredName how to name the setting in a refusal, e.g. {@code VIGIE_MEDIA_KEY}
   * @param file the key file, used (and created) when nothing is configured
   * @throws IOException when the file cannot be read or written, or others can read it
   * @throws IllegalArgumentException when the key is not base64 of 32 bytes
   */
  public static SecretKey load(String configured, String configuredName, Path file)
      throws IOException {
    if (configured != null && !configured.isBlank()) {
      return decode(configured.strip(), configuredName);
    }
    Path keysDir = file.toAbsolutePath().getParent();
    if (!Files.exists(file)) {
      create(keysDir, file);
    }
    if (posix(keysDir)) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(perms)) {
        throw new IOException(file + " can be read by others ("
            + PosixFilePermissions.toString(perms) + "): run chmod 600 " + file);
      }
    }
    return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
  }

  /**
   * Returns the key of a base64 setting.
   *
   * @throws IllegalArgumentException naming {@code where} when it is not base64 of 32 bytes
   */
  public static SecretKey decode(String base64, String where) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is not base64", e);
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException(where + " must hold 32 bytes (AES-256), holds "
          + raw.length);
    }
    return new SecretKeySpec(raw, "AES");
  }

  private static void create(Path keysDir, Path file) throws IOException {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    byte[] text = (Base64.getEncoder().encodeToString(raw) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
    if (posix(keysDir.getParent() == null ? keysDir : keysDir.getParent())) {
      if (!Files.isDirectory(keysDir)) {
        Files.createDirectories(keysDir, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")));
      }
      try {
        // Created with its final permissions: there is no moment when others could read it.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (FileAlreadyExistsException raced) {
        return; // another process created it first: use theirs
      }
      Files.write(file, text, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    } else {
      Files.createDirectories(keysDir);
      try {
        Files.write(file, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException raced) {
        // another process created it first: use theirs
      }
    }
  }

  private static boolean posix(Path anywhere) throws IOException {
    Path existing = anywhere;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing != null
        && Files.getFileStore(existing).supportsFileAttributeView("posix");
  }
}
