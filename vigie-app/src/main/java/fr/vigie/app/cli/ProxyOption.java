package fr.vigie.app.cli;

import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Running behind a reverse proxy that terminates TLS: the client's address and scheme are then
 * taken from the proxy's X-Forwarded-For and X-Forwarded-Proto headers (Tomcat's RemoteIpValve,
 * Spring Boot's {@code server.forward-headers-strategy=native}), so that the audit log and the
 * sign-in back-off see the real client rather than the proxy. The headers are trusted only from
 * the proxy addresses in {@code server.tomcat.remoteip.internal-proxies} (by default loopback and
 * private ranges).
 */
final class ProxyOption {

  static final String VARIABLE = "VIGIE_BEHIND_PROXY";

  @Option(names = "--behind-proxy",
      description = "Trust X-Forwarded-For/-Proto from the reverse proxy in front of Vigie "
          + "(default: $" + VARIABLE + "=true). See docs/operations.md.")
  boolean behindProxy;

  /** Returns the setting, or none when Vigie faces its clients directly. */
  Map<String, Object> serverProperties(Function<String, String> environment) {
    String fromEnvironment = environment.apply(VARIABLE);
    boolean enabled = behindProxy;
    if (!enabled && fromEnvironment != null && !fromEnvironment.isBlank()) {
      enabled = switch (fromEnvironment.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes", "1" -> true;
        case "false", "no", "0" -> false;
        default -> throw new Refused("$" + VARIABLE + " must be true or false: '"
            + fromEnvironment + "'");
      };
    }
    return enabled ? Map.of("server.forward-headers-strategy", "native") : Map.of();
  }
}
