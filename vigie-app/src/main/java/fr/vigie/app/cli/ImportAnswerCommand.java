package fr.vigie.app.cli;

import fr.vigie.app.attribution.AnswerImportSummary;
import fr.vigie.app.attribution.Requisitions;
import fr.vigie.app.audit.AuditActor;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigie import answer FILE}: an operator's answer to requisitions (CSV, format in
 * docs/attribution.md) into subscribers. Exit 0 when every line went in, 1 when some were
 * rejected (the others went in; each rejection names its line, column and reason), 2 on a usage
 * error.
 */
@Command(name = "answer", mixinStandardHelpOptions = true,
    description = {"Import an operator's answer to requisitions (CSV: requisition, ip, port, "
        + "utc_time, identity, address, postal_code, city, contract_type). Bad lines are "
        + "reported with line, column and reason; the rest goes in.",
        "Exit 0 when every line went in, 1 when some were rejected, 2 on a usage error."})
final class ImportAnswerCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The operator's answer, a CSV file.")
  Path file;

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
    AnswerImportSummary summary;
    try (ConfigurableApplicationContext context =
             SpringLauncher.startWithoutWeb(home.resolve());
         InputStream in = Files.newInputStream(file)) {
      AuditActor actor = AuditActor.commandLine(AccountAdministration.operatingSystemActor());
      summary = context.getBean(Requisitions.class).importAnswer(in,
          file.getFileName().toString(), "CLI", actor.name(), actor.role(),
          actor.clientAddress(), null);
    }
    out.printf("%s: %d line(s) read, %d imported (%d identified, %d unknown), %d rejected%n",
        summary.fileName(), summary.linesRead(), summary.accepted(), summary.identified(),
        summary.unknown(), summary.rejects().size());
    if (!summary.requisitions().isEmpty()) {
      out.println("requisitions answered: " + String.join(", ", summary.requisitions()));
    }
    for (AnswerImportSummary.AnswerReject reject : summary.rejects()) {
      out.println("  " + summary.fileName() + ": " + reject);
    }
    out.flush();
    return summary.rejects().isEmpty() ? 0 : 1;
  }
}
