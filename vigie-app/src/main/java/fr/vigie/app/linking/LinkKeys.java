package fr.vigie.app.linking;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * How linking names an identifier (a node): {@code KIND|value}, where the value is the intake's
 * canonical key, qualified by the platform for platform accounts (a screen name means nothing
 * without its platform), and how it names a subscriber from an operator's answer.
 */
public final class LinkKeys {

  /** The node kind of a subscriber's identity (name + date of birth + address). */
  public static final String SUBSCRIBER = "SUBSCRIBER";

  /** Kinds whose value only identifies someone together with the platform. */
  static final Set<String> PLATFORM_KINDS = Set.of("SCREEN_NAME", "ACCOUNT_ID", "URL");

  private LinkKeys() {}

  /** Returns the node key of a reported identifier. */
  public static String reported(String kind, String platform, String canonicalKey) {
    return kind + "|" + value(kind, platform, canonicalKey);
  }

  /** Returns the value stored in {@code suspect_identifiers.canonical_key} for that identifier. */
  public static String value(String kind, String platform, String canonicalKey) {
    if (PLATFORM_KINDS.contains(kind)) {
      String p = platform == null ? "" : platform.strip().toLowerCase(Locale.ROOT).replace(':', '_');
      return p + ":" + canonicalKey;
    }
    return canonicalKey;
  }

  /** Returns the kind of a node key. */
  public static String kindOf(String node) {
    return node.substring(0, node.indexOf('|'));
  }

  /** Returns the value of a node key (what {@code suspect_identifiers.canonical_key} holds). */
  public static String valueOf(String node) {
    return node.substring(node.indexOf('|') + 1);
  }

  /**
   * Returns the canonical key to look up in {@code reported_identifiers} for a node (without its
   * platform), or null for a subscriber node.
   */
  public static String intakeKeyOf(String node) {
    String kind = kindOf(node);
    if (SUBSCRIBER.equals(kind)) {
      return null;
    }
    String value = valueOf(node);
    return PLATFORM_KINDS.contains(kind) ? value.substring(value.indexOf(':') + 1) : value;
  }

  /**
   * Returns the identity key of a subscriber: normalised last and first name, date of birth and
   * address (postal code included). Without a name and at least a date of birth or an address the
   * answer identifies no one reliably, and the key is the answer row's own, so that it stands
   * alone and is never merged by accident.
   */
  public static String subscriber(long subscriberId, String firstName, String lastName,
      String fullName, LocalDate dateOfBirth, String address, String postalCode) {
    String name = norm(lastName).isEmpty() && norm(firstName).isEmpty() ? norm(fullName)
        : norm(lastName) + "/" + norm(firstName);
    String place = norm(address) + "/" + norm(postalCode);
    boolean hasPlace = !norm(address).isEmpty() && !norm(postalCode).isEmpty();
    if (name.replace("/", "").isEmpty() || (dateOfBirth == null && !hasPlace)) {
      return SUBSCRIBER + "|answer:" + subscriberId;
    }
    return SUBSCRIBER + "|" + name + "/" + (dateOfBirth == null ? "" : dateOfBirth) + "/" + place;
  }

  /** Upper-case letters and digits only, accents folded, words separated by one space. */
  public static String norm(String s) {
    if (s == null) {
      return "";
    }
    if (s.chars().allMatch(c -> c < 128)) {
      return normAscii(s); // the common case, without a regular expression
    }
    String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return folded.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", " ").strip();
  }

  private static String normAscii(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean gap = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        c = (char) (c - 32);
      }
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        if (gap && !out.isEmpty()) {
          out.append(' ');
        }
        gap = false;
        out.append(c);
      } else {
        gap = true;
      }
    }
    return out.toString();
  }

  /**
   * A Soundex-like code of a name (first letter + 3 digits), tuned for French spellings only in
   * that accents are folded first: MARTIN, MARTAIN and MARTINS agree.
   */
  public static String soundex(String name) {
    String n = norm(name).replace(" ", "");
    if (n.isEmpty() || !Character.isLetter(n.charAt(0))) {
      return "";
    }
    StringBuilder out = new StringBuilder().append(n.charAt(0));
    char last = code(n.charAt(0));
    for (int i = 1; i < n.length() && out.length() < 4; i++) {
      char c = n.charAt(i);
      char d = code(c);
      if (d != '0' && d != last) {
        out.append(d);
      }
      if (c != 'H' && c != 'W') {
        last = d;
      }
    }
    while (out.length() < 4) {
      out.append('0');
    }
    return out.toString();
  }

  private static char code(char c) {
    return switch (c) {
      case 'B', 'F', 'P', 'V' -> '1';
      case 'C', 'G', 'J', 'K', 'Q', 'S', 'X', 'Z' -> '2';
      case 'D', 'T' -> '3';
      case 'L' -> '4';
      case 'M', 'N' -> '5';
      case 'R' -> '6';
      default -> '0';
    };
  }

  /**
   * Returns the département of a French postal code (e.g. "69003" → "69", "20167" → "2A",
   * "97411" → "974"), or null if it is not one.
   */
  public static String departementOf(String postalCode) {
    if (postalCode == null) {
      return null;
    }
    String p = postalCode.strip().replace(" ", "");
    if (!p.matches("\\d{5}")) {
      return null;
    }
    if (p.startsWith("97") || p.startsWith("98")) {
      return p.substring(0, 3);
    }
    if (p.startsWith("20")) {
      return Integer.parseInt(p) < 20200 ? "2A" : "2B";
    }
    if (p.startsWith("00")) {
      return null;
    }
    return p.substring(0, 2);
  }
}
