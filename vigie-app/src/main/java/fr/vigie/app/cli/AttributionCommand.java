package fr.vigie.app.cli;

import fr.vigie.app.attribution.Attribution;
import fr.vigie.app.attribution.AttributionRun;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigie attribution …}: attribution of IP events from the command line. */
@Command(name = "attribution", mixinStandardHelpOptions = true,
    description = "Attribution of IP events (docs/attribution.md).",
    subcommands = {AttributionCommand.Run.class})
final class AttributionCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'vigie attribution --help'");
  }

  /**
   * {@code vigie attribution run}: attributes every IP event now, with the GeoIP databases of
   * VIGIE_GEOIP_DIR as they are (after replacing them, for instance), and prints the outcomes.
   */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Attribute every IP event again now (after new GeoIP files or a change of "
          + "the operators directory) and print how many went where.",
          "Events already in a live requisition are left as they are."})
  static final class Run implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        AttributionRun run = context.getBean(Attribution.class).attributeAll();
        out.println(run.geoIpStatus());
        out.printf("%d event(s) attributed, %d left in requisitions%n", run.attributed(),
            run.skipped());
        run.byOutcome().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
            .forEach(e -> out.printf("  %-12s %d%n", e.getKey(), e.getValue()));
      }
      out.flush();
      return 0;
    }
  }
}
