package fr.vigie.app.intake.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The matching key of a device id ({@code reported_identifiers.canonical_key} of kind
 * DEVICE_ID, what linking's SAME_DEVICE rule compares): the type upper-cased, a colon, and the
 * value as written, except that the hardware numbers providers print in groups (IMEI, MEID,
 * ICCID, IMSI, ESN) lose their spaces, dots and dashes when what is left is hex digits, and MAC
 * addresses are lower-cased with colons. Nothing else is folded: an SSID or an advertising id
 * is compared as written, since a false "same device" would merge two people.
 */
final class DeviceKeys {

  private static final Set<String> GROUPED_NUMBERS = Set.of("IMEI", "IMEISV", "MEID", "ICCID",
      "IMSI", "ESN");
  private static final Set<String> MAC = Set.of("MAC", "MAC ADDRESS", "MAC_ADDRESS",
      "MACADDRESS");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]");
  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");
  private static final Pattern MAC_VALUE = Pattern.compile(
      "[0-9a-f]{2}([:\\-.]?[0-9a-f]{2}){5}");

  private DeviceKeys() {}

  /** The value as linking compares it, without the type. */
  static String normalized(String type, String value) {
    String t = type.strip().toUpperCase(Locale.ROOT);
    String v = value.strip();
    if (GROUPED_NUMBERS.contains(t)) {
      String digits = SEPARATORS.matcher(v).replaceAll("");
      return HEX.matcher(digits).matches() ? digits.toUpperCase(Locale.ROOT) : v;
    }
    if (MAC.contains(t)) {
      String lower = v.toLowerCase(Locale.ROOT);
      if (MAC_VALUE.matcher(lower).matches()) {
        String hex = lower.replaceAll("[:\\-.]", "");
        StringBuilder b = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
          b.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return b.toString();
      }
    }
    return v;
  }

  /** {@code TYPE:value}: the same IMEI typed with or without its groups is one key. */
  static String canonical(String type, String value) {
    return type.strip().toUpperCase(Locale.ROOT) + ":" + normalized(type, value);
  }
}
