package fr.vigie.app.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run Vigie's web server until Ctrl-C (database: $VIGIE_DB_URL, else the "
        + "embedded one under the data folder). Production: docs/operations.md.")
final class ServeCommand implements Callable<Integer> {

  @Mixin
  HomeOption home;

  @Mixin
  ServerOptions server;

  @Mixin
  TlsOptions tls;

  @Mixin
  ProxyOption proxy;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // Checked before Spring starts: a bad keystore is one line and exit 1, not a stack trace.
    Map<String, Object> settings = new HashMap<>(tls.serverProperties(System::getenv));
    settings.putAll(proxy.serverProperties(System::getenv));
    ConfigurableApplicationContext context =
        SpringLauncher.startServer(home.resolve(), server, settings);
    spec.commandLine().getOut().println("Vigie : " + SpringLauncher.url(context));
    spec.commandLine().getOut().flush();
    SpringLauncher.awaitClose(context);
    return 0;
  }
}
