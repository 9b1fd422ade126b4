package fr.vigie.app.intake;

import fr.vigie.formats.cybertip.CyberTipOutcome;
import fr.vigie.formats.intake.IntakeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder imported as one batch (its report and fileDetails documents together): which of its
 * files the batch is made of, and the SHA-256 that names it on its import job.
 *
 * <p>The batch is the folder's {@code .xml}, {@code .jsonl}, {@code .ndjson} and {@code .csv}
 * files, below it at any depth. Its zips are inputs of their own (the command imports each as a
 * zip given on the command line: a zip is a batch of its own), and its other files are not
 * report files: the folder reader names both ("nested zip not followed", "not a report entry"),
 * which is about other inputs or no input at all, so {@link #notAboutOtherInputs} drops those
 * words. A symbolic link is refused by the reader whatever its name, and that refusal stays.
 */
public final class FolderBatch {

  private FolderBatch() {}

  /** True for a file of the folder's batch. */
  public static boolean inBatch(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        && IntakeFiles.isReportFileName(name) && !name.endsWith(".zip");
  }

  /** The zips below a folder, in name order: each one an input of its own. */
  public static List<Path> zips(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))
          .sorted(byName(dir)).toList();
    }
  }

  /** The files of the folder's batch, in the reader's order (path below the folder). */
  public static List<Path> batch(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(FolderBatch::inBatch).sorted(byName(dir)).toList();
    }
  }

  /**
   * The SHA-256 of the folder as one input: for each file of its batch in name order, its path
   * below the folder, a zero byte, its length (8 bytes, big-endian) and its bytes.
   */
  public static String sha256(Path dir) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    for (Path p : batch(dir)) {
      md.update(relative(dir, p).getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(ByteBuffer.allocate(8).putLong(Files.size(p)).array());
      try (InputStream in = Files.newInputStream(p)) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          md.update(buffer, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * Keeps every outcome but the folder reader's refusal of a file outside the batch (a zip, a
   * file that is no report file).
   */
  public static Predicate<CyberTipOutcome> notAboutOtherInputs(Path dir) throws IOException {
    String folder = dir.getFileName() == null ? "" : dir.getFileName().toString();
    Set<String> outside;
    try (Stream<Path> walk = Files.walk(dir)) {
      outside = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !inBatch(p))
          .map(p -> folder + "/" + relative(dir, p)).collect(Collectors.toSet());
    }
    return o -> !(o instanceof CyberTipOutcome.Rejected r && r.line() == 0 && r.reportId() == null
        && outside.contains(r.file()));
  }

  private static java.util.Comparator<Path> byName(Path dir) {
    return java.util.Comparator.comparing(p -> relative(dir, p));
  }

  private static String relative(Path dir, Path p) {
    return dir.relativize(p).toString().replace('\\', '/');
  }
}
