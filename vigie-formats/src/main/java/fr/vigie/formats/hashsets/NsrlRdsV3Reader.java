package fr.vigie.formats.hashsets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Streams the known files of a NIST NSRL RDS v3 set: an SQLite database
 * ({@code RDS_YYYY.MM.R_<set>.db}, full or "minimal") whose table or view {@code FILE} has
 * {@code sha256}, {@code sha1} and {@code md5} columns. Only the hashes are kept: NSRL is used to
 * exclude known-good files, and its names, sizes and packages (hundreds of millions of rows) would
 * only cost memory.
 *
 * <p>The database is opened read-only through the SQLite JDBC driver, with plain JDBC, and its
 * rows are read one at a time from the statement (SQLite steps through the view; nothing is
 * loaded at once). The same hash appears once per package that ships the file: the caller merges
 * duplicates. Positions are 1-based row numbers in the view's order. Not thread-safe.
 */
public final class NsrlRdsV3Reader implements HashRecordReader {

  /** The 16 bytes every SQLite 3 database file starts with. */
  private static final byte[] SQLITE_MAGIC =
      "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static final List<String> HASH_COLUMNS = List.of("sha256", "sha1", "md5");

  private final Path file;
  private final Connection connection;
  private final Statement statement;
  private final ResultSet rows;
  private final boolean[] present = new boolean[HASH_COLUMNS.size()];
  private long position;

  /**
   * Opens the database and checks it has a FILE table or view with at least one hash column.
   *
   * @throws IOException if the file is missing, not an SQLite database, damaged, or has no such
   *     FILE; the message names the file and the reason
   */
  public NsrlRdsV3Reader(Path file) throws IOException {
    this.file = file;
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    if (!isSqlite(file)) {
      throw new IOException(file + ": not an NSRL RDS v3 database (no SQLite header)");
    }
    Connection c = null;
    try {
      Properties properties = new Properties();
      // SQLITE_OPEN_READONLY: the set is evidence of what NIST published; never write to it,
      // not even a journal next to it.
      properties.setProperty("open_mode", "1");
      c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file.toAbsolutePath(), properties);
      List<String> columns = new ArrayList<>();
      try (Statement s = c.createStatement();
           ResultSet info = s.executeQuery("pragma table_info('FILE')")) {
        while (info.next()) {
          String name = info.getString("name").toLowerCase(Locale.ROOT);
          int k = HASH_COLUMNS.indexOf(name);
          if (k >= 0) {
            present[k] = true;
            columns.add(name);
          }
        }
      }
      if (columns.isEmpty()) {
        throw new IOException(file + ": not an NSRL RDS v3 database: no FILE table or view with"
            + " sha256, sha1 or md5 columns (tables and views: " + tables(c) + ")");
      }
      this.connection = c;
      this.statement = c.createStatement();
      statement.setFetchSize(1024);
      this.rows = statement.executeQuery("select " + String.join(", ", columns) + " from FILE");
    } catch (SQLException e) {
      closeQuietly(c);
      throw new IOException(file + ": not a readable NSRL RDS v3 database: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /** Returns whether the file starts like an SQLite 3 database (the RDS v3 form). */
  public static boolean isSqlite(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(SQLITE_MAGIC.length), SQLITE_MAGIC);
    }
  }

  @Override
  public Optional<HashRecord> next() throws IOException {
    try {
      if (!rows.next()) {
        return Optional.empty();
      }
      position++;
      String[] values = new String[HASH_COLUMNS.size()];
      int column = 1;
      for (int k = 0; k < values.length; k++) {
        if (present[k]) {
          values[k] = rows.getString(column++);
        }
      }
      return Optional.of(entry(values[0], values[1], values[2]));
    } catch (SQLException e) {
      // A damaged page met half-way: the set cannot be read as published, so stop, do not skip.
      throw new IOException(file + ", row " + (position + 1) + ": " + e.getMessage(), e);
    }
  }

  private HashRecord entry(String sha256Value, String sha1Value, String md5Value) {
    try {
      String sha256 = Hex.normalise("sha256", sha256Value, 64);
      String sha1 = Hex.normalise("sha1", sha1Value, 40);
      String md5 = Hex.normalise("md5", md5Value, 32);
      if (sha256 == null && sha1 == null && md5 == null) {
        return new HashRecord.Rejected(position, "no sha256, sha1 or md5");
      }
      if (Hex.isEmptyFile(md5, sha1, sha256)) {
        return new HashRecord.Skipped(position, "the hash of an empty file");
      }
      return new HashRecord.Entry(position, md5, sha1, sha256, null, null, null);
    } catch (IllegalArgumentException e) {
      return new HashRecord.Rejected(position, e.getMessage());
    }
  }

  private static String tables(Connection c) {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet r = s.executeQuery(
             "select name from sqlite_master where type in ('table', 'view') order by name")) {
      while (r.next() && names.size() < 20) {
        names.add(r.getString(1));
      }
    } catch (SQLException e) {
      return "unreadable: " + e.getMessage();
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // Already failing with the reason that matters.
      }
    }
  }

  @Override
  public void close() throws IOException {
    try (Connection c = connection; Statement s = statement; ResultSet r = rows) {
      // Closed in reverse order by try-with-resources.
    } catch (SQLException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
