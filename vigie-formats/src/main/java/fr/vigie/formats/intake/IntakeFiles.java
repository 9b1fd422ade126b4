package fr.vigie.formats.intake;

import fr.vigie.formats.cybertip.CyberTipFiles;
import fr.vigie.formats.cybertip.CyberTipLimits;
import fr.vigie.formats.cybertip.CyberTipOutcome;
import fr.vigie.formats.cybertip.CyberTipReader;
import fr.vigie.formats.cybertip.ReportSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Opens a file of reports in any format Vigie reads and returns its records, each accepted or
 * rejected with where and why (docs/formats.md).
 */
public final class IntakeFiles {

  /**
   * Bytes read by {@link #read(Path)} on this thread, when a caller asked for them with
   * {@link #countBytes}: the importer stands between the command that shows progress and the
   * reader, and this lets the command watch without a parameter threaded through.
   */
  private static final ThreadLocal<LongAdder> BYTES = new ThreadLocal<>();

  private IntakeFiles() {}

  /** The formats an input of reports may have. */
  public enum Format { CYBERTIP_XML, JSONL, CSV }

  /**
   * The format of the file: a zip or {@code .xml} is CyberTipline XML; {@code .jsonl} and
   * {@code .ndjson} are Vigie JSON Lines; {@code .csv} is Vigie CSV. A file whose name says
   * none of these (an upload saved under a temporary name) is recognised by its first bytes:
   * {@code <} XML, <code>{</code> JSON Lines, a first line naming a {@code reportId} column CSV.
   *
   * @throws IOException when the file cannot be read or its format is not one of these
   */
  public static Format detect(Path path) throws IOException {
    String name = path.getFileName().toString();
    byte[] head;
    try (InputStream in = Files.newInputStream(path)) {
      head = in.readNBytes(4096);
    }
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3
        && head[3] == 4) {
      return Format.CYBERTIP_XML;
    }
    Format f = byName(name);
    if (f == null) {
      f = sniff(head);
    }
    if (f == null) {
      throw new IOException(path.getFileName() + ": unknown format (expected .xml, .zip, "
          + ".jsonl, .ndjson or .csv)");
    }
    return f;
  }

  private static Format sniff(byte[] head) {
    String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (text.startsWith("\u00EF\u00BB\u00BF")) {
      text = text.substring(3);
    }
    String start = text.stripLeading();
    if (start.startsWith("<")) {
      return Format.CYBERTIP_XML;
    }
    if (start.startsWith("{")) {
      return Format.JSONL;
    }
    String firstLine = start.lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
    if (firstLine.matches("(.*[,;])?\\s*\"?reportid\"?\\s*([,;].*)?")) {
      return Format.CSV;
    }
    return null;
  }

  /** The format a file or zip entry name says, or null. */
  public static Format byName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".xml")) {
      return Format.CYBERTIP_XML;
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
      return Format.JSONL;
    }
    if (n.endsWith(".csv")) {
      return Format.CSV;
    }
    return null;
  }

  /** True for the names a folder import picks up: .xml, .zip, .jsonl, .ndjson, .csv. */
  public static boolean isReportFileName(String name) {
    return byName(name) != null || name.toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  /**
   * The records of the file at {@code path}; close the stream to release the file. A zip may
   * hold entries of any of the three formats; report keys are unique across the whole zip.
   */
  public static Stream<CyberTipOutcome> read(Path path) throws IOException {
    return read(path, CyberTipLimits.DEFAULT, BYTES.get(), null);
  }

  /**
   * As {@link #read(Path)}; CyberTipline {@code <report>} documents, which hold no report
   * number, are filed under {@code bareReportSource} (who sent them: the caller knows, the file
   * does not say) with an id derived from their content and its code. Without it (null) they
   * are rejected. {@code path} may also be a folder, read as one batch like a zip.
   */
  public static Stream<CyberTipOutcome> read(Path path, ReportSource bareReportSource)
      throws IOException {
    return read(path, CyberTipLimits.DEFAULT, BYTES.get(), bareReportSource);
  }

  /**
   * As {@link #read(Path)}, adding to {@code bytesRead} (when not null) the bytes of the file
   * read so far; a zip counts all its bytes when its last record is read.
   */
  public static Stream<CyberTipOutcome> read(Path path, CyberTipLimits limits,
      LongAdder bytesRead) throws IOException {
    return read(path, limits, bytesRead, null);
  }

  /** As {@link #read(Path, CyberTipLimits, LongAdder)} and {@link #read(Path, ReportSource)}. */
  public static Stream<CyberTipOutcome> read(Path path, CyberTipLimits limits,
      LongAdder bytesRead, ReportSource bareReportSource) throws IOException {
    if (Files.isDirectory(path)) {
      long size;
      try (Stream<Path> files = Files.walk(path)) {
        size = files.filter(Files::isRegularFile).mapToLong(IntakeFiles::sizeOf).sum();
      }
      Stream<CyberTipOutcome> folder = CyberTipFiles.read(path, limits, bareReportSource,
          (entry, file, in, seen) -> entry(entry, file, in, limits, seen));
      return bytesRead == null ? folder : folder.onClose(() -> bytesRead.add(size));
    }
    Format format = detect(path);
    String name = path.getFileName().toString();
    if (isZip(path)) {
      long size = Files.size(path);
      Stream<CyberTipOutcome> zip = CyberTipFiles.read(path, limits, bareReportSource,
          (entry, file, in, seen) -> entry(entry, file, in, limits, seen));
      return bytesRead == null ? zip : zip.onClose(() -> bytesRead.add(size));
    }
    InputStream in = Files.newInputStream(path);
    if (bytesRead != null) {
      in = new Counting(in, bytesRead);
    }
    return switch (format) {
      case CYBERTIP_XML -> new CyberTipReader(in, name, limits, bareReportSource).stream();
      case JSONL -> new VigieJsonLinesReader(in, name, limits, new HashSet<>()).stream();
      case CSV -> new VigieCsvReader(in, name, limits, new HashSet<>()).stream();
    };
  }

  /**
   * Counts into {@code bytes} what {@link #read(Path)} reads on this thread until the returned
   * handle is closed (for a progress bar and its ETA).
   */
  public static AutoCloseable countBytes(LongAdder bytes) {
    LongAdder before = BYTES.get();
    BYTES.set(bytes);
    return () -> {
      if (before == null) {
        BYTES.remove();
      } else {
        BYTES.set(before);
      }
    };
  }

  private static Stream<CyberTipOutcome> entry(String entryName, String file, InputStream in,
      CyberTipLimits limits, Set<String> seen) {
    Format f = byName(entryName);
    if (f == null) {
      return null;
    }
    return switch (f) {
      case JSONL -> new VigieJsonLinesReader(in, file, limits, seen).stream();
      case CSV -> new VigieCsvReader(in, file, limits, seen).stream();
      case CYBERTIP_XML -> null; // read by CyberTipFiles itself
    };
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static boolean isZip(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3
          && magic[3] == 4;
    }
  }

  /** Adds the bytes read to a counter. */
  private static final class Counting extends FilterInputStream {
    private final LongAdder counter;

    Counting(InputStream in, LongAdder counter) {
      super(in);
      this.counter = counter;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counter.increment();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        counter.add(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      counter.add(s);
      return s;
    }
  }
}
