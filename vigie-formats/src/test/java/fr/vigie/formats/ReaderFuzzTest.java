package fr.vigie.formats;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fr.vigie.formats.cybertip.CyberTipFiles;
import fr.vigie.formats.cybertip.CyberTipLimits;
import fr.vigie.formats.cybertip.CyberTipOutcome;
import fr.vigie.formats.cybertip.CyberTipReader;
import fr.vigie.formats.cybertip.ReportSource;
import fr.vigie.formats.hashsets.HashRecordReader;
import fr.vigie.formats.hashsets.NsrlRdsReader;
import fr.vigie.formats.hashsets.VicsReader;
import fr.vigie.formats.intake.VigieCsvReader;
import fr.vigie.formats.intake.VigieJsonLinesReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded fuzzing of every reader of outside input: seeded mutations of real inputs (the test
 * resources and the documented examples) must end in the reader's own outcome — a
 * {@code Rejected} record for the report readers, an {@link IOException} with a reason for the
 * hash-set readers — never in another exception, and each within {@link #PER_INPUT_MILLIS}.
 * About {@link #BUDGET_MILLIS} per reader; {@code -Dvigie.fuzz.millis=60000} for a longer run,
 * {@code -Dvigie.fuzz.seed=N} to replay (a failure prints its input's seed and saves the input
 * under target/fuzz-failures).
 */
class ReaderFuzzTest {

  static final long SEED = Long.getLong("vigie.fuzz.seed", 20_240_520L);
  static final long BUDGET_MILLIS = Long.getLong("vigie.fuzz.millis", 2_000L);
  static final long PER_INPUT_MILLIS = 2_000;
  static final ReportSource SOURCE = new ReportSource("FUZZ", "Fuzz", "PARTNER", null);
  static final Path RESOURCES = Path.of("src", "test", "resources", "cybertip");
  static final Path EXAMPLES = Path.of("..", "docs", "examples");

  /** Things hostile or broken inputs hold. */
  private static final String[] TOKENS = {"<", ">", "&", "&amp;", "&xxe;", "<!DOCTYPE x>",
      "<![CDATA[", "]]>", "\u0000", "\"", "'", "{", "}", "[", "]", ",", ";", "\n", "\r\n",
      "\uFFFD", "\uD834\uDD1E", "\u00e9", "<report>", "</report>", "<fileDetails>",
      "<cyberTip reportId=\"1\">", "9999999999999999999999", "-1", "null", "PK\u0003\u0004",
      "\u00ef\u00bb\u00bf"};

  @TempDir
  Path dir;

  @FunctionalInterface
  interface Target {
    void read(byte[] input) throws Exception;
  }

  @Test
  void cyberTipXmlEndsInItsOwnRejections() throws Exception {
    List<byte[]> corpus = List.of(
        Files.readAllBytes(RESOURCES.resolve("bulk-two-reports.xml")),
        Files.readAllBytes(RESOURCES.resolve("encoder/full/report.xml")),
        Files.readAllBytes(RESOURCES.resolve("encoder/full/file-1.xml")),
        Files.readAllBytes(RESOURCES.resolve("every-field/report.xml")));
    fuzz("cybertip-xml", corpus, input -> drain(new CyberTipReader(
        new ByteArrayInputStream(input), "fuzz.xml", CyberTipLimits.DEFAULT, SOURCE).stream()),
        false);
  }

  @Test
  void cyberTipZipsEndInTheirOwnRejections() throws Exception {
    List<byte[]> corpus = List.of(zip(RESOURCES.resolve("encoder/full")),
        zip(RESOURCES.resolve("every-field")));
    Path file = dir.resolve("fuzz.zip");
    fuzz("cybertip-zip", corpus, input -> {
      Files.write(file, input);
      try (Stream<CyberTipOutcome> s = CyberTipFiles.read(file, CyberTipLimits.DEFAULT, SOURCE,
          null)) {
        s.forEach(o -> { });
      }
    }, true);
  }

  @Test
  void jsonLinesEndInTheirOwnRejections() throws Exception {
    fuzz("jsonl", List.of(Files.readAllBytes(EXAMPLES.resolve("reports.jsonl"))),
        input -> drain(new VigieJsonLinesReader(new ByteArrayInputStream(input), "f.jsonl")
            .stream()), false);
  }

  @Test
  void csvEndsInItsOwnRejections() throws Exception {
    fuzz("csv", List.of(Files.readAllBytes(EXAMPLES.resolve("reports.csv"))),
        input -> drain(new VigieCsvReader(new ByteArrayInputStream(input), "f.csv").stream()),
        false);
  }

  @Test
  void vicsEndsInItsOwnRejections() throws Exception {
    String v1 = "{\"odata.metadata\":\"http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml"
        + "#Media\",\"value\":[{\"odata.id\":\"x\",\"MediaID\":1,\"Category\":1,\"MD5\":"
        + "\"D41D8CD98F00B204E9800998ECF8427F\",\"SHA1\":\"DA39A3EE5E6B4B0D3255BFEF95601890AFD8"
        + "0708\",\"VictimIdentified\":\"false\",\"IsDistributed\":true,\"Series\":\"S-1\","
        + "\"MediaFiles\":[{\"FileName\":\"a.jpg\"}],\"AlternativeHashes\":[{\"HashName\":"
        + "\"PhotoDNA\",\"HashValue\":\"AAAA\"}]},{\"MediaID\":2,\"Category\":null,\"MD5\":"
        + "\"0cc175b9c0f1b6a831c399e269772661\"}]}";
    String v2 = "{\"@odata.context\":\"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/"
        + "2.0.xml/US/$metadata#Cases\",\"value\":[{\"CaseID\":\"8e0f4a1e-0000-4000-8000-"
        + "000000000001\",\"Media\":[{\"MediaID\":1,\"Category\":2,\"MD5\":"
        + "\"0cc175b9c0f1b6a831c399e269772661\"}],\"SourceApplicationName\":\"test\"}]}";
    fuzz("vics", List.of(v1.getBytes(StandardCharsets.UTF_8),
        v2.getBytes(StandardCharsets.UTF_8)), input -> {
          try (VicsReader r = new VicsReader(new ByteArrayInputStream(input))) {
            drain(r);
          }
        }, true);
  }

  @Test
  void nsrlEndsInItsOwnRejections() throws Exception {
    String text = "\"SHA-1\",\"MD5\",\"CRC32\",\"FileName\",\"FileSize\",\"ProductCode\","
        + "\"OpSystemCode\",\"SpecialCode\"\n"
        + "\"DA39A3EE5E6B4B0D3255BFEF95601890AFD80708\",\"D41D8CD98F00B204E9800998ECF8427E\","
        + "\"00000000\",\"caf\u00e9.dll\",1024,123,\"358\",\"\"\n"
        + "\"bad\",\"\",\"\",\"x\",0,0,\"\",\"\"\n";
    byte[] plain = text.getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zipped)) {
      z.putNextEntry(new ZipEntry("NSRLFile.txt"));
      z.write(plain);
      z.closeEntry();
    }
    fuzz("nsrl", List.of(plain, zipped.toByteArray()), input -> {
      try (NsrlRdsReader r = new NsrlRdsReader(new ByteArrayInputStream(input))) {
        drain(r);
      }
    }, true);
  }

  private static void drain(Stream<CyberTipOutcome> s) {
    try (s) {
      s.forEach(o -> {
        if (o == null) {
          throw new AssertionError("a null outcome");
        }
      });
    }
  }

  private static void drain(HashRecordReader r) throws IOException {
    while (r.next().isPresent()) {
      // read to the end
    }
  }

  private static byte[] zip(Path folder) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out); Stream<Path> files = Files.list(folder)) {
      for (Path p : files.sorted().toList()) {
        z.putNextEntry(new ZipEntry(p.getFileName().toString()));
        z.write(Files.readAllBytes(p));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** One to four random edits of {@code base}. */
  static byte[] mutate(byte[] base, Random r) {
    byte[] b = base;
    for (int edits = 1 + r.nextInt(4); edits > 0; edits--) {
      int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      switch (r.nextInt(7)) {
        case 0 -> { // flip bits of one byte
          if (b.length > 0) {
            b = b.clone();
            b[Math.min(at, b.length - 1)] ^= (byte) (1 << r.nextInt(8));
          }
        }
        case 1 -> b = splice(b, at, 0, randomBytes(r, 1 + r.nextInt(16)));
        case 2 -> b = splice(b, at, Math.min(b.length - at, r.nextInt(64)), new byte[0]);
        case 3 -> b = java.util.Arrays.copyOf(b, at); // truncated
        case 4 -> b = splice(b, at, 0, TOKENS[r.nextInt(TOKENS.length)]
            .getBytes(StandardCharsets.UTF_8));
        case 5 -> { // a piece repeated
          int from = b.length == 0 ? 0 : r.nextInt(b.length);
          int len = Math.min(b.length - from, 1 + r.nextInt(256));
          byte[] piece = java.util.Arrays.copyOfRange(b, from, from + len);
          b = splice(b, at, 0, piece);
        }
        default -> b = splice(b, at, Math.min(b.length - at, 1 + r.nextInt(8)),
            randomBytes(r, 1 + r.nextInt(8)));
      }
    }
    return b;
  }

  private static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }

  private void fuzz(String name, List<byte[]> corpus, Target target, boolean ioExceptionIsOwn)
      throws IOException {
    Random seeds = new Random(SEED ^ name.hashCode());
    long end = System.nanoTime() + BUDGET_MILLIS * 1_000_000;
    int runs = 0;
    while (System.nanoTime() < end && runs < 50_000) {
      long seed = seeds.nextLong();
      Random r = new Random(seed);
      byte[] input = mutate(corpus.get(r.nextInt(corpus.size())), r);
      long start = System.nanoTime();
      try {
        target.read(input);
      } catch (IOException e) {
        if (!ioExceptionIsOwn || e.getMessage() == null || e.getMessage().isBlank()) {
          failed(name, seed, input, e);
        }
      } catch (Exception | AssertionError | StackOverflowError e) {
        failed(name, seed, input, e);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (millis > PER_INPUT_MILLIS) {
        failed(name, seed, input, new AssertionError("took " + millis + " ms"));
      }
      runs++;
    }
    assertTrue(runs >= 20, name + ": only " + runs + " inputs in " + BUDGET_MILLIS + " ms");
  }

  private static void failed(String name, long seed, byte[] input, Throwable e)
      throws IOException {
    Path saved = Path.of("target", "fuzz-failures", name + "-" + seed);
    Files.createDirectories(saved.getParent());
    Files.write(saved, input);
    fail(name + ": the input of seed " + seed + " (saved as " + saved + ") ended in " + e, e);
  }
}
