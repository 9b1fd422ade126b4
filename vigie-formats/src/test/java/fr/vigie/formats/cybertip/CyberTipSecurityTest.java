package fr.vigie.formats.cybertip;

import static fr.vigie.formats.cybertip.CyberTipReaderTest.accepted;
import static fr.vigie.formats.cybertip.CyberTipReaderTest.read;
import static fr.vigie.formats.cybertip.CyberTipReaderTest.rejected;
import static fr.vigie.formats.cybertip.CyberTipReaderTest.tip;
import static fr.vigie.formats.cybertip.CyberTipReaderTest.tips;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CyberTipSecurityTest {

  @TempDir
  Path dir;

  @Test
  void refusesAnExternalEntityWithoutReadingTheFile() throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "SECRET-CONTENT");
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE cyberTips [<!ENTITY xxe SYSTEM \""
        + secret.toUri() + "\">]>\n" + tips(tip("1", "<additionalInfo>&xxe;</additionalInfo>", ""));
    List<CyberTipOutcome> out = read(xml);
    assertEquals(1, out.size());
    CyberTipOutcome.Rejected r = rejected(out.get(0));
    assertTrue(r.reason().startsWith("a DOCTYPE is not allowed"), r.reason());
    assertFalse(r.toString().contains("SECRET-CONTENT"));
  }

  @Test
  void refusesAnExternalDtd() {
    List<CyberTipOutcome> out = read("<!DOCTYPE cyberTips SYSTEM \"http://example.com/x.dtd\">"
        + tips(tip("1", "", "")));
    assertTrue(rejected(out.get(0)).reason().startsWith("a DOCTYPE is not allowed"));
    assertEquals(1, out.size());
  }

  @Test
  void refusesBillionLaughsBeforeAnyExpansion() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE cyberTips [<!ENTITY l0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY l").append(i).append(" \"")
          .append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    List<CyberTipOutcome> out = read(dtd + tips(tip("1", "<additionalInfo>&l9;</additionalInfo>",
        "")));
    assertEquals(1, out.size());
    assertTrue(rejected(out.get(0)).reason().startsWith("a DOCTYPE is not allowed"));
  }

  @Test
  void rejectsAnUndeclaredEntityAsBrokenXml() {
    CyberTipOutcome.Rejected r = rejected(read(tips(tip("1", "<additionalInfo>&xxe;"
        + "</additionalInfo>", ""))).get(0));
    assertTrue(r.reason().startsWith("XML not well-formed"), r.reason());
  }

  @Test
  void refusesADeclaredEncodingOtherThanUtf8() {
    byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + tips(tip("1",
        "<additionalInfo>é</additionalInfo>", ""))).getBytes(StandardCharsets.ISO_8859_1);
    CyberTipOutcome.Rejected r = rejected(read(latin1).get(0));
    assertEquals("the document declares encoding ISO-8859-1; Vigie reads UTF-8 only "
        + "(convert it first)", r.reason());
  }

  @Test
  void refusesUtf16() {
    byte[] utf16 = tips(tip("1", "", "")).getBytes(StandardCharsets.UTF_16);
    assertEquals("the document is UTF-16 or UTF-32; Vigie reads UTF-8 only",
        rejected(read(utf16).get(0)).reason());
  }

  @Test
  void stopsAtBytesThatAreNotUtf8AndKeepsTheRecordsBefore() {
    // The decoder reads ahead by 8 KiB: the bad bytes sit well after the good records.
    String[] records = new String[101];
    for (int i = 0; i < 100; i++) {
      records[i] = tip(String.valueOf(i + 1), "", "");
    }
    records[100] = tip("101", "<additionalInfo>caf\u00e9</additionalInfo>", "");
    byte[] latin1 = tips(records).getBytes(StandardCharsets.ISO_8859_1);
    List<CyberTipOutcome> out = read(latin1);
    assertEquals(101, out.size());
    accepted(out.get(0));
    accepted(out.get(99));
    CyberTipOutcome.Rejected r = rejected(out.get(100));
    assertEquals("bytes that are not UTF-8 (wrong encoding?): reading stopped here", r.reason());
    assertEquals("101", r.reportId());
  }

  @Test
  void rejectsATextValueOverTheLimitAndGoesOn() {
    String big = "x".repeat(CyberTipLimits.DEFAULT.maxTextChars() + 1);
    List<CyberTipOutcome> out = read(tips(tip("1", "<additionalInfo>" + big + "</additionalInfo>",
        ""), tip("2", "", "")));
    CyberTipOutcome.Rejected r = rejected(out.get(0));
    assertEquals("cyberTip/report/additionalInfo", r.fieldPath());
    assertEquals("text longer than 65536 characters", r.reason());
    assertEquals("2", accepted(out.get(1)).reportId());
  }

  @Test
  void rejectsAnAttributeOverTheLimit() {
    String big = "9".repeat(CyberTipLimits.DEFAULT.maxTextChars() + 1);
    CyberTipOutcome.Rejected r = rejected(read(tip(big, "", "")).get(0));
    assertEquals("cyberTip/@reportId", r.fieldPath());
    assertEquals("attribute longer than 65536 characters", r.reason());
  }

  @Test
  void rejectsARecordOverTheSizeElementOrDepthLimitsAndReadsTheNextOne() {
    CyberTipLimits small = new CyberTipLimits(1000, 5000, 200, 8, 1L << 30, 100);
    String many = "<x/>".repeat(300);
    String deep = "<a>".repeat(10) + "</a>".repeat(10);
    String long1 = "<additionalInfo>x</additionalInfo>".repeat(200);
    String xml = tips(tip("1", "<personOrUserReported>" + many + "</personOrUserReported>", ""),
        tip("2", deep, ""), tip("3", long1, ""), tip("4", "", ""));
    List<CyberTipOutcome> out;
    try (CyberTipReader r = new CyberTipReader(new java.io.ByteArrayInputStream(
        xml.getBytes(StandardCharsets.UTF_8)), "t.xml", small)) {
      out = r.stream().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertEquals("record has more than 200 elements", rejected(out.get(0)).reason());
    assertEquals("elements nested deeper than 8", rejected(out.get(1)).reason());
    assertEquals("record longer than 5000 characters", rejected(out.get(2)).reason());
    assertTrue(rejected(out.get(2)).rawXml().length() <= 5100);
    assertEquals("4", accepted(out.get(3)).reportId());
  }

  // --- zips ---

  private Path zip(String name, Object... entries) throws IOException {
    Path p = dir.resolve(name);
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
      for (int i = 0; i < entries.length; i += 2) {
        z.putNextEntry(new ZipEntry((String) entries[i]));
        Object content = entries[i + 1];
        z.write(content instanceof byte[] b ? b : ((String) content).getBytes(
            StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return p;
  }

  private static List<CyberTipOutcome> readFile(Path p, CyberTipLimits limits) throws IOException {
    try (var s = CyberTipFiles.read(p, limits)) {
      return s.toList();
    }
  }

  @Test
  void readsEveryXmlEntryOfAZipAndRejectsRepeatsAcrossEntries() throws IOException {
    Path p = zip("batch.zip", "a.xml", tips(tip("1", "", ""), tip("2", "", "")),
        "dir/b.xml", tip("3", "", ""), "c.xml", tip("1", "", ""));
    List<CyberTipOutcome> out = readFile(p, CyberTipLimits.DEFAULT);
    assertEquals(4, out.size());
    assertEquals("3", accepted(out.get(2)).reportId());
    CyberTipOutcome.Rejected r = rejected(out.get(3));
    assertEquals("batch.zip!/c.xml", r.file());
    assertTrue(r.reason().contains("already read"));
  }

  @Test
  void refusesTraversalAbsoluteAndNestedZipEntriesButReadsTheRest() throws IOException {
    byte[] inner = Files.readAllBytes(zip("inner.zip", "x.xml", tip("8", "", "")));
    Path p = zip("hostile.zip", "../../etc/evil.xml", tip("5", "", ""),
        "/abs/evil.xml", tip("6", "", ""), "C:\\evil.xml", tip("6", "", ""),
        "inner.zip", inner, "notes.txt", "hello", "ok.xml", tip("7", "", ""));
    List<CyberTipOutcome> out = readFile(p, CyberTipLimits.DEFAULT);
    assertEquals(6, out.size());
    assertTrue(rejected(out.get(0)).reason().startsWith("zip entry with '..'"));
    assertTrue(rejected(out.get(1)).reason().startsWith("zip entry with an absolute path"));
    assertTrue(rejected(out.get(2)).reason().startsWith("zip entry with an absolute path"));
    assertTrue(rejected(out.get(3)).reason().startsWith("nested zip not followed"));
    assertTrue(rejected(out.get(4)).reason().startsWith("not an .xml entry"));
    assertEquals("7", accepted(out.get(5)).reportId());
  }

  @Test
  void refusesAZipBombByRatio() throws IOException {
    String padding = "<additionalInfo>" + " ".repeat(60_000) + "</additionalInfo>";
    StringBuilder xml = new StringBuilder("<cyberTips>");
    for (int i = 0; i < 200; i++) {
      xml.append(padding);
    }
    xml.append("</cyberTips>");
    List<CyberTipOutcome> out = readFile(zip("bomb.zip", "bomb.xml", xml.toString()),
        CyberTipLimits.DEFAULT);
    assertEquals(1, out.size());
    assertTrue(rejected(out.get(0)).reason().contains("times its compressed size"),
        out.toString());
  }

  @Test
  void refusesAZipOverTheTotalUncompressedLimit() throws IOException {
    CyberTipLimits limits = new CyberTipLimits(65536, 1 << 20, 1000, 32, 10_000, 1000);
    ByteArrayOutputStream many = new ByteArrayOutputStream();
    many.writeBytes("<cyberTips>".getBytes(StandardCharsets.UTF_8));
    for (int i = 1; i <= 100; i++) {
      many.writeBytes(tip(String.valueOf(i), "", "").getBytes(StandardCharsets.UTF_8));
    }
    many.writeBytes("</cyberTips>".getBytes(StandardCharsets.UTF_8));
    List<CyberTipOutcome> out = readFile(zip("big.zip", "big.xml", many.toByteArray()), limits);
    CyberTipOutcome last = out.get(out.size() - 1);
    assertTrue(rejected(last).reason().startsWith("zip refused: more than 10000 bytes"));
    assertTrue(out.size() < 100);
  }

  @Test
  void readsAPlainXmlPath() throws IOException {
    Path p = dir.resolve("one.xml");
    Files.writeString(p, tip("42", "", ""));
    assertEquals("42", accepted(readFile(p, CyberTipLimits.DEFAULT).get(0)).reportId());
  }
}
