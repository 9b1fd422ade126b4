package fr.vigie.app.cli;

import fr.vigie.app.demo.DemoAccounts;
import fr.vigie.app.demo.DemoGeoIp;
import fr.vigie.app.security.Totp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run Vigie on the embedded database with a synthetic demo data set (seeded "
        + "once), print the URL and the demo sign-ins, and serve until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {

  @Mixin
  HomeOption home;

  @Mixin
  ServerOptions server;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Vigie (démo) démarre… / starting…");
    out.flush();
    Path folder = home.resolve();
    ConfigurableApplicationContext context = SpringLauncher.startServer(folder, server,
        properties(folder, System.getenv("VIGIE_GEOIP_DIR")));
    out.println();
    out.println("Vigie (démo) : " + SpringLauncher.url(context));
    out.println();
    out.println("Comptes de démonstration / demo sign-ins (mot de passe, puis code TOTP) :");
    out.printf("  %-13s %-17s %-22s %s%n", "ROLE", "IDENTIFIANT", "MOT DE PASSE",
        "SECRET TOTP (Base32)");
    for (DemoAccounts.Account a : DemoAccounts.ALL) {
      out.printf("  %-13s %-17s %-22s %s%n", a.role(), a.username(), a.password(),
          a.totpSecret() == null ? "(machine : jeton API, ./vigie user token)" : a.totpSecret());
    }
    out.println();
    out.println("Le code TOTP vient d’une application d’authentification où l’on a ajouté le secret,");
    out.println("ou de « oathtool --totp -b SECRET ». Entrée : afficher les codes du moment.");
    out.println("TOTP codes come from an authenticator app holding the secret, or from");
    out.println("'oathtool --totp -b SECRET'. Press Enter to print the current codes.");
    out.println();
    out.println("Données synthétiques uniquement. Ctrl-C pour arrêter / to stop.");
    out.flush();
    startCodePrinter(out);
    SpringLauncher.awaitClose(context);
    return 0;
  }

  /**
   * The demo's settings: seeding on, and, unless the user gave MaxMind's files with
   * {@code VIGIE_GEOIP_DIR}, the demo's own GeoIP files over the documentation ranges
   * ({@link DemoGeoIp}), so that its IP events end with an operator.
   */
  static Map<String, Object> properties(Path home, String geoIpDir) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("vigie.demo.enabled", "true");
    if (geoIpDir == null || geoIpDir.isBlank()) {
      properties.put("vigie.geoip.dir", DemoGeoIp.writeTo(home.resolve("demo-geoip")));
    }
    return properties;
  }

  /**
   * Prints the demo accounts' current TOTP codes each time Enter is pressed: what an
   * authenticator app holding the printed secrets would show, nothing more. Only the demo does it.
   */
  private static void startCodePrinter(PrintWriter out) {
    Thread printer = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        while (in.readLine() != null) {
          long step = Totp.step(Instant.now());
          long secondsLeft = Totp.STEP_SECONDS - Instant.now().getEpochSecond() % Totp.STEP_SECONDS;
          for (DemoAccounts.Account a : DemoAccounts.ALL) {
            if (a.totpSecret() != null) {
              out.printf("  %-17s %s%n", a.username(), Totp.code(a.totpSecret(), step));
            }
          }
          out.printf("  (valables encore %d s / valid for %d more s)%n", secondsLeft, secondsLeft);
          out.flush();
        }
      } catch (java.io.IOException e) {
        // no terminal: nothing to print codes for
      }
    }, "demo-totp-codes");
    printer.setDaemon(true);
    printer.start();
  }
}
