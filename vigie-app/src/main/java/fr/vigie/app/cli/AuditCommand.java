package fr.vigie.app.cli;

import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.audit.ChainVerification;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigie audit …}: the audit log from the command line. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Work with the audit log (see docs/audit.md).",
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'vigie audit --help'");
  }

  /**
   * Walks the whole hash chain. Exit code 0 when it is intact, 1 at the first broken link, so
   * that a scheduled job can alert on it. Works while a server runs on the embedded database.
   */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Check that no audit entry was changed, removed or reordered.",
          "Prints 'intact: N entries' (exit 0) or the first broken entry (exit 1)."})
  static final class Verify implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        ChainVerification result = context.getBean(AuditLog.class).verify();
        PrintWriter out = spec.commandLine().getOut();
        out.println(describe(result));
        out.flush();
        return result instanceof ChainVerification.Intact ? 0 : 1;
      }
    }

    static String describe(ChainVerification result) {
      return switch (result) {
        case ChainVerification.Intact intact -> "intact: " + intact.entries() + " entries";
        case ChainVerification.Broken broken -> "broken at entry " + broken.entryId() + ": "
            + broken.reason() + " (" + broken.verifiedBefore() + " entries verified before it)";
      };
    }
  }
}
