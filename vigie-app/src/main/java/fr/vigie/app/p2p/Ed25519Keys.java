package fr.vigie.app.p2p;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys as files (PEM, what {@code openssl genpkey -algorithm ed25519} writes: a PKCS#8
 * private key, an X.509 SubjectPublicKeyInfo public key) and as the base64 text the database
 * keeps; signing and checking through {@code java.security} ("Ed25519").
 */
public final class Ed25519Keys {

  private static final String ALGORITHM = "Ed25519";

  private Ed25519Keys() {}

  /** A fresh key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key as one base64 line of its X.509 encoding (what {@code p2p_sensors} keeps). */
  public static String publicKeyText(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /**
   * Reads a public key from PEM ({@code -----BEGIN PUBLIC KEY-----}) or from the bare base64 of
   * its X.509 encoding.
   *
   * @throws IllegalArgumentException when it is not an Ed25519 public key
   */
  public static PublicKey publicKey(String text) {
    byte[] der = der(text, "PUBLIC KEY");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an Ed25519 public key (PEM or base64 X.509)", e);
    }
  }

  /** Reads a PKCS#8 private key from PEM ({@code -----BEGIN PRIVATE KEY-----}) or bare base64. */
  public static PrivateKey privateKey(String text) {
    byte[] der = der(text, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an Ed25519 private key (PEM or base64 PKCS#8)", e);
    }
  }

  public static PublicKey readPublicKey(Path file) throws IOException {
    return publicKey(Files.readString(file, StandardCharsets.US_ASCII));
  }

  public static PrivateKey readPrivateKey(Path file) throws IOException {
    return privateKey(Files.readString(file, StandardCharsets.US_ASCII));
  }

  /** The key pair as two PEM texts: [private, public]. */
  public static String[] pem(KeyPair pair) {
    return new String[] {pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
        pem("PUBLIC KEY", pair.getPublic().getEncoded())};
  }

  /** The signature of {@code text}'s UTF-8 bytes, base64. */
  public static String sign(PrivateKey key, String text) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when {@code signatureBase64} is {@code key}'s signature of {@code text}'s UTF-8 bytes. */
  public static boolean verify(PublicKey key, String text, String signatureBase64) {
    try {
      byte[] sig = Base64.getDecoder().decode(signatureBase64);
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return s.verify(sig);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] der(String text, String label) {
    String t = text == null ? "" : text.strip();
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = t.indexOf(begin);
    if (b >= 0) {
      int e = t.indexOf(end, b);
      if (e < 0) {
        throw new IllegalArgumentException("PEM without its " + end + " line");
      }
      t = t.substring(b + begin.length(), e);
    }
    try {
      return Base64.getMimeDecoder().decode(t.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("neither PEM nor base64: " + label.toLowerCase(), e);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }
}
