package fr.vigie.formats.cybertip;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Opens a cyberTips file: an XML document, a zip of XML documents read one entry after the
 * other, or a folder of them (its files, recursively, in name order). A zip or a folder is one
 * batch: report ids must be unique across it, and separate {@code <fileDetails>} documents go
 * with their report ({@link CyberTipBatch}).
 *
 * <p>Zip entries (and folder files) are refused, each with a {@link CyberTipOutcome.Rejected}
 * and reading goes on, when their name holds {@code ..}, starts with {@code /} or {@code \} or a
 * drive letter, or is itself a zip (nested archives are never followed), or is not
 * {@code .xml}; in a folder, symbolic links are not followed either. A zip bomb stops the whole
 * zip: past {@link CyberTipLimits#maxZipUncompressedBytes()} in total, or an entry inflating
 * more than {@link CyberTipLimits#maxZipRatio()} times its compressed size.
 */
public final class CyberTipFiles {

  private CyberTipFiles() {}

  /** The outcomes of the file at {@code path}; close the stream to release the file. */
  public static Stream<CyberTipOutcome> read(Path path) throws IOException {
    return read(path, CyberTipLimits.DEFAULT);
  }

  public static Stream<CyberTipOutcome> read(Path path, CyberTipLimits limits)
      throws IOException {
    return read(path, limits, null, null);
  }

  /**
   * Reads a format other than CyberTipline XML from a zip entry, with the same zip safety.
   */
  @FunctionalInterface
  public interface EntryFormat {
    /**
     * The outcomes of the entry, or null when its name is not of a format this reads.
     *
     * @param entryName the entry's name inside the zip
     * @param file the name to give in rejections ({@code archive.zip!/entry.jsonl})
     * @param seen report keys already accepted in the zip, shared by its entries
     */
    Stream<CyberTipOutcome> open(String entryName, String file, InputStream in,
        Set<String> seen) throws IOException;
  }

  /**
   * As {@link #read(Path, CyberTipLimits)}; a zip's entries that are not {@code .xml} are read
   * by {@code others} when it knows them (null: skipped).
   */
  public static Stream<CyberTipOutcome> read(Path path, CyberTipLimits limits,
      EntryFormat others) throws IOException {
    return read(path, limits, null, others);
  }

  /**
   * As {@link #read(Path, CyberTipLimits, EntryFormat)}; {@code <report>} documents, which hold
   * no report number, are filed under {@code bareReportSource} with an id derived from their
   * content and its code (null: such documents are rejected). {@code path} may be a folder.
   */
  public static Stream<CyberTipOutcome> read(Path path, CyberTipLimits limits,
      ReportSource bareReportSource, EntryFormat others) throws IOException {
    String name = path.getFileName().toString();
    if (Files.isDirectory(path)) {
      CyberTipBatch batch = new CyberTipBatch(folder(path), limits, bareReportSource, others);
      return stream(batch).onClose(batch::close);
    }
    if (isZip(path)) {
      ZipFile zip;
      List<? extends ZipEntry> all;
      try {
        zip = new ZipFile(path.toFile());
        all = Collections.list(zip.entries());
      } catch (IOException | RuntimeException e) {
        // The JDK says some of these with no message at all (a bare EOFException).
        throw new IOException(name + ": not a readable zip (damaged or cut short?)"
            + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
      }
      long[] inflated = new long[1];
      List<ZipDocument> entries = new ArrayList<>();
      for (ZipEntry e : all) {
        if (!e.isDirectory()) {
          entries.add(new ZipDocument(zip, e, name + "!/" + e.getName(), inflated, limits));
        }
      }
      CyberTipBatch batch = new CyberTipBatch(entries, limits, bareReportSource, others);
      return stream(batch).onClose(() -> {
        batch.close();
        closeQuietly(zip);
      });
    }
    return new CyberTipReader(Files.newInputStream(path), name, limits, bareReportSource)
        .stream();
  }

  /** True when the file starts as a zip does. */
  public static boolean isZip(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3
          && magic[3] == 4;
    }
  }

  private static Stream<CyberTipOutcome> stream(CyberTipBatch batch) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(batch,
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  private static void closeQuietly(ZipFile zip) {
    try {
      zip.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String entryProblem(String entryName) {
    return entryProblem(entryName, true);
  }

  /** As {@link #entryProblem(String)}; the extension is not checked when {@code xmlOnly} is false. */
  static String entryProblem(String entryName, boolean xmlOnly) {
    String n = entryName.replace('\\', '/');
    if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
      return "zip entry with an absolute path refused: " + entryName;
    }
    for (String part : n.split("/")) {
      if (part.equals("..")) {
        return "zip entry with '..' in its path refused: " + entryName;
      }
    }
    String lower = n.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".zip") || lower.endsWith(".jar")) {
      return "nested zip not followed: " + entryName;
    }
    if (xmlOnly && !lower.endsWith(".xml")) {
      return "not an .xml entry, skipped: " + entryName;
    }
    return null;
  }

  /** The files below a folder, in name order; links are listed, to be refused, not followed. */
  private static List<CyberTipBatch.Document> folder(Path dir) throws IOException {
    String folderName = dir.getFileName().toString();
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.filter(p -> !p.equals(dir))
          .filter(p -> Files.isSymbolicLink(p) || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .sorted(Comparator.comparing(p -> dir.relativize(p).toString().replace('\\', '/')))
          .toList();
    }
    List<CyberTipBatch.Document> out = new ArrayList<>(paths.size());
    for (Path p : paths) {
      String relative = dir.relativize(p).toString().replace('\\', '/');
      String problem = Files.isSymbolicLink(p) ? "symbolic link not followed: " + relative : null;
      out.add(new FolderDocument(p, relative, folderName + "/" + relative, problem));
    }
    return out;
  }

  private record FolderDocument(Path path, String name, String file, String problem)
      implements CyberTipBatch.Document {
    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public InputStream peek() throws IOException {
      return open();
    }
  }

  private record ZipDocument(ZipFile zip, ZipEntry entry, String file, long[] inflated,
      CyberTipLimits limits) implements CyberTipBatch.Document {
    @Override
    public String name() {
      return entry.getName();
    }

    @Override
    public String problem() {
      return null;
    }

    @Override
    public InputStream open() throws IOException {
      return new Bounded(zip.getInputStream(entry), entry.getCompressedSize(), inflated, limits);
    }

    @Override
    public InputStream peek() throws IOException {
      return zip.getInputStream(entry);
    }
  }

  /** Signals a zip bomb; unchecked so that it crosses the XML parser. */
  static final class BombException extends RuntimeException {
    BombException(String message) {
      super(message, null, false, false);
    }
  }

  /** Counts inflated bytes and stops a zip bomb. */
  private static final class Bounded extends FilterInputStream {
    private final long compressed;
    private final long[] total;
    private final CyberTipLimits limits;
    private long entryBytes;

    Bounded(InputStream in, long compressed, long[] total, CyberTipLimits limits) {
      super(in);
      this.compressed = Math.max(1, compressed);
      this.total = total;
      this.limits = limits;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      entryBytes += n;
      total[0] += n;
      if (total[0] > limits.maxZipUncompressedBytes()) {
        throw new BombException("zip refused: more than " + limits.maxZipUncompressedBytes()
            + " bytes uncompressed (zip bomb?)");
      }
      if (entryBytes > (1 << 20) && entryBytes / compressed > limits.maxZipRatio()) {
        throw new BombException("zip refused: an entry inflates more than "
            + limits.maxZipRatio() + " times its compressed size (zip bomb?)");
      }
    }
  }
}
