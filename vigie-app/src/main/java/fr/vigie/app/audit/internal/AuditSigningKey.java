package fr.vigie.app.audit.internal;

import fr.vigie.app.storage.KeyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The Ed25519 key that signs the audit chain's checkpoints: {@code $VIGIE_HOME/keys/
 * audit-signing.key}, created at first use readable by its owner only (0600, in a 0700 folder),
 * as PKCS#8 PEM (RFC 8410) so that OpenSSL reads it too. A key file others can read is refused
 * rather than used. Signing is Bouncy Castle's (RFC 8032, deterministic).
 *
 * <p>The public key is written as an X.509 SubjectPublicKeyInfo PEM ({@code openssl pkey -pubin}
 * reads it) and named by its id: {@code ed25519:} and the first 16 hex digits of the SHA-256 of
 * its 32 bytes.
 */
public final class AuditSigningKey {

  public static final String FILE_NAME = "audit-signing.key";

  /** The DER of a PKCS#8 Ed25519 private key before its 32-byte seed (RFC 8410 §7). */
  private static final byte[] PKCS8_PREFIX =
      HexFormat.of().parseHex("302e020100300506032b657004220420");
  /** The DER of an Ed25519 SubjectPublicKeyInfo before its 32-byte key (RFC 8410 §4). */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private final Ed25519PrivateKeyParameters key;
  private final byte[] publicKey;

  private AuditSigningKey(byte[] seed) {
    this.key = new Ed25519PrivateKeyParameters(seed, 0);
    this.publicKey = key.generatePublicKey().getEncoded();
  }

  /** Returns the key of {@code keysDir}, creating it if there is none yet. */
  public static AuditSigningKey loadOrCreate(Path keysDir) throws IOException {
    Path file = keysDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      create(keysDir, file);
    }
    return load(file);
  }

  /** Returns the key of {@code keysDir} if there is one; never creates it. */
  public static Optional<AuditSigningKey> loadIfPresent(Path keysDir) throws IOException {
    Path file = keysDir.resolve(FILE_NAME);
    return Files.exists(file) ? Optional.of(load(file)) : Optional.empty();
  }

  private static AuditSigningKey load(Path file) throws IOException {
    byte[] der = pemBody(KeyFiles.readPrivate(file), "PRIVATE KEY", file.toString());
    if (der.length != PKCS8_PREFIX.length + 32
        || !Arrays.equals(der, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0, PKCS8_PREFIX.length)) {
      throw new IOException(file + " is not an Ed25519 private key (PKCS#8, RFC 8410)");
    }
    return new AuditSigningKey(Arrays.copyOfRange(der, PKCS8_PREFIX.length, der.length));
  }

  private static void create(Path keysDir, Path file) throws IOException {
    Ed25519PrivateKeyParameters fresh = new Ed25519PrivateKeyParameters(new SecureRandom());
    byte[] der = concat(PKCS8_PREFIX, fresh.getEncoded());
    KeyFiles.writeNew(file, pem("PRIVATE KEY", der).getBytes(StandardCharsets.US_ASCII));
  }


  /** Returns the Ed25519 signature of the text's UTF-8 bytes, base64. */
  public String sign(String text) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    signer.update(message, 0, message.length);
    return Base64.getEncoder().encodeToString(signer.generateSignature());
  }

  /** The 32 bytes of the public key (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  public String keyId() {
    return keyId(publicKey);
  }

  public String publicKeyPem() {
    return pem("PUBLIC KEY", concat(SPKI_PREFIX, publicKey));
  }

  /** The id of a public key: {@code ed25519:} and 16 hex digits of its SHA-256. */
  public static String keyId(byte[] rawPublicKey) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(rawPublicKey);
      return "ed25519:" + HexFormat.of().formatHex(sha, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  /**
   * Returns the 32 bytes of the public key in a PEM text (SubjectPublicKeyInfo, as {@link
   * #publicKeyPem} prints it and {@code openssl pkey -pubout} writes it).
   *
   * @throws IllegalArgumentException when the text is not an Ed25519 public key
   */
  public static byte[] publicKeyFromPem(String pem, String where) {
    byte[] der;
    try {
      der = pemBody(pem, "PUBLIC KEY", where);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (der.length != SPKI_PREFIX.length + 32
        || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      throw new IllegalArgumentException(where + " is not an Ed25519 public key (PEM, "
          + "SubjectPublicKeyInfo)");
    }
    return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
  }

  /** Returns whether {@code signature} (base64) is the key's signature of the text. */
  public static boolean verify(byte[] rawPublicKey, String text, String signature) {
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (sig.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE
        || rawPublicKey.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(rawPublicKey, 0));
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(sig);
  }

  private static byte[] pemBody(String text, String label, String where) throws IOException {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(where + ": no " + begin + " … " + end + " block");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to).strip());
    } catch (IllegalArgumentException e) {
      throw new IOException(where + ": the " + label + " block is not base64", e);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
