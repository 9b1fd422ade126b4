package fr.vigie.app.p2p;

import fr.vigie.bittorrent.Observation;
import fr.vigie.bittorrent.ObservationJson;
import java.security.PrivateKey;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An observation line as the sensor signs it. The signed text is
 * {@link ObservationJson#unsigned} with the sensor's own fields appended ({@code sensor},
 * {@code sensor_version}, {@code clock_offset_ms}, {@code time_source}); the line is that text
 * with {@code "signature":"<base64>"} as its last field. Checking needs no JSON re-encoding: the
 * signed text is the line up to {@code ,"signature":}, closed by {@code }}, byte for byte.
 */
public final class SignedLines {

  private static final Pattern SIGNATURE =
      Pattern.compile(",\"signature\":\"([A-Za-z0-9+/]+={0,2})\"\\}\\s*$");

  /** A line cut into what was signed and its signature. */
  public record Split(String signedText, String signature) {}

  /** Who signs, with what clock. */
  public record SensorStamp(String sensor, String version, Long clockOffsetMs,
      String timeSource) {}

  private SignedLines() {}

  /** The text to sign for one observation. */
  public static String signedText(Observation o, SensorStamp stamp) {
    String u = ObservationJson.unsigned(o);
    return u.substring(0, u.length() - 1) + ",\"sensor\":" + str(stamp.sensor())
        + ",\"sensor_version\":" + str(stamp.version())
        + ",\"clock_offset_ms\":" + (stamp.clockOffsetMs() == null ? "null"
            : stamp.clockOffsetMs().toString())
        + ",\"time_source\":" + (stamp.timeSource() == null ? "null" : str(stamp.timeSource()))
        + "}";
  }

  /** The line: the signed text, then its signature by {@code key}. */
  public static String sign(String signedText, PrivateKey key) {
    if (!signedText.startsWith("{") || !signedText.endsWith("}")) {
      throw new IllegalArgumentException("not a JSON object: " + signedText);
    }
    return signedText.substring(0, signedText.length() - 1) + ",\"signature\":"
        + str(Ed25519Keys.sign(key, signedText)) + "}";
  }

  /** The line cut at its signature, or empty when it carries none as its last field. */
  public static Optional<Split> split(String line) {
    if (line == null) {
      return Optional.empty();
    }
    Matcher m = SIGNATURE.matcher(line);
    if (!m.find() || !line.startsWith("{")) {
      return Optional.empty();
    }
    return Optional.of(new Split(line.substring(0, m.start()) + "}", m.group(1)));
  }

  private static String str(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
