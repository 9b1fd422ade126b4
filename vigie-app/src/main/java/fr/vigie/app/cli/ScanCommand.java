package fr.vigie.app.cli;

import fr.vigie.app.matching.KnownContent;
import fr.vigie.app.matching.KnownContentForScan;
import fr.vigie.hashing.scan.CsvOutcomeWriter;
import fr.vigie.hashing.scan.JsonLinesOutcomeWriter;
import fr.vigie.hashing.scan.ScanProgress;
import fr.vigie.hashing.scan.ScanSink;
import fr.vigie.hashing.scan.ScanSummary;
import fr.vigie.hashing.scan.TreeScanner;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Scans a seized folder tree (or a mounted image): hashes every file once for MD5, SHA-1 and
 * SHA-256, PDQ for images, matches against the active hash sets, prints a summary by category.
 * Reads only: nothing is written inside the tree, and the output file may not be inside it.
 *
 * <p>Exit codes: 0 every file read, 1 some files unreadable (listed), 2 usage.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Hash and match every file of a folder tree (seized media) against the hash "
        + "sets; print a summary by category.")
final class ScanCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PATH", description = "The folder to scan (read only).")
  Path root;

  @Option(names = "--hashsets", paramLabel = "NAME", arity = "1..*",
      description = "Match only against these hash sets (default: every active set).")
  List<String> hashSets = List.of();

  @Option(names = "--no-match", description = "Only hash; do not open the database.")
  boolean noMatch;

  @Option(names = "--out", paramLabel = "FILE.json|FILE.csv",
      description = "Write one line per file: JSON Lines (.json, .jsonl) or CSV (.csv).")
  Path out;

  @Option(names = "--threads", paramLabel = "N",
      description = "Hashing threads (default: the number of cores).")
  Integer threads;

  @Mixin
  HomeOption home;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter console = spec.commandLine().getOut();
    Path realRoot = root.toRealPath();
    if (out != null && out.toAbsolutePath().normalize().startsWith(realRoot)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--out must be outside the scanned tree (" + realRoot + "): nothing is written there");
    }
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (n < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--threads must be at least 1, was " + n);
    }
    ConfigurableApplicationContext context = noMatch ? null
        : SpringLauncher.startWithoutWeb(home.resolve());
    try {
      fr.vigie.hashing.scan.KnownContent known = fr.vigie.hashing.scan.KnownContent.NONE;
      if (context != null) {
        KnownContent index = context.getBean(KnownContent.class);
        console.println("Index: " + index.indexedEntries() + " known hashes"
            + (hashSets.isEmpty() ? "" : ", sets " + String.join(", ", hashSets)));
        known = new KnownContentForScan(index, Set.copyOf(hashSets));
      }
      ScanSummary summary = new ScanSummary();
      ScanSink sink = summary;
      Writer writer = null;
      ScanSink fileSink = null;
      if (out != null) {
        writer = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8));
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        fileSink = name.endsWith(".csv") ? new CsvOutcomeWriter(writer)
            : new JsonLinesOutcomeWriter(writer);
        sink = sink.andThen(fileSink);
      }
      ScanProgress progress = new ScanProgress();
      Thread ticker = progressTicker(progress, err);
      try {
        new TreeScanner(n, known).scan(realRoot, sink, progress);
      } finally {
        ticker.interrupt();
        ticker.join();
        if (fileSink instanceof CsvOutcomeWriter csv) {
          csv.flush();
        } else if (fileSink instanceof JsonLinesOutcomeWriter json) {
          json.flush();
        }
        if (writer != null) {
          writer.close();
        }
      }
      ScanProgress.Snapshot done = progress.snapshot();
      console.print(summary.toText());
      console.printf(Locale.ROOT, "%.1f s, %.0f files/s, %.1f MB/s%n",
          done.elapsed().toMillis() / 1000.0, done.entriesPerSecond(), done.megabytesPerSecond());
      console.flush();
      return summary.unreadable() == 0 ? 0 : 1;
    } finally {
      if (context != null) {
        context.close();
      }
    }
  }

  /**
   * Shows progress on standard error: a line redrawn in place on a terminal, a plain line every
   * ten seconds otherwise (logs, CI).
   */
  private static Thread progressTicker(ScanProgress progress, PrintWriter err) {
    boolean terminal = System.console() != null;
    return Thread.ofPlatform().daemon().name("vigie-scan-progress").start(() -> {
      try {
        while (true) {
          Thread.sleep(terminal ? 500 : 10_000);
          ScanProgress.Snapshot s = progress.snapshot();
          String line = String.format(Locale.ROOT,
              "%,d files, %,.1f MB, %.0f files/s, %.1f MB/s, %d unreadable", s.entries(),
              s.bytes() / 1e6, s.entriesPerSecond(), s.megabytesPerSecond(), s.unreadable());
          err.print(terminal ? "\r" + line + "   " : line + System.lineSeparator());
          err.flush();
        }
      } catch (InterruptedException e) {
        if (terminal) {
          err.print("\r");
          err.flush();
        }
      }
    });
  }
}
