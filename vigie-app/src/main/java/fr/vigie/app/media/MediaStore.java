package fr.vigie.app.media;

import fr.vigie.app.media.internal.EncryptedFiles;
import fr.vigie.app.media.internal.MediaKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The encrypted, content-addressed store of media files, under {@code $VIGIE_HOME/media}: the
 * database keeps hashes and metadata, this keeps the bytes (AES-256-GCM, see docs/media.md).
 * The key is loaded at the first use, so that commands that never touch content never create it.
 */
@Service
public class MediaStore {

  private final Path home;
  private final MediaSettings settings;
  private volatile EncryptedFiles files;

  MediaStore(@Value("${vigie.home}") String home, MediaSettings settings) {
    this.home = Path.of(home).toAbsolutePath().normalize();
    this.settings = settings;
  }

  /** Returns the folder the encrypted files live in. */
  public Path root() {
    return home.resolve("media");
  }

  /** Stores the file's content (whose SHA-256 the caller computed); returns whether it is new. */
  public boolean put(Path file, String sha256) throws IOException {
    return files().put(file, sha256);
  }

  /** Stores the bytes under their SHA-256; returns whether they are new. */
  public boolean put(byte[] content) {
    try {
      return files().put(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns whether content with that SHA-256 is stored. */
  public boolean contains(String sha256) {
    return files().contains(sha256);
  }

  /**
   * Returns the clear content, checked against its name.
   *
   * @throws MediaContentException when it is missing, altered, or larger than
   *     {@code vigie.media.max-content-bytes}
   */
  public byte[] read(String sha256) {
    return files().read(sha256, settings.maxContentBytes());
  }

  private EncryptedFiles files() {
    EncryptedFiles f = files;
    if (f == null) {
      synchronized (this) {
        if (files == null) {
          try {
            files = new EncryptedFiles(root(), MediaKeys.load(settings.key(),
                home.resolve("keys")));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot load the media key: " + e.getMessage(), e);
          }
        }
        f = files;
      }
    }
    return f;
  }
}
