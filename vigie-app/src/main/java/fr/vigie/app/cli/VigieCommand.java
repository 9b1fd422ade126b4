package fr.vigie.app.cli;

import fr.vigie.postgres.EmbeddedPostgresException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code vigie} command and its subcommands. Spring starts only inside the commands that need
 * it, so that {@code --help} and {@code version} answer at once.
 *
 * <p>Exit codes: 0 success, 1 failure, 2 usage error (unknown option, missing argument).
 */
@Command(
    name = "vigie",
    mixinStandardHelpOptions = true,
    versionProvider = VigieVersion.class,
    description = "Vigie: reports, known content, attribution, suspects, cases and operations "
        + "against the online sexual exploitation of children.",
    subcommands = {
        AttributionCommand.class,
        AuditCommand.class,
        CaseCommand.class,
        DatabaseCommand.class,
        DemoCommand.class,
        HashsetCommand.class,
        ImportCommand.class,
        P2pCommand.class,
        PdqCommand.class,
        ScanCommand.class,
        ServeCommand.class,
        SourceCommand.class,
        StatsCommand.class,
        StatusCommand.class,
        UserCommand.class,
        VersionCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Environment: VIGIE_HOME, VIGIE_DB_URL, VIGIE_DB_USER, VIGIE_DB_PASSWORD, "
        + "VIGIE_PORT, VIGIE_BIND, VIGIE_SESSION_TIMEOUT, VIGIE_TLS_KEYSTORE, VIGIE_TLS_PASSWORD, "
        + "VIGIE_BEHIND_PROXY, VIGIE_GEOIP_DIR, VIGIE_ATTRIBUTION_RETENTION, VIGIE_MEDIA_KEY, "
        + "VIGIE_SECRETS_KEY "
        + "(see README.md).",
        "Developers: ./vigie test runs the test suite."})
public final class VigieCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'vigie --help'");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code; never calls System.exit. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new VigieCommand());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("vigie: " + rootMessage(e));
      return 1;
    });
    return cli;
  }

  private static String rootMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof EmbeddedPostgresException) {
        return t.getMessage();
      }
    }
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
