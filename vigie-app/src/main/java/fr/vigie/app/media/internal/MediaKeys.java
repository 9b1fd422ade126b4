package fr.vigie.app.media.internal;

import fr.vigie.app.storage.KeyFiles;
import java.io.IOException;
import java.nio.file.Path;
import javax.crypto.SecretKey;

/**
 * Where the media key comes from: {@code VIGIE_MEDIA_KEY} (base64 of 32 bytes) when set, else
 * {@code $VIGIE_HOME/keys/media.key}, created at first use readable by its owner only (0600, in a
 * 0700 folder). A key file that others can read is refused rather than used ({@link KeyFiles}).
 */
public final class MediaKeys {

  static final String FILE_NAME = "media.key";

  private MediaKeys() {}

  /**
   * Returns the key.
   *
   * @param configured the base64 key from the settings, or blank
   * @param keysDir the folder of the key file ({@code $VIGIE_HOME/keys})
   */
  public static SecretKey load(String configured, Path keysDir) throws IOException {
    return KeyFiles.load(configured, "VIGIE_MEDIA_KEY (vigie.media.key)",
        keysDir.resolve(FILE_NAME));
  }
}
