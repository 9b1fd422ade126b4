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
    if (!Files.exists(file)) {
      byte[] raw = new byte[32];
      new SecureRandom().nextBytes(raw);
      writeNew(file, (Base64.getEncoder().encodeToString(raw) + "\n")
          .getBytes(StandardCharsets.US_ASCII));
    }
    return decode(readPrivate(file).strip(), file.toString());
  }

  /**
   * Returns the text of a key file, refusing one that others can read.
   *
   * @throws IOException when it cannot be read, or its permissions let others read it
   */
  public static String readPrivate(Path file) throws IOException {
    if (posix(file)) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(perms)) {
        throw new IOException(file + " can be read by others ("
            + PosixFilePermissions.toString(perms) + "): run chmod 600 " + file);
      }
    }
    return Files.readString(file, StandardCharsets.US_ASCII);
  }

  /**
   * Writes a new key file readable by its owner only (0600, its folder made 0700 if missing),
   * with those permissions from the start: there is no moment when others could read it. When
   * another process created the file first, theirs is kept and this does nothing.
   */
  public static void writeNew(Path file, byte[] text) throws IOException {
    Path keysDir = file.toAbsolutePath().getParent();
    boolean posix = posix(keysDir);
    if (!Files.isDirectory(keysDir)) {
      if (posix) {
        Files.createDirectories(keysDir, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(keysDir);
      }
    }
    try {
      if (posix) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException raced) {
      return;
    }
    Files.write(file, text, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
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

  private static boolean posix(Path anywhere) throws IOException {
    Path existing = anywhere;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing != null
        && Files.getFileStore(existing).supportsFileAttributeView("posix");
  }
}
