package fr.vigie.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A PKCS#12 keystore made by the JDK's keytool: CN=localhost, valid for 127.0.0.1. */
record SelfSignedKeystore(Path file, String password) {

  static SelfSignedKeystore create(Path folder) throws IOException, InterruptedException {
    Path file = folder.resolve("vigie-test.p12");
    String password = "keystore-password-for-tests";
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair",
        "-alias", "vigie", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", file.toString(),
        "-storepass", password, "-keypass", password))
        .redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: "
          + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    return new SelfSignedKeystore(file, password);
  }

  /** Returns a TLS context that trusts this certificate and nothing else. */
  SSLContext trustingOnlyThisCertificate() throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      keys.load(in, password.toCharArray());
    }
    Certificate certificate = keys.getCertificate("vigie");
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("vigie", certificate);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
