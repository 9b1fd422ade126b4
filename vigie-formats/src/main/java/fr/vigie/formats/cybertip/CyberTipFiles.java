package fr.vigie.formats.cybertip;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Opens a cyberTips file: an XML document, or a zip of XML documents read one entry after the
 * other (report ids must then be unique across the whole zip).
 *
 * <p>Zip entries are refused, each with a {@link CyberTipOutcome.Rejected} and reading goes on,
 * when their name holds {@code ..}, starts with {@code /} or {@code \} or a drive letter, or is
 * itself a zip (nested archives are never followed), or is not {@code .xml}. A zip bomb stops
 * the whole zip: past {@link CyberTipLimits#maxZipUncompressedBytes()} in total, or an entry
 * inflating more than {@link CyberTipLimits#maxZipRatio()} times its compressed size.
 */
public final class CyberTipFiles {

  private CyberTipFiles() {}

  /** The outcomes of the file at {@code path}; close the stream to release the file. */
  public static Stream<CyberTipOutcome> read(Path path) throws IOException {
    return read(path, CyberTipLimits.DEFAULT);
  }

  public static Stream<CyberTipOutcome> read(Path path, CyberTipLimits limits)
      throws IOException {
    return read(path, limits, null);
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
    String name = path.getFileName().toString();
    byte[] magic;
    try (InputStream in = Files.newInputStream(path)) {
      magic = in.readNBytes(4);
    }
    if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3
        && magic[3] == 4) {
      ZipFile zip = new ZipFile(path.toFile());
      Iterator<CyberTipOutcome> it = new ZipOutcomes(zip, name, limits, others);
      return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
          Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(() -> closeQuietly(zip));
    }
    return new CyberTipReader(Files.newInputStream(path), name, limits).stream();
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

  /** Reads the entries of a zip one after the other. */
  private static final class ZipOutcomes implements Iterator<CyberTipOutcome> {
    private final ZipFile zip;
    private final String name;
    private final CyberTipLimits limits;
    private final EntryFormat others;
    private final Iterator<? extends ZipEntry> entries;
    private final Set<String> seen = new HashSet<>();
    private final long[] inflated = new long[1];
    private Iterator<CyberTipOutcome> current;
    private Stream<CyberTipOutcome> currentStream;
    private String currentName;
    private CyberTipOutcome ahead;
    private boolean stopped;

    ZipOutcomes(ZipFile zip, String name, CyberTipLimits limits, EntryFormat others) {
      this.zip = zip;
      this.name = name;
      this.limits = limits;
      this.others = others;
      List<? extends ZipEntry> list = new ArrayList<>(Collections.list(zip.entries()));
      this.entries = list.iterator();
    }

    @Override
    public boolean hasNext() {
      while (ahead == null && !stopped) {
        try {
          if (current != null && current.hasNext()) {
            ahead = current.next();
          } else if (current != null) {
            currentStream.close();
            current = null;
          } else if (entries.hasNext()) {
            ahead = open(entries.next());
          } else {
            stopped = true;
          }
        } catch (BombException e) {
          stopped = true;
          ahead = new CyberTipOutcome.Rejected(currentName, 0, 0, "", null, e.getMessage(), "");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return ahead != null;
    }

    @Override
    public CyberTipOutcome next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      CyberTipOutcome o = ahead;
      ahead = null;
      return o;
    }

    private CyberTipOutcome open(ZipEntry entry) throws IOException {
      if (entry.isDirectory()) {
        return null;
      }
      currentName = name + "!/" + entry.getName();
      String problem = entryProblem(entry.getName(), others == null);
      if (problem != null) {
        return new CyberTipOutcome.Rejected(currentName, 0, 0, "", null, problem, "");
      }
      InputStream in = new Bounded(zip.getInputStream(entry), entry.getCompressedSize(),
          inflated, limits);
      if (entry.getName().toLowerCase(Locale.ROOT).endsWith(".xml")) {
        currentStream = new CyberTipReader(in, currentName, limits, seen).stream();
      } else {
        currentStream = others.open(entry.getName(), currentName, in, seen);
        if (currentStream == null) {
          in.close();
          return new CyberTipOutcome.Rejected(currentName, 0, 0, "", null,
              "not a report entry (.xml, .jsonl, .ndjson, .csv), skipped: " + entry.getName(),
              "");
        }
      }
      current = currentStream.iterator();
      return null;
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
