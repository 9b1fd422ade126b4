package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The TLS and reverse-proxy options refuse bad settings before anything starts. */
class TlsOptionsTest {

  @TempDir
  Path folder;

  @Test
  void servesPlainHttpWhenNoKeystoreIsGiven() {
    assertEquals(Map.of(), new TlsOptions().serverProperties(name -> null));
  }

  @Test
  void refusesAMissingKeystoreNamingIt() {
    Path missing = folder.resolve("absent.p12");
    Refused refused = assertThrows(Refused.class, () -> new TlsOptions().serverProperties(
        Map.of(TlsOptions.KEYSTORE_VARIABLE, missing.toString())::get));
    assertEquals("TLS keystore not found: " + missing, refused.getMessage());
  }

  @Test
  void refusesWhenThePasswordVariableIsNotSet() throws Exception {
    TlsOptions tls = new TlsOptions();
    tls.keystore = Files.writeString(folder.resolve("vigie.p12"), "x");
    tls.passwordVariable = "MY_TLS_SECRET";
    Refused refused = assertThrows(Refused.class, () -> tls.serverProperties(name -> null));
    assertEquals("the TLS keystore's password is read from $MY_TLS_SECRET, which is not set",
        refused.getMessage());
  }

  @Test
  void refusesAFileThatIsNotAKeystore() throws Exception {
    TlsOptions tls = new TlsOptions();
    tls.keystore = Files.writeString(folder.resolve("certificate.pem"), "-----BEGIN CERTIFICATE");
    Refused refused = assertThrows(Refused.class, () -> tls.serverProperties(
        Map.of(TlsOptions.DEFAULT_PASSWORD_VARIABLE, "whatever")::get));
    assertTrue(refused.getMessage().startsWith("cannot open the TLS keystore " + tls.keystore
        + ": wrong password in $VIGIE_TLS_PASSWORD, or not a PKCS#12 file"), refused.getMessage());
  }

  @Test
  void serveExitsWithOneAndOneLineOnAMissingKeystore() {
    StringWriter err = new StringWriter();
    CommandLine cli = VigieCommand.commandLine();
    cli.setErr(new PrintWriter(err, true));
    Path missing = folder.resolve("absent.p12");
    assertEquals(1, cli.execute("serve", "--tls-keystore", missing.toString(),
        "--home", folder.toString()));
    assertEquals("vigie: TLS keystore not found: " + missing, err.toString().strip());
  }

  @Test
  void trustsForwardedHeadersOnlyWhenToldItRunsBehindAProxy() {
    assertEquals(Map.of(), new ProxyOption().serverProperties(name -> null));
    assertEquals(Map.of("server.forward-headers-strategy", "native"), new ProxyOption()
        .serverProperties(Map.of(ProxyOption.VARIABLE, "true")::get));
    ProxyOption flag = new ProxyOption();
    flag.behindProxy = true;
    assertEquals(Map.of("server.forward-headers-strategy", "native"),
        flag.serverProperties(name -> null));
    Refused refused = assertThrows(Refused.class, () -> new ProxyOption()
        .serverProperties(Map.of(ProxyOption.VARIABLE, "oui")::get));
    assertEquals("$VIGIE_BEHIND_PROXY must be true or false: 'oui'", refused.getMessage());
  }
}
