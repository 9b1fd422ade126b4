package fr.vigie.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.formats.cybertip.CyberTipOutcome;
import fr.vigie.formats.hashsets.NsrlRdsReader;
import fr.vigie.formats.hashsets.VicsReader;
import fr.vigie.formats.intake.IntakeFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Junk where a report or a hash set should be ends in the reader's own rejection, with why. */
class JunkInputTest {

  @TempDir
  Path dir;

  private List<String> reasons(String name, byte[] bytes) throws IOException {
    Path p = Files.write(dir.resolve(name), bytes);
    try (Stream<CyberTipOutcome> s = IntakeFiles.read(p)) {
      return s.map(o -> ((CyberTipOutcome.Rejected) o).reason()).toList();
    }
  }

  static byte[] png() {
    byte[] b = new byte[600];
    new Random(7).nextBytes(b);
    byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H',
        'D', 'R'};
    System.arraycopy(head, 0, b, 0, head.length);
    return b;
  }

  @Test
  void junkReportFilesAreRejectedWithTheirRealReason() throws IOException {
    assertEquals(List.of("XML not well-formed, reading stopped: XML document structures must "
        + "start and end within the same entity."), reasons("lt.xml", "<".getBytes()));
    assertEquals(List.of("the document holds NUL bytes: it is binary (a picture, an archive?), "
        + "not UTF-8 text"), reasons("picture.xml", png()));
    assertEquals(List.of("no root element: the document is empty"),
        reasons("empty.xml", new byte[0]));
    assertEquals(List.of("the file holds only NUL bytes (zeros), not text: the file was not "
        + "read"), reasons("zeros.jsonl", new byte[4096]));
    assertEquals(List.of("the file holds NUL bytes: it is binary (a picture, an archive?), not "
        + "UTF-8 text: the file was not read"), reasons("picture.csv", png()));
    List<String> cut = reasons("cut.xml", "<cyberTips><cyberTip reportId=\"1\"><report><inc"
        .getBytes());
    assertEquals(1, cut.size());
    assertTrue(cut.get(0).startsWith("XML not well-formed, reading stopped"), cut.get(0));
  }

  @Test
  void aZipOfTenMegabytesOfZerosSaysSo() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("zeros.xml"));
      z.write(new byte[10 << 20]);
      z.closeEntry();
    }
    assertEquals(List.of("the document holds only NUL bytes (zeros), not text"),
        reasons("zeros.zip", zip.toByteArray()));
  }

  @Test
  void aCutZipIsAnIoExceptionWithItsReason() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("a.xml"));
      z.write("<cyberTips/>".getBytes());
      z.closeEntry();
    }
    byte[] cut = java.util.Arrays.copyOf(zip.toByteArray(), zip.size() - 30);
    IOException e = assertThrows(IOException.class, () -> reasons("cut.zip", cut));
    assertTrue(e.getMessage().startsWith("cut.zip: not a readable zip (damaged or cut short?)"),
        e.getMessage());
  }

  @Test
  void junkHashSetsAreAnIoExceptionWithAReason() throws IOException {
    for (byte[] junk : List.of("<".getBytes(), png(), new byte[0], new byte[4096])) {
      IOException vics = assertThrows(IOException.class,
          () -> new VicsReader(new ByteArrayInputStream(junk)).close());
      assertTrue(vics.getMessage().startsWith("not a VICS file"), vics.getMessage());
      IOException nsrl = assertThrows(IOException.class,
          () -> new NsrlRdsReader(new ByteArrayInputStream(junk)).close());
      assertTrue(nsrl.getMessage() != null && !nsrl.getMessage().isBlank());
    }
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("NSRLFile.txt"));
      byte[] text = new byte[100_000];
      new Random(3).nextBytes(text);
      z.write(text);
      z.closeEntry();
    }
    byte[] cut = java.util.Arrays.copyOf(zip.toByteArray(), 5000);
    IOException e = assertThrows(IOException.class, () -> {
      try (NsrlRdsReader r = new NsrlRdsReader(new ByteArrayInputStream(cut))) {
        while (r.next().isPresent()) {
          // to the end
        }
      }
    });
    assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), String.valueOf(e));
  }
}
