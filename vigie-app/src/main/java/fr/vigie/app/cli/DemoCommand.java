package fr.vigie.app.cli;

import fr.vigie.app.demo.DemoAccounts;
import java.io.PrintWriter;
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
    ConfigurableApplicationContext context = SpringLauncher.startServer(home.resolve(), server,
        Map.of("vigie.demo.enabled", "true"));
    out.println();
    out.println("Vigie (démo) : " + SpringLauncher.url(context));
    out.println();
    out.println("Comptes de démonstration / demo sign-ins:");
    for (DemoAccounts.Account account : DemoAccounts.ALL) {
      out.printf("  %-14s %-24s %s%n", account.role(), account.username(), account.password());
    }
    out.println();
    out.println("Données synthétiques uniquement. Ctrl-C pour arrêter / to stop.");
    out.flush();
    SpringLauncher.awaitClose(context);
    return 0;
  }
}
