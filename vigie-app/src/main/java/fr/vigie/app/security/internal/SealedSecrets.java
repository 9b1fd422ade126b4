package fr.vigie.app.security.internal;

import fr.vigie.app.storage.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals the TOTP secrets the database keeps, with the secrets key that it does not: AES-256-GCM,
 * a random 96-bit nonce per seal, and the account's id as associated data, so that a sealed
 * secret copied onto another account's row opens for neither.
 *
 * <p>Stored form: {@code v1.<key id, 16 hex>.<base64url of nonce || ciphertext || tag>}. The key
 * id (a fingerprint that reveals nothing of the key) tells a server holding another key apart from
 * a row that was altered. The key is {@code VIGIE_SECRETS_KEY} (base64 of 32 bytes) when set,
 * checked at start; else {@code $VIGIE_HOME/keys/secrets.key}, created at the first seal or open
 * (0600 in a 0700 folder). Thread-safe.
 */
@Component
public class SealedSecrets {

  static final String FILE_NAME = "secrets.key";
  private static final String VERSION = "v1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String configured;
  private final Path keyFile;
  private volatile Key key;

  private record Key(SecretKey secret, String id) {}

  SealedSecrets(@Value("${vigie.security.secrets-key:}") String configured,
      @Value("${vigie.home}") String home) {
    this.configured = configured;
    this.keyFile = Path.of(home).toAbsolutePath().normalize().resolve("keys").resolve(FILE_NAME);
    if (configured != null && !configured.isBlank()) {
      key = keyOf(KeyFiles.decode(configured, "VIGIE_SECRETS_KEY (vigie.security.secrets-key)"));
    }
  }

  /** Returns the Base32 secret sealed for the account. */
  public String seal(long accountId, String base32Secret) {
    Key k = key();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed = crypt(Cipher.ENCRYPT_MODE, k, nonce, accountId,
        base32Secret.getBytes(StandardCharsets.US_ASCII));
    byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    return VERSION + "." + k.id() + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(out);
  }

  /**
   * Returns the Base32 secret sealed for the account.
   *
   * @throws Unreadable when it was sealed under another key, for another account, or altered
   */
  String open(long accountId, String sealed) {
    String[] parts = sealed.split("\\.", -1);
    if (parts.length != 3 || !VERSION.equals(parts[0])) {
      throw new Unreadable("the TOTP secret of account " + accountId + " is not sealed in a "
          + "form this version reads");
    }
    Key k = key();
    if (!k.id().equals(parts[1])) {
      throw new Unreadable("the TOTP secret of account " + accountId + " was sealed with "
          + "another secrets key (id " + parts[1] + "; this server's key is " + k.id()
          + "): give every Vigie server the same VIGIE_SECRETS_KEY or keys/secrets.key; if that "
          + "key is lost, reset the account's second factor (vigie user reset-totp)");
    }
    byte[] data;
    try {
      data = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new Unreadable("the sealed TOTP secret of account " + accountId + " is damaged");
    }
    if (data.length <= NONCE_BYTES) {
      throw new Unreadable("the sealed TOTP secret of account " + accountId + " is cut short");
    }
    return new String(crypt(Cipher.DECRYPT_MODE, k, Arrays.copyOf(data, NONCE_BYTES),
        accountId, Arrays.copyOfRange(data, NONCE_BYTES, data.length)),
        StandardCharsets.US_ASCII);
  }

  /** A sealed secret that cannot be opened: no one can sign in with it until it is reset. */
  static final class Unreadable extends IllegalStateException {
    Unreadable(String message) {
      super(message);
    }
  }

  private static byte[] crypt(int mode, Key k, byte[] nonce, long accountId, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, k.secret(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(("vigie-totp-secret/" + VERSION + "/account/" + accountId)
          .getBytes(StandardCharsets.US_ASCII));
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new Unreadable("the sealed TOTP secret of account " + accountId + " fails its "
          + "check: altered, or sealed for another account");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  private Key key() {
    Key k = key;
    if (k == null) {
      synchronized (this) {
        if (key == null) {
          try {
            key = keyOf(KeyFiles.load(configured, "VIGIE_SECRETS_KEY", keyFile));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot load the secrets key: " + e.getMessage(), e);
          }
        }
        k = key;
      }
    }
    return k;
  }

  private static Key keyOf(SecretKey secret) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update("vigie-secrets-key-id".getBytes(StandardCharsets.US_ASCII));
      d.update(secret.getEncoded());
      return new Key(secret, HexFormat.of().formatHex(Arrays.copyOf(d.digest(), 8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
