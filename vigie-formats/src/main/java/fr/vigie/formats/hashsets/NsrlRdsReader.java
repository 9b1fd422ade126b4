package fr.vigie.formats.hashsets;

import fr.vigie.formats.csv.CsvReader;
import fr.vigie.formats.csv.CsvRow;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Streams the known files of a NIST NSRL RDS v2 set: {@code NSRLFile.txt}, or a zip holding it
 * (read in place, never unpacked to disk). The header must name {@code "SHA-1"} and {@code "MD5"};
 * file names are not kept (millions of them, and only the hashes exclude). The file is read as
 * ISO-8859-1, since RDS v2 is not reliably UTF-8 and only the hashes matter. RDS v3 (SQLite) is
 * read by {@link NsrlRdsV3Reader}; {@link #open(Path)} picks the right one. Not thread-safe.
 */
public final class NsrlRdsReader implements HashRecordReader {

  private final CsvReader csv;
  private final int sha1Column;
  private final int md5Column;

  /**
   * Opens the set (plain or zipped) and reads its header.
   *
   * @throws IOException if a zip holds no NSRLFile.txt or the header lacks SHA-1 or MD5
   */
  public NsrlRdsReader(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(4);
    boolean zipped = buffered.read() == 'P' && buffered.read() == 'K';
    buffered.reset();
    InputStream text = zipped ? new Damaged(nsrlFileIn(new ZipInputStream(buffered))) : buffered;
    this.csv = new CsvReader(new InputStreamReader(text, StandardCharsets.ISO_8859_1));
    CsvRow header = csv.next().orElseThrow(() -> new IOException("empty NSRLFile.txt"));
    if (!(header instanceof CsvRow.Fields fields)) {
      throw new IOException("the NSRLFile.txt header is not valid CSV");
    }
    int sha1 = -1;
    int md5 = -1;
    for (int i = 0; i < fields.values().size(); i++) {
      switch (fields.get(i).strip().replace("\u00EF\u00BB\u00BF", "").toUpperCase(Locale.ROOT)) {
        case "SHA-1" -> sha1 = i;
        case "MD5" -> md5 = i;
        default -> { }
      }
    }
    if (sha1 < 0 || md5 < 0) {
      throw new IOException("not an NSRL RDS v2 NSRLFile.txt: the header lacks \"SHA-1\" or "
          + "\"MD5\": " + fields.values());
    }
    this.sha1Column = sha1;
    this.md5Column = md5;
  }

  /**
   * Opens an NSRL set of either generation: RDS v3 when the file starts with the SQLite header,
   * otherwise RDS v2 (NSRLFile.txt or a zip holding it).
   *
   * @throws IOException if the file cannot be read or is neither form
   */
  public static HashRecordReader open(Path file) throws IOException {
    if (NsrlRdsV3Reader.isSqlite(file)) {
      return new NsrlRdsV3Reader(file);
    }
    InputStream in = Files.newInputStream(file);
    try {
      return new NsrlRdsReader(in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static InputStream nsrlFileIn(ZipInputStream zip) throws IOException {
    ZipEntry entry;
    while ((entry = Damaged.call(zip::getNextEntry)) != null) {
      String name = entry.getName();
      if (name.equals("NSRLFile.txt") || name.endsWith("/NSRLFile.txt")) {
        return zip;
      }
    }
    throw new IOException("the zip holds no NSRLFile.txt");
  }

  /**
   * Says what a damaged or cut zip is: the JDK reports some as a bare {@code EOFException} or
   * {@code ZipException} with no message, which would reach the user as "null".
   */
  private static final class Damaged extends java.io.FilterInputStream {
    interface Read<T> {
      T get() throws IOException;
    }

    Damaged(InputStream in) {
      super(in);
    }

    static <T> T call(Read<T> read) throws IOException {
      try {
        return read.get();
      } catch (IOException e) {
        throw new IOException("the zip is damaged or cut short" + (e.getMessage() == null ? ""
            : ": " + e.getMessage()), e);
      }
    }

    @Override
    public int read() throws IOException {
      return call(super::read);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return call(() -> super.read(b, off, len));
    }
  }

  @Override
  public Optional<HashRecord> next() throws IOException {
    Optional<CsvRow> row = csv.next();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(switch (row.get()) {
      case CsvRow.Malformed m -> new HashRecord.Rejected(m.line(), "column " + m.column() + ": "
          + m.reason());
      case CsvRow.Fields f -> entry(f);
    });
  }

  private HashRecord entry(CsvRow.Fields f) {
    try {
      String sha1 = Hex.normalise("SHA-1", f.get(sha1Column), 40);
      String md5 = Hex.normalise("MD5", f.get(md5Column), 32);
      if (sha1 == null && md5 == null) {
        return new HashRecord.Rejected(f.line(), "no SHA-1 or MD5");
      }
      if (Hex.isEmptyFile(md5, sha1, null)) {
        return new HashRecord.Skipped(f.line(), "the hash of an empty file");
      }
      return new HashRecord.Entry(f.line(), md5, sha1, null, null, null, null);
    } catch (IllegalArgumentException e) {
      return new HashRecord.Rejected(f.line(), e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
