package fr.vigie.formats.hashsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VicsReaderTest {

  private final RandomHashes hashes = new RandomHashes(20260101);

  static List<HashRecord> readAll(HashRecordReader reader) throws IOException {
    try (reader) {
      List<HashRecord> all = new ArrayList<>();
      Optional<HashRecord> r;
      while ((r = reader.next()).isPresent()) {
        all.add(r.get());
      }
      return all;
    }
  }

  private static VicsReader vics(String json) throws IOException {
    return new VicsReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsVersionOneMediaWithUpperCaseHashesAndStringBooleans() throws IOException {
    String md5 = hashes.md5();
    String sha1 = hashes.sha1();
    VicsReader reader = vics("""
        {"odata.metadata":"http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media",
         "value":[{"odata.id":"x","MediaID":1,"Category":1,"MD5":"%s","SHA1":"%s",
           "VictimIdentified":"false","IsDistributed":true,"Series":"S-1",
           "MediaFiles":[{"FileName":"a.jpg"}],"AlternativeHashes":[{"HashName":"PhotoDNA",
           "HashValue":"AAAA"}]}]}
        """.formatted(md5.toUpperCase(Locale.ROOT), sha1.toUpperCase(Locale.ROOT)));
    assertEquals(VicsReader.Version.V1_MEDIA, reader.version());
    List<HashRecord> all = readAll(reader);
    assertEquals(List.of(new HashRecord.Entry(1, md5, sha1, null, null, "1", "S-1")), all);
  }

  @Test
  void readsVersionTwoCasesWithTheirMediaAndToleratesAByteOrderMark() throws IOException {
    String a = hashes.md5();
    String b = hashes.md5();
    String c = hashes.sha1();
    String json = """
        {"@odata.context":"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Cases",
         "value":[
          {"CaseID":"8e0f4a1e-0000-4000-8000-000000000001","Media":[
            {"MediaID":1,"Category":2,"MD5":"%s"},{"MediaID":2,"Category":null,"MD5":"%s"}],
           "SourceApplicationName":"test"},
          {"CaseID":"8e0f4a1e-0000-4000-8000-000000000002"},
          {"CaseID":"8e0f4a1e-0000-4000-8000-000000000003","Media":[{"SHA1":"%s","Category":"0"}]}
         ]}
        """.formatted(a, b, c);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bytes.write(json.getBytes(StandardCharsets.UTF_8));
    VicsReader reader = new VicsReader(new ByteArrayInputStream(bytes.toByteArray()));
    assertEquals(VicsReader.Version.V2_CASES, reader.version());
    assertEquals(List.of(
        new HashRecord.Entry(1, a, null, null, null, "2", null),
        new HashRecord.Entry(2, b, null, null, null, null, null),
        new HashRecord.Entry(3, null, c, null, null, "0", null)), readAll(reader));
  }

  @Test
  void readsVersionTwoMedia() throws IOException {
    String md5 = hashes.md5();
    VicsReader reader = vics("""
        {"@odata.context":"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/UK/$metadata#Media",
         "value":[{"MD5":"%s","Category":3}]}""".formatted(md5));
    assertEquals(VicsReader.Version.V2_MEDIA, reader.version());
    assertEquals(List.of(new HashRecord.Entry(1, md5, null, null, null, "3", null)),
        readAll(reader));
  }

  @Test
  void rejectsBadEntriesByIndexAndKeepsTheOthers() throws IOException {
    String good = hashes.md5();
    List<HashRecord> all = readAll(vics("""
        {"odata.metadata":"http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media",
         "value":[
           {"MD5":"not-hex"},
           {"MD5":"%s","Category":1.5},
           {"MD5":"%s","IsPrecategorized":"maybe"},
           {"Category":1},
           {"MD5":"D41D8CD98F00B204E9800998ECF8427E"},
           {"MD5":"%s","Category":"1"}]}
        """.formatted(hashes.md5(), hashes.md5(), good)));
    assertEquals(6, all.size());
    assertTrue(((HashRecord.Rejected) all.get(0)).reason().contains("MD5"));
    assertTrue(((HashRecord.Rejected) all.get(1)).reason().contains("Category"));
    assertTrue(((HashRecord.Rejected) all.get(2)).reason().contains("IsPrecategorized"));
    assertEquals(new HashRecord.Rejected(4, "no MD5 or SHA1"), all.get(3));
    assertInstanceOf(HashRecord.Skipped.class, all.get(4));
    assertEquals(new HashRecord.Entry(6, good, null, null, null, "1", null), all.get(5));
  }

  @Test
  void endsWithOneRejectionWhenTheJsonBreaks() throws IOException {
    List<HashRecord> all = readAll(vics("""
        {"odata.metadata":"x#Media","value":[{"MD5":"%s"},{"MD5":"""
        .formatted(hashes.md5())));
    assertInstanceOf(HashRecord.Entry.class, all.get(0));
    HashRecord.Rejected last = (HashRecord.Rejected) all.get(1);
    assertTrue(last.reason().startsWith("malformed JSON"), last.reason());
  }

  @Test
  void refusesAFileWhoseFirstPropertyIsNotVics() {
    IOException e = assertThrows(IOException.class, () -> vics("{\"value\":[]}"));
    assertTrue(e.getMessage().contains("first property"), e.getMessage());
  }

  @Test
  void readsAnEmptySet() throws IOException {
    assertTrue(readAll(vics("{\"odata.metadata\":\"x#Media\",\"value\":[]}")).isEmpty());
    HashRecord.Entry probe = new HashRecord.Entry(1, hashes.md5(), null, null, null, null, null);
    assertNull(probe.sha1());
  }
}
