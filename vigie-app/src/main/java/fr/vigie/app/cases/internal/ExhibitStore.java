package fr.vigie.app.cases.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Exhibit files under {@code $VIGIE_HOME/exhibits}, named by their SHA-256 and written once.
 *
 * <p>The content is hashed while it streams to a temporary file beside its final place, so the
 * digest is of exactly the bytes kept; the file is then moved to its name and made read-only. The
 * same content arriving twice is stored once. Nothing here ever opens a stored file for writing.
 */
@Component
public class ExhibitStore {

  /** What was stored: where (relative to the store), how big, and its SHA-256 in hex. */
  public record Stored(String storageRef, long size, String sha256) {}

  private final Path root;

  ExhibitStore(@Value("${vigie.home}") String home) {
    this.root = Path.of(home).toAbsolutePath().resolve("exhibits");
  }

  public Stored store(InputStream content) throws IOException {
    Files.createDirectories(root);
    Path temp = Files.createTempFile(root, "incoming-", ".part");
    try {
      MessageDigest sha = sha256();
      long size;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
        size = content.transferTo(out);
      }
      String hex = HexFormat.of().formatHex(sha.digest());
      Path target = pathOf(hex);
      Files.createDirectories(target.getParent());
      if (!Files.exists(target)) {
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
          // Another upload of the same content won: the bytes are identical, keep its file.
        }
        readOnly(target);
      }
      return new Stored(relative(hex), size, hex);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Takes every write permission away (owner included); the store never writes twice. */
  private static void readOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
    } catch (UnsupportedOperationException notPosix) {
      file.toFile().setWritable(false, false);
    }
  }

  /** Opens a stored exhibit for reading. */
  public InputStream open(String storageRef) throws IOException {
    Path file = root.resolve(storageRef.substring("exhibits/".length())).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException("storage reference outside the store: " + storageRef);
    }
    return Files.newInputStream(file);
  }

  /** Returns the file holding the content of that digest (it may not exist). */
  public Path pathOf(String sha256Hex) {
    return root.resolve(sha256Hex.substring(0, 2)).resolve(sha256Hex);
  }

  private static String relative(String hex) {
    return "exhibits/" + hex.substring(0, 2) + "/" + hex;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
