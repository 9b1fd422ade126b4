package fr.vigie.formats.hashsets;

import static fr.vigie.formats.hashsets.VicsReaderTest.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NsrlRdsV3ReaderTest {

  @TempDir
  Path dir;

  private final RandomHashes hashes = new RandomHashes(7);

  /** The RDS v3 layout: FILE is a view over the files and their packages. */
  private Path database(String name, String[][] rows) throws SQLException {
    Path db = dir.resolve(name);
    try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + db, new Properties());
         Statement s = c.createStatement()) {
      c.setAutoCommit(false); // one transaction: thousands of rows without a sync each
      s.execute("create table FILES (sha256 text, sha1 text, md5 text, crc32 text,"
          + " file_name text, file_size integer, package_id integer)");
      s.execute("create table PKG (package_id integer primary key, name text)");
      s.execute("insert into PKG values (1, 'Example Office 2021'), (2, 'Example OS 11')");
      s.execute("create view FILE as select sha256, sha1, md5, crc32, file_name, file_size,"
          + " package_id from FILES");
      try (PreparedStatement insert = c.prepareStatement(
          "insert into FILES values (?, ?, ?, '0A1B2C3D', ?, 1024, ?)")) {
        int n = 0;
        for (String[] row : rows) {
          insert.setString(1, row[0]);
          insert.setString(2, row[1]);
          insert.setString(3, row[2]);
          insert.setString(4, "caf\u00e9-" + n + ".dll");
          insert.setInt(5, 1 + n++ % 2);
          insert.executeUpdate();
        }
      }
      c.commit();
    }
    return db;
  }

  @Test
  void readsTheHashesOfTheFileView() throws Exception {
    String sha256 = hashes.sha256();
    String sha1 = hashes.sha1();
    String md5 = hashes.md5();
    String other256 = hashes.sha256();
    Path db = database("RDS_2025.03.1_modern_minimal.db", new String[][] {
        {sha256.toUpperCase(Locale.ROOT), sha1.toUpperCase(Locale.ROOT), md5},
        {sha256, sha1, md5}, // the same file in a second package
        {other256, null, null},
        {"not-hex", sha1, md5},
        {null, null, null},
        {Hex.EMPTY_SHA256, Hex.EMPTY_SHA1, Hex.EMPTY_MD5},
    });
    List<HashRecord> all;
    try (HashRecordReader reader = new NsrlRdsV3Reader(db)) {
      all = readAll(reader);
    }
    assertEquals(6, all.size());
    assertEquals(new HashRecord.Entry(1, md5, sha1, sha256, null, null, null), all.get(0));
    assertEquals(new HashRecord.Entry(2, md5, sha1, sha256, null, null, null), all.get(1));
    assertEquals(new HashRecord.Entry(3, null, null, other256, null, null, null), all.get(2));
    HashRecord.Rejected bad = assertInstanceOf(HashRecord.Rejected.class, all.get(3));
    assertEquals(4, bad.position());
    assertTrue(bad.reason().contains("sha256"), bad.reason());
    assertInstanceOf(HashRecord.Rejected.class, all.get(4));
    assertInstanceOf(HashRecord.Skipped.class, all.get(5));
  }

  @Test
  void neverWritesToTheDatabase() throws Exception {
    Path db = database("RDS_2025.03.1_android.db", new String[][] {
        {hashes.sha256(), hashes.sha1(), hashes.md5()}});
    byte[] before = Files.readAllBytes(db);
    try (HashRecordReader reader = new NsrlRdsV3Reader(db)) {
      readAll(reader);
    }
    assertTrue(Arrays.equals(before, Files.readAllBytes(db)));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(db), files.toList(), "no journal or lock file left beside it");
    }
  }

  @Test
  void aDatabaseWithATableFileAndOnlySomeHashColumnsIsRead() throws Exception {
    Path db = dir.resolve("minimal.db");
    String sha1 = hashes.sha1();
    try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + db, new Properties());
         Statement s = c.createStatement()) {
      s.execute("create table FILE (SHA1 text, file_name text)");
      s.execute("insert into FILE values ('" + sha1 + "', 'a.exe')");
    }
    try (HashRecordReader reader = new NsrlRdsV3Reader(db)) {
      assertEquals(List.of(new HashRecord.Entry(1, null, sha1, null, null, null, null)),
          readAll(reader));
    }
  }

  @Test
  void aDamagedDatabaseIsRefusedWithTheFileAndTheReason() throws Exception {
    Path garbage = dir.resolve("RDS_2025.03.1_modern.db");
    byte[] bytes = new byte[8192];
    new java.util.Random(3).nextBytes(bytes);
    System.arraycopy("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 16);
    Files.write(garbage, bytes);
    IOException e = assertThrows(IOException.class, () -> new NsrlRdsV3Reader(garbage));
    assertTrue(e.getMessage().startsWith(garbage.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not a readable NSRL RDS v3 database"), e.getMessage());

    Path text = Files.writeString(dir.resolve("notes.db"), "hello");
    IOException notSqlite = assertThrows(IOException.class, () -> new NsrlRdsV3Reader(text));
    assertTrue(notSqlite.getMessage().contains("no SQLite header"), notSqlite.getMessage());

    assertThrows(NoSuchFileException.class, () -> new NsrlRdsV3Reader(dir.resolve("absent.db")));
  }

  @Test
  void aDatabaseWithoutFileIsRefusedNamingWhatItHolds() throws Exception {
    Path db = dir.resolve("other.db");
    try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + db, new Properties());
         Statement s = c.createStatement()) {
      s.execute("create table CASES (id integer)");
    }
    IOException e = assertThrows(IOException.class, () -> new NsrlRdsV3Reader(db));
    assertTrue(e.getMessage().contains("no FILE table or view"), e.getMessage());
    assertTrue(e.getMessage().contains("CASES"), e.getMessage());
  }

  @Test
  void aTruncatedDatabaseGivesAnErrorNotACrash() throws Exception {
    String[][] rows = new String[3000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new String[] {hashes.sha256(), hashes.sha1(), hashes.md5()};
    }
    Path db = database("big.db", rows);
    byte[] whole = Files.readAllBytes(db);
    Path cut = Files.write(dir.resolve("cut.db"), Arrays.copyOf(whole, whole.length / 2));
    // Either refused on opening or stopped with an IOException half-way; never a wrong count
    // passed off as the whole set.
    IOException e = assertThrows(IOException.class, () -> {
      try (HashRecordReader reader = new NsrlRdsV3Reader(cut)) {
        List<HashRecord> read = readAll(reader);
        assertEquals(rows.length, read.size(), "read all rows of a cut file?");
      }
    });
    assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
  }

  @Test
  void openTellsV3FromV2ByTheSqliteHeader() throws Exception {
    String sha1 = hashes.sha1();
    String md5 = hashes.md5();
    String sha256 = hashes.sha256();
    Path v3 = database("RDS_2025.03.1_ios.db", new String[][] {{sha256, sha1, md5}});
    try (HashRecordReader reader = NsrlRdsReader.open(v3)) {
      assertInstanceOf(NsrlRdsV3Reader.class, reader);
      assertEquals(List.of(new HashRecord.Entry(1, md5, sha1, sha256, null, null, null)),
          readAll(reader));
    }
    Path v2 = dir.resolve("rds_modernm.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(v2))) {
      zip.putNextEntry(new ZipEntry("NSRLFile.txt"));
      zip.write(("\"SHA-1\",\"MD5\",\"CRC32\",\"FileName\",\"FileSize\",\"ProductCode\","
          + "\"OpSystemCode\",\"SpecialCode\"\n\"" + sha1.toUpperCase(Locale.ROOT) + "\",\""
          + md5.toUpperCase(Locale.ROOT) + "\",\"0\",\"a.dll\",1,2,\"3\",\"\"\n")
          .getBytes(StandardCharsets.ISO_8859_1));
    }
    try (HashRecordReader reader = NsrlRdsReader.open(v2)) {
      assertInstanceOf(NsrlRdsReader.class, reader);
      assertEquals(List.of(new HashRecord.Entry(2, md5, sha1, null, null, null, null)),
          readAll(reader));
    }
  }
}
