package fr.vigie.formats.hashsets;

import static fr.vigie.formats.hashsets.VicsReaderTest.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class NsrlRdsReaderTest {

  private static final String HEADER = "\"SHA-1\",\"MD5\",\"CRC32\",\"FileName\",\"FileSize\","
      + "\"ProductCode\",\"OpSystemCode\",\"SpecialCode\"\n";

  private final RandomHashes hashes = new RandomHashes(42);

  private String line(String sha1, String md5) {
    return "\"%s\",\"%s\",\"00000000\",\"caf\u00e9.dll\",1024,123,\"358\",\"\"\n".formatted(
        sha1.toUpperCase(Locale.ROOT), md5.toUpperCase(Locale.ROOT));
  }

  @Test
  void readsAPlainNsrlFile() throws IOException {
    String sha1 = hashes.sha1();
    String md5 = hashes.md5();
    byte[] text = (HEADER + line(sha1, md5) + "\"bad\",\"\",\"\",\"x\",0,0,\"\",\"\"\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    List<HashRecord> all = readAll(new NsrlRdsReader(new ByteArrayInputStream(text)));
    assertEquals(new HashRecord.Entry(2, md5, sha1, null, null, null, null), all.get(0));
    assertInstanceOf(HashRecord.Rejected.class, all.get(1));
  }

  @Test
  void readsNsrlFileInsideAZip() throws IOException {
    String sha1 = hashes.sha1();
    String md5 = hashes.md5();
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
      zip.putNextEntry(new ZipEntry("NSRLProd.txt"));
      zip.write("\"ProductCode\"\n".getBytes(StandardCharsets.US_ASCII));
      zip.putNextEntry(new ZipEntry("rds/NSRLFile.txt"));
      zip.write((HEADER + line(sha1, md5)).getBytes(StandardCharsets.ISO_8859_1));
    }
    assertEquals(List.of(new HashRecord.Entry(2, md5, sha1, null, null, null, null)),
        readAll(new NsrlRdsReader(new ByteArrayInputStream(zipped.toByteArray()))));
  }

  @Test
  void refusesAFileThatIsNotNsrl() {
    assertThrows(IOException.class, () -> new NsrlRdsReader(new ByteArrayInputStream(
        "md5\n".getBytes(StandardCharsets.US_ASCII))));
  }
}
