package fr.vigie.app.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint signing key: RFC 8032's first test vector, files the JDK (and so OpenSSL) reads
 * as PKCS#8 and SubjectPublicKeyInfo, created owner-only, refused when others can read it.
 */
class AuditSigningKeyTest {

  /** RFC 8032, 7.1, TEST 1: the secret key, its public key, and the signature of "". */
  static final String SECRET =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  static final String PUBLIC =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  static final String SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901"
      + "555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

  @TempDir
  Path temp;

  private Path keyFileOf(String seedHex) throws IOException {
    Path keys = Files.createDirectories(temp.resolve("keys"));
    byte[] der = HexFormat.of().parseHex("302e020100300506032b657004220420" + seedHex);
    Path file = keys.resolve(AuditSigningKey.FILE_NAME);
    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return keys;
  }

  @Test
  void signsRfc8032sFirstVector() throws Exception {
    AuditSigningKey key = AuditSigningKey.loadOrCreate(keyFileOf(SECRET));
    assertEquals(PUBLIC, HexFormat.of().formatHex(key.publicKey()));
    assertEquals(SIGNATURE, HexFormat.of().formatHex(Base64.getDecoder().decode(key.sign(""))));
    assertTrue(AuditSigningKey.verify(key.publicKey(), "", key.sign("")));
    assertFalse(AuditSigningKey.verify(key.publicKey(), "x", key.sign("")));
    assertFalse(AuditSigningKey.verify(key.publicKey(), "", "pas du base64"));
  }

  @Test
  void createsAnOwnerOnlyKeyTheJdkReadsAndWhoseSignaturesItChecks() throws Exception {
    Path keys = temp.resolve("home/keys");
    AuditSigningKey key = AuditSigningKey.loadOrCreate(keys);
    Path file = keys.resolve(AuditSigningKey.FILE_NAME);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
    assertEquals(HexFormat.of().formatHex(key.publicKey()), HexFormat.of().formatHex(
        AuditSigningKey.loadOrCreate(keys).publicKey()), "created once, then read back");

    String pkcs8 = Files.readString(file).replaceAll("-----[A-Z ]+-----", "")
        .replaceAll("\\s", "");
    var jdkPrivate = KeyFactory.getInstance("Ed25519")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8)));
    String spki = key.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    var jdkPublic = KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(spki)));
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initVerify(jdkPublic);
    jdk.update("position=1\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(jdk.verify(Base64.getDecoder().decode(key.sign("position=1\n"))));
    jdk.initSign(jdkPrivate);
    jdk.update("position=1\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(key.sign("position=1\n"), Base64.getEncoder().encodeToString(jdk.sign()),
        "Ed25519 is deterministic: the JDK signs the same with the same key");

    assertEquals(HexFormat.of().formatHex(key.publicKey()), HexFormat.of().formatHex(
        AuditSigningKey.publicKeyFromPem(key.publicKeyPem(), "printed")));
    assertTrue(key.keyId().matches("ed25519:[0-9a-f]{16}"), key.keyId());
  }

  @Test
  void refusesAKeyFileOthersCanRead() throws Exception {
    Path keys = keyFileOf(SECRET);
    Files.setPosixFilePermissions(keys.resolve(AuditSigningKey.FILE_NAME),
        PosixFilePermissions.fromString("rw-r--r--"));
    IOException refused = assertThrows(IOException.class,
        () -> AuditSigningKey.loadOrCreate(keys));
    assertTrue(refused.getMessage().contains("chmod 600"), refused.getMessage());
  }

  @Test
  void saysWhatIsWrongWithAPublicKeyText() {
    IllegalArgumentException notPem = assertThrows(IllegalArgumentException.class,
        () -> AuditSigningKey.publicKeyFromPem("bonjour", "cle.pub"));
    assertTrue(notPem.getMessage().startsWith("cle.pub: no -----BEGIN PUBLIC KEY-----"),
        notPem.getMessage());
    IllegalArgumentException notEd = assertThrows(IllegalArgumentException.class,
        () -> AuditSigningKey.publicKeyFromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n"
            + "-----END PUBLIC KEY-----", "cle.pub"));
    assertTrue(notEd.getMessage().contains("not an Ed25519 public key"), notEd.getMessage());
  }
}
