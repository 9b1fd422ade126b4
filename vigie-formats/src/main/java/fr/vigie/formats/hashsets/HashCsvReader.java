package fr.vigie.formats.hashsets;

import fr.vigie.formats.csv.CsvReader;
import fr.vigie.formats.csv.CsvRow;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Streams a plain CSV hash set: a header naming some of {@code md5}, {@code sha1},
 * {@code sha256}, {@code pdq} (at least one), and optionally {@code category} and {@code series},
 * in any order and case ({@code sha-1} and {@code sha-256} are accepted). Each line becomes one
 * record; a line that breaks CSV, has a malformed hash or no hash at all is rejected with its line
 * number; empty-file hashes are skipped with a warning. Not thread-safe.
 */
public final class HashCsvReader implements HashRecordReader {

  private final CsvReader csv;
  private final Map<String, Integer> columns = new HashMap<>();

  /**
   * Opens the file and reads its header.
   *
   * @throws IOException if the file is empty or its header names no hash column
   */
  public HashCsvReader(Reader in) throws IOException {
    this.csv = new CsvReader(in);
    CsvRow header = csv.next().orElseThrow(() -> new IOException("empty file: no header"));
    if (!(header instanceof CsvRow.Fields fields)) {
      throw new IOException("the header is not valid CSV: "
          + ((CsvRow.Malformed) header).reason());
    }
    for (int i = 0; i < fields.values().size(); i++) {
      String name = fields.get(i).strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT)
          .replace("-", "").replace("_", "");
      columns.putIfAbsent(name, i);
    }
    if (!columns.containsKey("md5") && !columns.containsKey("sha1")
        && !columns.containsKey("sha256") && !columns.containsKey("pdq")) {
      throw new IOException("the header names no hash column (md5, sha1, sha256, pdq): "
          + fields.values());
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
      String md5 = Hex.normalise("md5", field(f, "md5"), 32);
      String sha1 = Hex.normalise("sha1", field(f, "sha1"), 40);
      String sha256 = Hex.normalise("sha256", field(f, "sha256"), 64);
      String pdq = Hex.normalise("pdq", field(f, "pdq"), 64);
      if (md5 == null && sha1 == null && sha256 == null && pdq == null) {
        return new HashRecord.Rejected(f.line(), "no hash on the line");
      }
      if (Hex.isEmptyFile(md5, sha1, sha256)) {
        return new HashRecord.Skipped(f.line(), "the hash of an empty file: it would match every "
            + "empty file");
      }
      return new HashRecord.Entry(f.line(), md5, sha1, sha256, pdq, blankToNull(field(f,
          "category")), blankToNull(field(f, "series")));
    } catch (IllegalArgumentException e) {
      return new HashRecord.Rejected(f.line(), e.getMessage());
    }
  }

  private String field(CsvRow.Fields f, String column) {
    Integer i = columns.get(column);
    return i == null ? null : f.get(i);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
