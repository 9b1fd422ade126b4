package fr.vigie.app.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;

/**
 * Writes N valid synthetic cyberTips, the same bytes for the same arguments (1-5 reported persons,
 * 1-20 files, 1-10 IP events each; invented names, documentation IP ranges, example domains), in
 * the shape of vigie-bench's CyberTipGenerator.
 */
public final class GeneratedTips {

  private static final String[] NAMES = {"Jean", "Marie", "Lucas", "Chloé", "Noah", "Léa"};
  private static final String[] NETS = {"192.0.2.", "198.51.100.", "203.0.113."};

  private GeneratedTips() {}

  /** Writes reports {@code firstId} to {@code firstId + n - 1}; {@code platform} in each. */
  public static Path write(Path file, int n, long firstId, long seed, String platform) {
    HexFormat hex = HexFormat.of();
    Random r = new Random(seed);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cyberTips>\n");
      for (int i = 0; i < n; i++) {
        long id = firstId + i;
        w.write("<cyberTip reportId=\"" + id + "\" receivedAt=\"2024-0" + (1 + r.nextInt(9))
            + "-1" + r.nextInt(10) + "T0" + r.nextInt(10) + ":15:00Z\"><report>"
            + "<incidentSummary><incidentType>Child Sexual Molestation</incidentType>"
            + "<platform>" + platform + "</platform><incidentDateTime>2024-01-15T14:30:00"
            + (r.nextBoolean() ? "Z" : "-07:00") + "</incidentDateTime></incidentSummary>"
            + "<reporter><reportingPerson><email>trust@example.com</email></reportingPerson>"
            + "</reporter>\n");
        int persons = 1 + r.nextInt(5);
        for (int p = 0; p < persons; p++) {
          String first = NAMES[r.nextInt(NAMES.length)];
          w.write("<personOrUserReported><personOrUserReportedPerson><firstName>" + first
              + "</firstName><lastName>Exemple</lastName><phone>06"
              + (10_000_000 + r.nextInt(89_999_999)) + "</phone><email>" + first.toLowerCase(
                  java.util.Locale.ROOT) + "." + r.nextInt(100_000) + "@example.com</email>"
              + "</personOrUserReportedPerson><screenName>user_" + r.nextInt(1_000_000)
              + "</screenName>");
          int events = p == 0 ? 1 + r.nextInt(10) : r.nextInt(2);
          for (int e = 0; e < events; e++) {
            String ip = r.nextInt(4) == 0 ? "2001:db8::" + Integer.toHexString(r.nextInt(65_536))
                : NETS[r.nextInt(NETS.length)] + (1 + r.nextInt(254));
            w.write("<ipCaptureEvent><ipAddress>" + ip + "</ipAddress><eventName>Login"
                + "</eventName><dateTime>2024-01-1" + r.nextInt(10) + "T1" + r.nextInt(10)
                + ":00:00Z</dateTime><port>" + (1024 + r.nextInt(60_000)) + "</port>"
                + "</ipCaptureEvent>");
          }
          w.write("</personOrUserReported>\n");
        }
        w.write("</report>\n");
        int files = 1 + r.nextInt(20);
        byte[] md5 = new byte[16];
        byte[] sha1 = new byte[20];
        for (int f = 0; f < files; f++) {
          r.nextBytes(md5);
          r.nextBytes(sha1);
          w.write("<fileDetails><reportId>" + id + "</reportId><fileId>" + hex.formatHex(md5)
              + "</fileId><originalFileName>file_" + f + ".jpg</originalFileName>"
              + "<originalFileHash hashType=\"MD5\">" + hex.formatHex(md5)
              + "</originalFileHash><originalFileHash hashType=\"SHA1\">" + hex.formatHex(sha1)
              + "</originalFileHash></fileDetails>\n");
        }
        w.write("</cyberTip>\n");
      }
      w.write("</cyberTips>\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
