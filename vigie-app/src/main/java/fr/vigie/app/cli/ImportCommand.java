package fr.vigie.app.cli;

import fr.vigie.app.intake.FolderBatch;
import fr.vigie.app.intake.ImportSummary;
import fr.vigie.app.intake.ReportImport;
import fr.vigie.app.intake.ReportSources;
import fr.vigie.formats.cybertip.ReportSource;
import fr.vigie.formats.intake.IntakeFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigie import …}: bring reports into Vigie. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import reports, the content of their media, and operators' answers into Vigie.",
    subcommands = {ImportCommand.Reports.class, ImportMediaCommand.class, ImportAnswerCommand.class})
final class ImportCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'vigie import --help'");
  }

  /**
   * {@code vigie import reports [--source CODE] PATH...}: NCMEC CyberTipline XML, providers'
   * report and fileDetails documents, Vigie JSON Lines and Vigie CSV (docs/formats.md), one
   * import job per file, zip or folder. A folder is one batch (a report and its fileDetails
   * documents go together); each zip in it is an input of its own.
   *
   * <p>Exit codes: 0 every record went in (or was already there), 1 some were rejected (the
   * others went in) or a file could not be read, 2 usage error.
   */
  @Command(name = "reports", mixinStandardHelpOptions = true,
      description = {"Import reports: NCMEC CyberTipline XML, providers' <report> and "
          + "<fileDetails> documents, Vigie JSON Lines (.jsonl, .ndjson) and Vigie CSV (.csv) "
          + "files, zips of them, or folders. A folder is read as one batch of its .xml, "
          + ".jsonl, .ndjson and .csv files (recursively), so that a report document and its "
          + "fileDetails go together; each .zip in it is imported on its own. A <report> "
          + "document does not say who sent it: name its source with --source. Each report is "
          + "stored once; new content under a known report id is a new version. Rejected "
          + "records are quarantined, the rest goes in. Progress on standard error: a bar on a "
          + "terminal, a line every 10 s otherwise.",
          "Exit 0 when every record went in, 1 when some were rejected, 2 on a usage error."})
  static final class Reports implements Callable<Integer> {

    /** Rejections printed in the text summary; --json lists them all. */
    static final int REJECTS_SHOWN = 10;

    @Parameters(paramLabel = "PATH", arity = "1..*",
        description = "Report files (.xml, .jsonl, .ndjson, .csv), zips of them, or folders.")
    List<Path> paths;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Option(names = "--dry-run", description = "Read and check everything, write nothing.")
    boolean dryRun;

    @Option(names = "--source", paramLabel = "CODE",
        description = "The source that sent the providers' <report> documents (which hold no "
            + "report number and do not say who sent them): a known source, see 'vigie source "
            + "list'. Records that name their source keep it (NCMEC for <cyberTip>).")
    String source;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<Path> files = inputs();
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      String actor = AccountAdministration.operatingSystemActor();
      List<ImportSummary> summaries = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      LongAdder records = new LongAdder();
      long started = System.nanoTime();
      long totalBytes = 0;
      for (Path file : files) {
        totalBytes += size(file);
      }
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        ReportImport importer = context.getBean(ReportImport.class);
        ReportSource bareReportSource = null;
        if (source != null) {
          switch (context.getBean(ReportSources.class).senderOf(source)) {
            case ReportSources.Choice.Known k -> bareReportSource = k.source();
            case ReportSources.Choice.Refused r -> throw new CommandLine.ParameterException(
                spec.commandLine(), "--source: " + r.reason());
          }
        }
        ImportProgress progress = new ImportProgress(err, ImportProgress.stderrIsTerminal(),
            totalBytes, files.size(), records).start();
        try {
          for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            progress.startFile(i + 1);
            try (AutoCloseable counting = IntakeFiles.countBytes(progress.currentBytes)) {
              summaries.add(importer.importFile(file, actor, dryRun, records,
                  bareReportSource));
            } catch (IOException | java.io.UncheckedIOException e) {
              failures.add(file + ": " + e.getMessage());
            } finally {
              progress.finishFile(size(file));
            }
          }
        } finally {
          progress.stop();
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      ImportReport report = new ImportReport(summaries, failures, dryRun);
      out.print(json ? report.toJson() : report.toText(REJECTS_SHOWN, seconds));
      out.flush();
      return report.rejected() == 0 && failures.isEmpty() ? 0 : 1;
    }

    /**
     * The inputs, in order: files and zips as given; a folder as one batch of its report files
     * (when it has any), then each zip below it. A missing path is a usage error.
     */
    private List<Path> inputs() throws IOException {
      List<Path> files = new ArrayList<>();
      for (Path p : paths) {
        if (Files.isDirectory(p)) {
          if (!FolderBatch.batch(p).isEmpty()) {
            files.add(p);
          }
          files.addAll(FolderBatch.zips(p));
        } else if (Files.isRegularFile(p)) {
          files.add(p);
        } else {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "no such file or folder: " + p);
        }
      }
      if (files.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "no .xml, .zip, .jsonl, .ndjson or .csv file in " + paths);
      }
      return files;
    }

    /** The bytes an input stands for in the progress share: a folder's batch files. */
    private static long size(Path input) throws IOException {
      if (!Files.isDirectory(input)) {
        return Files.size(input);
      }
      long total = 0;
      for (Path p : FolderBatch.batch(input)) {
        total += Files.size(p);
      }
      return total;
    }

  }
}
