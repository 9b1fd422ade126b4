package fr.vigie.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes N synthetic cyberTips (formats.md §2), the same bytes for the same N: seed 42, 1-5
 * reported persons, 1-20 files and 1-10 IP events per report, invented names, documentation IP
 * ranges and example domains only.
 *
 * <pre>java -cp benchmarks.jar fr.vigie.bench.CyberTipGenerator 10000 tips.xml[.zip]</pre>
 */
public final class CyberTipGenerator {

  private static final String[] TYPES = {
      "Child Pornography (possession, manufacture, and distribution)",
      "Online Enticement of Children for Sexual Acts", "Child Sexual Molestation",
      "Unsolicited Obscene Material Sent to a Child"};
  private static final String[] NAMES = {"Jean", "Marie", "Lucas", "Chloé", "Noah", "Léa"};
  private static final String[] EVENTS = {"Login", "Registration", "Upload", "Other"};
  private static final String[] NETS = {"192.0.2.", "198.51.100.", "203.0.113."};
  private static final HexFormat HEX = HexFormat.of();

  private CyberTipGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: CyberTipGenerator N OUT.xml[.zip]");
      System.exit(2);
    }
    int n = Integer.parseInt(args[0]);
    Path out = Path.of(args[1]);
    try (OutputStream file = Files.newOutputStream(out)) {
      if (out.getFileName().toString().endsWith(".zip")) {
        try (ZipOutputStream zip = new ZipOutputStream(file)) {
          String entry = out.getFileName().toString().replaceFirst("\\.zip$", "");
          zip.putNextEntry(new ZipEntry(entry.endsWith(".xml") ? entry : entry + ".xml"));
          write(n, zip);
          zip.closeEntry();
        }
      } else {
        write(n, file);
      }
    }
  }

  /** Writes the document to {@code out} without closing it. */
  public static void write(int n, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    Random random = new Random(42);
    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cyberTips>\n");
    for (int i = 0; i < n; i++) {
      tip(w, random, 160_000_000L + i);
    }
    w.write("</cyberTips>\n");
    w.flush();
  }

  private static void tip(Writer w, Random r, long id) throws IOException {
    int persons = 1 + r.nextInt(5);
    int files = 1 + r.nextInt(20);
    int events = 1 + r.nextInt(10);
    w.write("  <cyberTip reportId=\"" + id + "\" receivedAt=\"2024-0" + (1 + r.nextInt(9))
        + "-1" + r.nextInt(10) + "T0" + r.nextInt(10) + ":1" + r.nextInt(10) + ":00Z\">\n");
    w.write("    <report>\n      <incidentSummary>\n        <incidentType>"
        + esc(TYPES[r.nextInt(TYPES.length)]) + "</incidentType>\n"
        + "        <platform>ExampleChat</platform>\n"
        + "        <incidentDateTime>2024-01-15T14:30:00.000" + (r.nextBoolean() ? "Z" : "-07:00")
        + "</incidentDateTime>\n      </incidentSummary>\n");
    w.write("      <reporter><reportingPerson><email>trust@example.com</email>"
        + "</reportingPerson></reporter>\n");
    // IP events spread over the persons, the rest on the files.
    int[] perPerson = new int[persons];
    for (int e = 0; e < events; e++) {
      perPerson[r.nextInt(persons)]++;
    }
    for (int p = 0; p < persons; p++) {
      String first = NAMES[r.nextInt(NAMES.length)];
      w.write("      <personOrUserReported>\n        <personOrUserReportedPerson>\n"
          + "          <firstName>" + first + "</firstName><lastName>Exemple</lastName>\n"
          + "          <phone countryCallingCode=\"+33\">06" + (10_000_000 + r.nextInt(89_999_999))
          + "</phone>\n          <email>" + first.toLowerCase(java.util.Locale.ROOT) + "."
          + r.nextInt(100_000) + "@example.com</email>\n"
          + "          <dateOfBirth>19" + (70 + r.nextInt(30)) + "-0" + (1 + r.nextInt(9))
          + "-1" + r.nextInt(10) + "</dateOfBirth>\n        </personOrUserReportedPerson>\n"
          + "        <screenName>user_" + r.nextInt(1_000_000) + "</screenName>\n");
      for (int e = 0; e < perPerson[p]; e++) {
        w.write("        <ipCaptureEvent><ipAddress>" + ip(r) + "</ipAddress><eventName>"
            + EVENTS[r.nextInt(EVENTS.length)] + "</eventName><dateTime>2024-01-1"
            + r.nextInt(10) + "T1" + r.nextInt(10) + ":00:00Z</dateTime><port>"
            + (1024 + r.nextInt(60_000)) + "</port></ipCaptureEvent>\n");
      }
      w.write("      </personOrUserReported>\n");
    }
    w.write("    </report>\n");
    byte[] md5 = new byte[16];
    byte[] sha1 = new byte[20];
    for (int f = 0; f < files; f++) {
      r.nextBytes(md5);
      r.nextBytes(sha1);
      w.write("    <fileDetails>\n      <reportId>" + id + "</reportId>\n      <fileId>"
          + HEX.formatHex(md5) + "</fileId>\n      <originalFileName>file_" + f
          + ".jpg</originalFileName>\n      <fileRelevance>Reported</fileRelevance>\n"
          + "      <industryClassification>" + (r.nextBoolean() ? "A" : "B") + (1 + r.nextInt(2))
          + "</industryClassification>\n      <originalFileHash hashType=\"MD5\">"
          + HEX.formatHex(md5) + "</originalFileHash>\n      <originalFileHash hashType=\"SHA1\">"
          + HEX.formatHex(sha1) + "</originalFileHash>\n    </fileDetails>\n");
    }
    w.write("  </cyberTip>\n");
  }

  private static String ip(Random r) {
    if (r.nextInt(4) == 0) {
      return "2001:db8::" + Integer.toHexString(r.nextInt(65_536));
    }
    return NETS[r.nextInt(NETS.length)] + (1 + r.nextInt(254));
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;");
  }
}
