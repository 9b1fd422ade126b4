package fr.vigie.app.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run Vigie's web server until Ctrl-C (database: $VIGIE_DB_URL, else the "
        + "embedded one under the data folder).")
final class ServeCommand implements Callable<Integer> {

  @Mixin
  HomeOption home;

  @Mixin
  ServerOptions server;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ConfigurableApplicationContext context =
        SpringLauncher.startServer(home.resolve(), server, Map.of());
    spec.commandLine().getOut().println("Vigie : " + SpringLauncher.url(context));
    spec.commandLine().getOut().flush();
    SpringLauncher.awaitClose(context);
    return 0;
  }
}
