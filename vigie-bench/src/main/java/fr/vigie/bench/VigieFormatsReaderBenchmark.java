package fr.vigie.bench;

import fr.vigie.formats.cybertip.CyberTipLimits;
import fr.vigie.formats.cybertip.CyberTipOutcome;
import fr.vigie.formats.intake.VigieCsvReader;
import fr.vigie.formats.intake.VigieJsonLinesReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many reports a second does one core read in the Vigie JSON Lines and CSV formats
 * (validation, normalisation, raw record kept)? The documented examples
 * ({@code docs/examples/reports.*}, run from the repository root) repeated under new report ids
 * to {@value #REPORTS} reports; one operation is one report.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class VigieFormatsReaderBenchmark {

  static final int REPORTS = 2000;

  private byte[] jsonl;
  private byte[] csv;

  @Setup(Level.Trial)
  public void generate() throws IOException {
    Path examples = Path.of("docs", "examples");
    List<String> lines = Files.readString(examples.resolve("reports.jsonl")).lines().toList();
    StringBuilder j = new StringBuilder();
    for (int i = 0; i < REPORTS; i++) {
      j.append(lines.get(i % lines.size())
          .replaceFirst("\"reportId\":\"[^\"]*\"", "\"reportId\":\"R" + i + "\"")).append('\n');
    }
    jsonl = j.toString().getBytes(StandardCharsets.UTF_8);
    // The CSV example holds two reports: PA-0001 (rows 1-3) and PA-0002 (row 4).
    List<String> rows = Files.readString(examples.resolve("reports.csv")).lines().toList();
    StringBuilder c = new StringBuilder(rows.get(0)).append('\n');
    for (int i = 0; i < REPORTS / 2; i++) {
      for (String row : rows.subList(1, rows.size())) {
        c.append(row.replaceFirst("^PA-000", "PA-" + i + "-")).append('\n');
      }
    }
    csv = c.toString().getBytes(StandardCharsets.UTF_8);
    check(jsonlReader(), "JSON Lines");
    check(csvReader(), "CSV");
    System.out.printf("%n%d reports: %d bytes of JSON Lines, %d bytes of CSV%n", REPORTS,
        jsonl.length, csv.length);
  }

  private static void check(java.util.Iterator<CyberTipOutcome> it, String what) {
    long accepted = 0;
    while (it.hasNext()) {
      if (it.next() instanceof CyberTipOutcome.Accepted) {
        accepted++;
      }
    }
    if (accepted != REPORTS) {
      throw new IllegalStateException(what + ": " + accepted + " of " + REPORTS + " accepted");
    }
  }

  private VigieJsonLinesReader jsonlReader() {
    return new VigieJsonLinesReader(new ByteArrayInputStream(jsonl), "bench.jsonl",
        CyberTipLimits.DEFAULT, new HashSet<>());
  }

  private VigieCsvReader csvReader() {
    return new VigieCsvReader(new ByteArrayInputStream(csv), "bench.csv",
        CyberTipLimits.DEFAULT, new HashSet<>());
  }

  @Benchmark
  @OperationsPerInvocation(REPORTS)
  public long jsonLines() {
    long n = 0;
    for (var it = jsonlReader(); it.hasNext(); ) {
      n += it.next().rawXml().length();
    }
    return n;
  }

  @Benchmark
  @OperationsPerInvocation(REPORTS)
  public long csv() {
    long n = 0;
    for (var it = csvReader(); it.hasNext(); ) {
      n += it.next().rawXml().length();
    }
    return n;
  }
}
