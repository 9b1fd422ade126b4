package fr.vigie.bittorrent.wire;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peer ids: ours ({@value #PREFIX} then 12 random alphanumerics, Azureus style, so that a peer's
 * logs name Vigie and this version), and the client names decoded from others'.
 */
public final class PeerIds {

  /** Azureus-style prefix: VG = Vigie, 0001 = wire behaviour version 0.0.0.1. */
  public static final String PREFIX = "-VG0001-";

  /** What we call ourselves in HTTP announces and in the extension handshake's {@code v}. */
  public static final String USER_AGENT = "Vigie/0.1";

  private static final String ALPHANUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern AZUREUS = Pattern.compile("^-([A-Za-z0-9~]{2})([A-Za-z0-9]{4})-");
  private static final Pattern ARIA2 = Pattern.compile("^A2-(\\d+)-(\\d+)-(\\d+)-");
  private static final Pattern MAINLINE = Pattern.compile("^([A-Z])(\\d{1,2})-(\\d{1,2})-(\\d{1,2})-");

  // Codes from the peer-id conventions (BEP 20 and the clients' own sources); facts, not code.
  private static final Map<String, String> AZUREUS_CODES = Map.ofEntries(
      Map.entry("AZ", "Vuze"), Map.entry("BI", "BiglyBT"), Map.entry("BC", "BitComet"), Map.entry("BT", "BitTorrent"),
      Map.entry("DE", "Deluge"), Map.entry("FD", "Free Download Manager"), Map.entry("KT", "KTorrent"),
      Map.entry("LT", "libtorrent (Rasterbar)"), Map.entry("lt", "libTorrent (rakshasa)"), Map.entry("qB", "qBittorrent"),
      Map.entry("TR", "Transmission"), Map.entry("UT", "µTorrent"), Map.entry("UM", "µTorrent Mac"), Map.entry("UW", "µTorrent Web"),
      Map.entry("WW", "WebTorrent"), Map.entry("WD", "WebTorrent Desktop"), Map.entry("XL", "Xunlei"), Map.entry("SD", "Thunder"),
      Map.entry("BF", "BitFlu"), Map.entry("FL", "Folx"), Map.entry("PI", "PicoTorrent"), Map.entry("TX", "Tixati"),
      Map.entry("VG", "Vigie"), Map.entry("AG", "Ares"), Map.entry("HL", "Halite"), Map.entry("LW", "LimeWire"));

  private static final Map<String, String> MAINLINE_CODES = Map.of("M", "BitTorrent (mainline)", "Q", "Queen Bee", "R", "Tribler", "T", "BitTornado");

  private PeerIds() {}

  /** A fresh peer id: {@value #PREFIX} and 12 random alphanumerics. */
  public static byte[] generate() {
    byte[] id = new byte[20];
    byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(prefix, 0, id, 0, prefix.length);
    for (int i = prefix.length; i < 20; i++) {
      id[i] = (byte) ALPHANUM.charAt(RANDOM.nextInt(ALPHANUM.length()));
    }
    return id;
  }

  /** The client a peer id names by convention, with its version, or {@code unknown}. */
  public static String clientName(byte[] peerId) {
    String s = new String(peerId, StandardCharsets.ISO_8859_1);
    Matcher m = AZUREUS.matcher(s);
    if (m.find()) {
      String name = AZUREUS_CODES.get(m.group(1));
      String v = m.group(2);
      if (name == null) {
        return "unknown (-" + m.group(1) + v + "-)";
      }
      return name + " " + azureusVersion(m.group(1), v);
    }
    m = ARIA2.matcher(s);
    if (m.find()) {
      return "aria2 " + m.group(1) + "." + m.group(2) + "." + m.group(3);
    }
    m = MAINLINE.matcher(s);
    if (m.find() && MAINLINE_CODES.containsKey(m.group(1))) {
      return MAINLINE_CODES.get(m.group(1)) + " " + m.group(2) + "." + m.group(3) + "." + m.group(4);
    }
    return "unknown";
  }

  private static String azureusVersion(String code, String v) {
    if (code.equals("TR")) {
      // Transmission: 1.x-3.x as "X.YZ" (-TR3000- is 3.00), 4.x as "X.Y.Z"; a trailing Z or X marks a dev build
      String tail = v.charAt(3) == 'Z' ? "+" : v.charAt(3) == 'X' ? " beta" : "";
      return v.charAt(0) <= '3' ? v.charAt(0) + "." + v.substring(1, 3) + tail : v.charAt(0) + "." + v.charAt(1) + "." + v.charAt(2) + tail;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      if (i > 0) {
        sb.append('.');
      }
      sb.append(Character.digit(v.charAt(i), 36));
    }
    char build = v.charAt(3);
    if (build != '0') {
      sb.append(Character.isDigit(build) ? "." + build : " (" + build + ")");
    }
    return sb.toString();
  }
}
