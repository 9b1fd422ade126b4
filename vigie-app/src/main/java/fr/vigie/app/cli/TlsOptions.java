package fr.vigie.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * HTTPS served by Vigie itself from a PKCS#12 keystore, mapped onto Spring Boot's
 * {@code server.ssl.*}. The password comes from an environment variable, never from an argument
 * that the process list would show.
 */
final class TlsOptions {

  static final String KEYSTORE_VARIABLE = "VIGIE_TLS_KEYSTORE";
  static final String DEFAULT_PASSWORD_VARIABLE = "VIGIE_TLS_PASSWORD";

  @Option(names = "--tls-keystore", paramLabel = "FILE.p12",
      description = "Serve HTTPS with the key and certificate chain of this PKCS#12 file "
          + "(default: $" + KEYSTORE_VARIABLE + "; none: plain HTTP).")
  Path keystore;

  @Option(names = "--tls-password-env", paramLabel = "VAR",
      defaultValue = DEFAULT_PASSWORD_VARIABLE,
      description = "The environment variable holding the keystore's password "
          + "(default: ${DEFAULT-VALUE}).")
  String passwordVariable = DEFAULT_PASSWORD_VARIABLE;

  /**
   * Returns the {@code server.ssl.*} settings, or none when no keystore is given.
   *
   * @param environment reads an environment variable (null when unset)
   * @throws Refused when the keystore is missing, unreadable, not PKCS#12, holds no key, or its
   *     password variable is unset or wrong; the message names the file or the variable
   */
  Map<String, Object> serverProperties(Function<String, String> environment) {
    Path file = keystore;
    if (file == null) {
      String fromEnvironment = environment.apply(KEYSTORE_VARIABLE);
      if (fromEnvironment == null || fromEnvironment.isBlank()) {
        return Collections.emptyMap();
      }
      file = Path.of(fromEnvironment);
    }
    file = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new Refused("TLS keystore not found: " + file);
    }
    if (!Files.isReadable(file)) {
      throw new Refused("TLS keystore not readable by this user: " + file);
    }
    String password = environment.apply(passwordVariable);
    if (password == null) {
      throw new Refused("the TLS keystore's password is read from $" + passwordVariable
          + ", which is not set");
    }
    String alias = checkOpens(file, password);
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.ssl.enabled", "true");
    properties.put("server.ssl.key-store", "file:" + file);
    properties.put("server.ssl.key-store-type", "PKCS12");
    properties.put("server.ssl.key-store-password", password);
    properties.put("server.ssl.key-alias", alias);
    return properties;
  }

  /**
   * Opens the keystore now, so that a wrong password or file fails with one clear line rather
   * than a stack trace from deep inside the web server's start; returns the key's alias.
   */
  private String checkOpens(Path file, String password) {
    KeyStore store;
    try (InputStream in = Files.newInputStream(file)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
    } catch (IOException | GeneralSecurityException e) {
      throw new Refused("cannot open the TLS keystore " + file + ": wrong password in $"
          + passwordVariable + ", or not a PKCS#12 file (" + e.getMessage() + ")");
    }
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          return alias;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new Refused("cannot read the TLS keystore " + file + ": " + e.getMessage());
    }
    throw new Refused("the TLS keystore " + file + " holds no private key, only certificates");
  }
}
