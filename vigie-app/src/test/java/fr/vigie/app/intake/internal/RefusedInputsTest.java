package fr.vigie.app.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fr.vigie.app.intake.InputOutcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an input that gave no report is, told from its bytes, not from its reader's words. */
class RefusedInputsTest {

  @TempDir
  Path dir;

  private InputOutcome of(String name, byte[] bytes, String... reasons) throws Exception {
    return RefusedInputs.whatItIs(Files.write(dir.resolve(name), bytes), List.of(reasons));
  }

  @Test
  void namesWhatTheFileIs() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 0x1A, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    assertEquals(InputOutcome.PICTURE, of("photo.xml", png));
    assertEquals(InputOutcome.PICTURE, of("a.xml", new byte[] {(byte) 0xFF, (byte) 0xD8,
        (byte) 0xFF, (byte) 0xE0, 0, 16}));
    assertEquals(InputOutcome.EMPTY, of("vide.xml", new byte[0]));
    assertEquals(InputOutcome.ZEROS, of("zeros.xml", new byte[4096]));
    assertEquals(InputOutcome.UTF16, of("utf16.xml", "<cyberTips/>".getBytes(
        StandardCharsets.UTF_16LE)));
    assertEquals(InputOutcome.NOT_REPORTS, of("lt.xml", "<".getBytes(StandardCharsets.UTF_8)));
    assertEquals(InputOutcome.NOT_REPORTS, of("latin1.csv", "reportId;nom\n1;Léa\n"
        .getBytes(StandardCharsets.ISO_8859_1)), "text in the wrong encoding is still text");
    assertEquals(InputOutcome.BINARY, of("doc.xml", "%PDF-1.7\n%âãÏÓ\n1 0 obj"
        .getBytes(StandardCharsets.ISO_8859_1)));
    byte[] noise = new byte[600];
    new Random(5).nextBytes(noise);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = noise[i] == 0 ? 1 : noise[i];
    }
    assertEquals(InputOutcome.BINARY, of("noise.xml", noise), "no NUL, but controls galore");
  }

  @Test
  void aZipIsABombOrHasNoReportEntryAndSoHasAFolder() throws Exception {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("a.png"));
      z.write(1);
      z.closeEntry();
    }
    assertEquals(InputOutcome.NO_REPORT_ENTRY, of("a.zip", zip.toByteArray(),
        "not a report entry (.xml, .jsonl, .ndjson, .csv), skipped"));
    assertEquals(InputOutcome.ZIP_BOMB, of("b.zip", zip.toByteArray(),
        "zip refused: more than 4294967296 bytes uncompressed (zip bomb?)"));
    assertEquals(InputOutcome.NO_REPORT_ENTRY, RefusedInputs.whatItIs(
        Files.createDirectory(dir.resolve("lot")), List.of("not a report entry")));
    assertEquals(InputOutcome.MISSING, RefusedInputs.whatItIs(dir.resolve("absent.xml"),
        List.of()));
  }

  @Test
  void describesTheBinaryFormatsItKnows() throws Exception {
    assertEquals("a GIF picture", RefusedInputs.describe(Files.write(dir.resolve("g.xml"),
        "GIF89a\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1))));
    assertEquals("a PDF document", RefusedInputs.describe(Files.write(dir.resolve("p.xml"),
        "%PDF-1.4".getBytes(StandardCharsets.US_ASCII))));
    assertEquals("a gzip archive", RefusedInputs.describe(Files.write(dir.resolve("z.xml"),
        new byte[] {0x1F, (byte) 0x8B, 8})));
    assertNull(RefusedInputs.describe(Files.write(dir.resolve("t.xml"),
        "<x/>".getBytes(StandardCharsets.US_ASCII))));
  }
}
