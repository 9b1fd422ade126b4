package fr.vigie.app.cli;

import fr.vigie.app.cases.CaseExhibits;
import fr.vigie.app.cases.CaseFile;
import fr.vigie.app.cases.CaseOpening;
import fr.vigie.app.cases.Cases;
import fr.vigie.app.cases.HeldBy;
import fr.vigie.app.cases.Exhibit;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    subcommands = {CaseCommand.Open.class, CaseCommand.Attach.class})
final class CaseCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'vigie case --help'");
  }

  /**
   * {@code vigie case open SUSPECT-REF...}: open a case for one or several suspects. One of them
   * already in an open case is refused, naming that case and its address, unless
   * {@code --anyway REASON} says why a second open case is needed (audited).
   *
   * <p>Exit codes: 0 opened, 1 refused (a suspect already in an open case, an unknown
   * reference), 2 usage error.
   */
  @Command(name = "open", mixinStandardHelpOptions = true,
      description = {"Open a case for one or several suspects (by reference). A suspect can be "
          + "in one open case only: opening a second one needs --anyway with a reason.",
          "Exit 0 when opened, 1 when refused, 2 on a usage error."})
  static final class Open implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SUSPECT-REF", description = "The suspects' "
        + "references, e.g. S-2026-00042.")
    List<String> suspects;

    @Option(names = "--title", description = "The case's title (default: the first suspect's "
        + "reference and name).")
    String title;

    @Option(names = "--anyway", paramLabel = "REASON", description = "Open a second open case "
        + "for a suspect already in one, for this reason (kept in the audit log).")
    String anyway;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (suspects.size() > Cases.MAX_SUSPECTS_OPENED) {
        throw new CommandLine.ParameterException(spec.commandLine(), "at most "
            + Cases.MAX_SUSPECTS_OPENED + " suspects");
      }
      if (anyway != null && anyway.isBlank()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--anyway needs a reason");
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        Cases cases = context.getBean(Cases.class);
        CaseOpening opening = cases.openFromCommandLine(suspects, title, anyway,
            AccountAdministration.operatingSystemActor());
        switch (opening) {
          case CaseOpening.Opened opened -> {
            CaseFile file = cases.findForCommandLine(opened.id()).orElseThrow();
            out.printf("opened %s for %s: /dossiers/%d%n", file.reference(),
                String.join(", ", file.suspectReferences()), opened.id());
            out.flush();
            return 0;
          }
          case CaseOpening.AlreadyOpen already -> {
            for (HeldBy h : already.holders()) {
              err.printf("refused: %s is already in open case %s (%s): /dossiers/%d%n",
                  h.suspectReference(), h.caseReference(), h.caseTitle(), h.caseId());
            }
            err.println("a suspect is in one open case only; to open a second one anyway: "
                + "--anyway \"REASON\"");
            err.flush();
            return 1;
          }
          case CaseOpening.ReasonMissing missing -> {
            err.println("refused: --anyway needs a reason");
            err.flush();
            return 1;
          }
        }
      } catch (IllegalArgumentException refused) {
        err.println("refused: " + refused.getMessage());
        err.flush();
        return 1;
      }
    }
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
