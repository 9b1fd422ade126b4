package fr.vigie.formats.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.formats.cybertip.CyberTipLimits;
import fr.vigie.formats.cybertip.CyberTipOutcome;
import fr.vigie.formats.cybertip.CyberTipOutcome.Accepted;
import fr.vigie.formats.cybertip.CyberTipOutcome.Rejected;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeFilesTest {

  /** docs/examples, from the module folder the tests run in. */
  static final Path EXAMPLES = Path.of("..", "docs", "examples");

  @TempDir
  Path dir;

  static List<CyberTipOutcome> all(Path p) throws IOException {
    try (Stream<CyberTipOutcome> s = IntakeFiles.read(p)) {
      return s.toList();
    }
  }

  @Test
  void theDocumentedExamplesReadCleanly() throws IOException {
    List<CyberTipOutcome> jsonl = all(EXAMPLES.resolve("reports.jsonl"));
    assertEquals(3, jsonl.size());
    jsonl.forEach(o -> assertInstanceOf(Accepted.class, o, o.toString()));
    assertEquals(List.of("PHAROS", "EXAMPLE-PLATFORM", "BKA"),
        jsonl.stream().map(o -> ((Accepted) o).source().code()).toList());
    Accepted first = (Accepted) jsonl.get(0);
    assertEquals("2001:db8::1", first.tip().ipEvents().get(1).ip());
    assertTrue(first.tip().ipEvents().get(1).noTimeZone());
    assertEquals("+33612345678", first.tip().reportedPersons().get(0).phones().get(0).e164());
    assertEquals("198.51.100.23", ((Accepted) jsonl.get(1)).tip().ipEvents().get(0).ip());

    List<CyberTipOutcome> csv = all(EXAMPLES.resolve("reports.csv"));
    assertEquals(2, csv.size());
    csv.forEach(o -> assertInstanceOf(Accepted.class, o, o.toString()));
    Accepted pa1 = (Accepted) csv.get(0);
    assertEquals("PA-0001", pa1.tip().reportId());
    assertEquals(2, pa1.tip().reportedPersons().get(0).emails().size());
    assertEquals(List.of("192.0.2.10", "2001:db8::a"),
        pa1.tip().ipEvents().stream().map(e -> e.ip()).toList());
    assertEquals(1, pa1.tip().victims().size());
    assertEquals("doc, final.png",
        ((Accepted) csv.get(1)).tip().files().get(0).originalFileName());
  }

  @Test
  void theDocumentationShowsTheExampleFilesAsTheyAre() throws IOException {
    String doc = Files.readString(EXAMPLES.resolve("../formats.md"));
    assertTrue(doc.contains("```csv\n" + Files.readString(EXAMPLES.resolve("reports.csv"))
        + "```"), "formats.md shows examples/reports.csv verbatim");
    String firstLine = Files.readString(EXAMPLES.resolve("reports.jsonl")).lines().findFirst()
        .orElseThrow();
    int start = doc.indexOf("```json\n") + 8;
    String shown = doc.substring(start, doc.indexOf("```", start));
    assertEquals(firstLine.replaceAll("\\s", ""), shown.replaceAll("\\s", ""),
        "formats.md shows the first line of examples/reports.jsonl, indented");
  }

  @Test
  void dispatchesByNameAndRefusesUnknownFormats() throws IOException {
    assertEquals(IntakeFiles.Format.JSONL, IntakeFiles.byName("a.NDJSON"));
    assertEquals(IntakeFiles.Format.CSV, IntakeFiles.byName("a.csv"));
    assertTrue(IntakeFiles.isReportFileName("b.ZIP"));
    Path upload = Files.copy(EXAMPLES.resolve("reports.csv"), dir.resolve("upload-1.tmp"));
    assertEquals(IntakeFiles.Format.CSV, IntakeFiles.detect(upload), "a nameless upload: sniffed");
    Files.writeString(upload, "\uFEFF  {\"reportId\":1}\n");
    assertEquals(IntakeFiles.Format.JSONL, IntakeFiles.detect(upload));
    Files.writeString(upload, "<?xml version=\"1.0\"?><cyberTips/>");
    assertEquals(IntakeFiles.Format.CYBERTIP_XML, IntakeFiles.detect(upload));
    Path txt = Files.writeString(dir.resolve("notes.txt"), "x");
    IOException e = assertThrows(IOException.class, () -> IntakeFiles.read(txt));
    assertTrue(e.getMessage().contains("unknown format"), e.getMessage());
  }

  @Test
  void aZipMayHoldJsonLinesCsvAndXmlWithKeysUniqueAcrossIt() throws IOException {
    Path zip = dir.resolve("mixed.zip");
    String jsonl = Files.readString(EXAMPLES.resolve("reports.jsonl"));
    try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
      put(z, "a/reports.jsonl", jsonl);
      put(z, "b/reports.csv", Files.readString(EXAMPLES.resolve("reports.csv")));
      put(z, "c/again.ndjson", jsonl.lines().findFirst().orElseThrow() + "\n");
      put(z, "d/readme.txt", "not a report");
      put(z, "../evil.jsonl", jsonl);
    }
    LongAdder bytes = new LongAdder();
    List<CyberTipOutcome> out;
    try (Stream<CyberTipOutcome> s = IntakeFiles.read(zip, CyberTipLimits.DEFAULT, bytes)) {
      out = s.toList();
    }
    assertEquals(5, out.stream().filter(o -> o instanceof Accepted).count(), out.toString());
    List<Rejected> rejected = out.stream().filter(o -> o instanceof Rejected)
        .map(o -> (Rejected) o).toList();
    assertEquals(3, rejected.size(), rejected.toString());
    assertEquals("mixed.zip!/c/again.ndjson", rejected.get(0).file());
    assertTrue(rejected.get(0).reason().contains("already read earlier"));
    assertTrue(rejected.get(1).reason().contains("not a report entry"));
    assertTrue(rejected.get(2).reason().contains("'..'"));
    assertEquals(Files.size(zip), bytes.sum(), "a zip counts when it is done");
  }

  @Test
  void aZipBombOfJsonLinesOrCsvIsStoppedLikeOneOfXml() throws IOException {
    String line = Files.readString(EXAMPLES.resolve("reports.jsonl")).lines().findFirst()
        .orElseThrow();
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      many.append(line.replace("PH-2024-000123", "B" + i)).append('\n');
    }
    CyberTipLimits ratio10 = new CyberTipLimits(64 * 1024, 4 * 1024 * 1024, 100_000, 32,
        1L << 30, 10);
    for (String entry : List.of("bomb.jsonl", "bomb.csv")) {
      Path zip = dir.resolve(entry + ".zip");
      String text = entry.endsWith(".csv")
          ? Files.readString(EXAMPLES.resolve("reports.csv")) + "x,".repeat(3_000_000)
          : many.toString();
      try (OutputStream o = Files.newOutputStream(zip);
           ZipOutputStream z = new ZipOutputStream(o)) {
        put(z, entry, text);
      }
      List<CyberTipOutcome> out;
      try (Stream<CyberTipOutcome> s = IntakeFiles.read(zip, ratio10, null)) {
        out = s.toList();
      }
      Rejected last = assertInstanceOf(Rejected.class, out.get(out.size() - 1));
      assertTrue(last.reason().contains("zip bomb"), entry + ": " + last.reason());
      assertTrue(out.size() < 3000, "reading stopped at the bomb");
    }
  }

  @Test
  void countsTheBytesReadOnThisThread() throws Exception {
    Path file = Files.copy(EXAMPLES.resolve("reports.jsonl"), dir.resolve("r.jsonl"));
    LongAdder bytes = new LongAdder();
    try (AutoCloseable watch = IntakeFiles.countBytes(bytes)) {
      assertEquals(3, all(file).size());
    }
    assertEquals(Files.size(file), bytes.sum());
    all(file);
    assertEquals(Files.size(file), bytes.sum(), "no longer counted once closed");
  }

  private static void put(ZipOutputStream z, String name, String text) throws IOException {
    z.putNextEntry(new ZipEntry(name));
    z.write(text.getBytes(StandardCharsets.UTF_8));
    z.closeEntry();
  }
}
