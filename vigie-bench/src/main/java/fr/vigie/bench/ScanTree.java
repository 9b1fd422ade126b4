package fr.vigie.bench;

import fr.vigie.hashing.scan.CsvOutcomeWriter;
import fr.vigie.hashing.scan.ScanProgress;
import fr.vigie.hashing.scan.ScanSummary;
import fr.vigie.hashing.scan.TreeScanner;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One timed pass over a tree, for comparison with {@code hashdeep} and {@code sha256sum} (see
 * {@code scripts/scan-benchmark.sh}). Whole program, JVM start-up included, as the CLI would run.
 *
 * <ul>
 *   <li>{@code scan THREADS DIR}: {@link TreeScanner} (MD5, SHA-1, SHA-256, PDQ for images),
 *       every outcome written as CSV to a null writer, as hashdeep writes to /dev/null;
 *   <li>{@code sha256 DIR}: SHA-256 only, one thread, files in walk order, a 128 KiB buffer: the
 *       same work as {@code sha256sum}.
 * </ul>
 */
public final class ScanTree {

  private ScanTree() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    String line = switch (args[0]) {
      case "scan" -> scan(Integer.parseInt(args[1]), Path.of(args[2]));
      case "sha256" -> sha256(Path.of(args[1]));
      default -> throw new IllegalArgumentException("scan THREADS DIR | sha256 DIR, not " + args[0]);
    };
    System.out.printf(Locale.ROOT, "%s in %.2f s%n", line, (System.nanoTime() - t0) / 1e9);
  }

  private static String scan(int threads, Path root) throws Exception {
    ScanSummary summary = new ScanSummary();
    CsvOutcomeWriter csv = new CsvOutcomeWriter(Writer.nullWriter());
    TreeScanner.hashingOnly(threads).scan(root, csv.andThen(summary), new ScanProgress());
    return summary.hashedFiles() + " files, " + summary.bytes() + " bytes, " + summary.images()
        + " PDQ, " + summary.unreadable() + " unreadable";
  }

  private static String sha256(Path root) throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[128 * 1024];
    ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    long[] totals = new long[2];
    StringBuilder sink = new StringBuilder();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isRegularFile()) {
          return FileVisitResult.CONTINUE;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
          int n;
          while ((n = ch.read(wrapped.clear())) >= 0) {
            sha256.update(buffer, 0, n);
            totals[1] += n;
          }
        }
        sink.setLength(0);
        sink.append(HexFormat.of().formatHex(sha256.digest())).append("  ").append(file);
        totals[0]++;
        return FileVisitResult.CONTINUE;
      }
    });
    return totals[0] + " files, " + totals[1] + " bytes, SHA-256 only";
  }
}
