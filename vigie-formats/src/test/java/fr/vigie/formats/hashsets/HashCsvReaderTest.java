package fr.vigie.formats.hashsets;

import static fr.vigie.formats.hashsets.VicsReaderTest.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HashCsvReaderTest {

  private final RandomHashes hashes = new RandomHashes(7);

  @Test
  void readsColumnsInAnyOrderAndCase() throws IOException {
    String sha256 = hashes.sha256();
    String pdq = hashes.hex(64);
    String md5 = hashes.md5();
    List<HashRecord> all = readAll(new HashCsvReader(new StringReader(
        "Series,SHA-256,pdq,category,MD5\n\"Série A\",%s,%s,2,\n,,,1,%s\n"
            .formatted(sha256.toUpperCase(Locale.ROOT), pdq, md5))));
    assertEquals(List.of(
        new HashRecord.Entry(2, null, null, sha256, pdq, "2", "Série A"),
        new HashRecord.Entry(3, md5, null, null, null, "1", null)), all);
  }

  @Test
  void rejectsBadLinesWithTheirLineNumber() throws IOException {
    List<HashRecord> all = readAll(new HashCsvReader(new StringReader(
        "md5,category\nzz,1\n,1\n\"%s,1\n".formatted(hashes.md5()))));
    assertEquals(3, all.size());
    assertEquals(2, all.get(0).position());
    assertTrue(((HashRecord.Rejected) all.get(0)).reason().contains("md5"));
    assertEquals(new HashRecord.Rejected(3, "no hash on the line"), all.get(1));
    assertInstanceOf(HashRecord.Rejected.class, all.get(2));
  }

  @Test
  void skipsTheEmptyFileHash() throws IOException {
    List<HashRecord> all = readAll(new HashCsvReader(new StringReader(
        "sha256\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n")));
    assertInstanceOf(HashRecord.Skipped.class, all.get(0));
  }

  @Test
  void refusesAHeaderWithoutHashColumns() {
    assertThrows(IOException.class, () -> new HashCsvReader(new StringReader("name,size\n")));
  }
}
