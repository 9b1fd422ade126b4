package fr.vigie.app.cli;

import fr.vigie.app.cases.CaseExhibits;
import fr.vigie.app.cases.Exhibit;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigie case …}: work on case files from the command line. */
@Command(name = "case", mixinStandardHelpOptions = true,
    description = "Work on case files (dossiers).",
    subcommands = {CaseCommand.Attach.class})
final class CaseCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'vigie case --help'");
  }

  /**
   * {@code vigie case attach CASE-REF FILE}: attach a file (e.g. the results of
   * {@code vigie scan --out}) to a case as an exhibit with its own SHA-256.
   *
   * <p>Exit codes: 0 attached, 1 refused (no such case, closed case, wrong replaced exhibit),
   * 2 usage error.
   */
  @Command(name = "attach", mixinStandardHelpOptions = true,
      description = {"Attach a file to a case as an exhibit. Its SHA-256 is computed as it is "
          + "copied into Vigie's write-once exhibit store; the original is left untouched.",
          "Exit 0 when attached, 1 when refused, 2 on a usage error."})
  static final class Attach implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CASE-REF", description = "The case's reference, "
        + "e.g. D-2026-0001.")
    String caseReference;

    @Parameters(index = "1", paramLabel = "FILE", description = "The file to attach.")
    Path file;

    @Option(names = "--description", description = "What the file is.")
    String description;

    @Option(names = "--replaces", paramLabel = "EXHIBIT-ID",
        description = "The exhibit this file is a new version of (the old one stays).")
    Long replaces;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(file)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + file);
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        Exhibit exhibit = context.getBean(CaseExhibits.class).attachFile(caseReference, file,
            description, replaces, AccountAdministration.operatingSystemActor());
        out.printf("exhibit %d attached to %s: %s, %d bytes, sha256 %s%n", exhibit.id(),
            caseReference, exhibit.fileName(), exhibit.sizeBytes(), exhibit.sha256());
        out.flush();
        return 0;
      } catch (CaseExhibits.Refused refused) {
        err.println("refused: " + refused.getMessage());
        err.flush();
        return 1;
      }
    }
  }
}
