package fr.vigie.formats.intake;

import fr.vigie.formats.cybertip.EventTime;
import fr.vigie.formats.cybertip.FileHash;
import fr.vigie.formats.cybertip.FileRelevance;
import fr.vigie.formats.cybertip.IncidentType;
import fr.vigie.formats.cybertip.IndustryClassification;
import fr.vigie.formats.cybertip.IpAddresses;
import fr.vigie.formats.cybertip.IpEventName;
import fr.vigie.formats.cybertip.Party;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks and normalises the values of the Vigie JSON Lines and CSV formats with the same rules
 * (and the same normalisers) as the CyberTipline XML path, so that a report means the same
 * whatever format it came in. Each method throws {@link Problem} with the reason.
 */
final class Values {

  /** Source kinds a record may name; P2P_SENSOR is Vigie's own and never comes from a file. */
  static final Set<String> SOURCE_KINDS =
      Set.of("PLATFORM", "PARTNER", "FOREIGN_POLICE", "NCMEC", "MANUAL");

  // Compiled once: these run several times per record on the import's hot path.
  private static final Pattern SOURCE_CODE = Pattern.compile("[A-Z0-9_.-]{1,32}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern UP_TO_3_DIGITS = Pattern.compile("[0-9]{1,3}");
  private static final Pattern UP_TO_5_DIGITS = Pattern.compile("[0-9]{1,5}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

  private Values() {}

  /** 1 to 100 characters, no control character (reports.external_id). */
  static String reportId(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new Problem("missing reportId");
    }
    if (s.length() > 100) {
      throw new Problem("reportId longer than 100 characters: " + quote(s));
    }
    if (s.chars().anyMatch(Character::isISOControl)) {
      throw new Problem("reportId holds a control character: " + quote(s));
    }
    return s;
  }

  /** Upper-cased; letters, digits, {@code _ - .}, 1 to 32 (sources.code). */
  static String sourceCode(String text) {
    String s = text.strip().toUpperCase(Locale.ROOT);
    if (!SOURCE_CODE.matcher(s).matches()) {
      throw new Problem("source code must be 1 to 32 letters, digits, '_', '-' or '.': "
          + quote(text));
    }
    return s;
  }

  static String sourceName(String text) {
    String s = text.strip();
    if (s.isEmpty() || s.length() > 200) {
      throw new Problem("source name must be 1 to 200 characters: " + quote(text));
    }
    return s;
  }

  static String sourceKind(String text) {
    String s = text.strip().toUpperCase(Locale.ROOT);
    if (!SOURCE_KINDS.contains(s)) {
      throw new Problem("unknown source kind " + quote(text)
          + " (PLATFORM, PARTNER, FOREIGN_POLICE, NCMEC or MANUAL)");
    }
    return s;
  }

  /** ISO 3166-1 alpha-2, upper-cased. */
  static String country(String text) {
    String s = text.strip().toUpperCase(Locale.ROOT);
    if (!COUNTRY.matcher(s).matches()) {
      throw new Problem("country must be 2 letters (ISO 3166-1 alpha-2): " + quote(text));
    }
    return s;
  }

  /** The enum name ({@code ONLINE_ENTICEMENT}) or NCMEC's label. */
  static IncidentType incidentType(String text) {
    String s = text.strip();
    for (IncidentType t : IncidentType.values()) {
      if (t.name().equalsIgnoreCase(s)) {
        return t;
      }
    }
    IncidentType t = IncidentType.fromLabel(s);
    if (t == null) {
      throw new Problem("unknown incidentType " + quote(text));
    }
    return t;
  }

  /** ISO 8601 date-time, offset optional (then flagged, never assumed). */
  static EventTime time(String text) {
    try {
      return EventTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new Problem("impossible or malformed date-time " + quote(text)
          + " (expected e.g. 2024-05-01T22:10:00+02:00)");
    }
  }

  static LocalDate date(String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new Problem("impossible or malformed date " + quote(text)
          + " (expected e.g. 2009-04-30)");
    }
  }

  static int age(String text) {
    String s = text.strip();
    if (!UP_TO_3_DIGITS.matcher(s).matches() || Integer.parseInt(s) > 130) {
      throw new Problem("age must be 0 to 130: " + quote(text));
    }
    return Integer.parseInt(s);
  }

  /** Canonical IP (IPv6 compressed, IPv4-mapped folded); never resolved. */
  static String ip(String text) {
    String ip = IpAddresses.canonical(text);
    if (ip == null) {
      throw new Problem("invalid IP address " + quote(text));
    }
    return ip;
  }

  static int port(String text) {
    String s = text.strip();
    if (!UP_TO_5_DIGITS.matcher(s).matches() || Integer.parseInt(s) < 1
        || Integer.parseInt(s) > 65535) {
      throw new Problem("port outside 1-65535: " + quote(text));
    }
    return Integer.parseInt(s);
  }

  static IpEventName eventName(String text) {
    IpEventName n = IpEventName.fromText(text);
    if (n == null) {
      throw new Problem("unknown eventName " + quote(text)
          + " (LOGIN, REGISTRATION, PURCHASE, UPLOAD, OTHER or UNKNOWN)");
    }
    return n;
  }

  static IndustryClassification classification(String text) {
    IndustryClassification c = IndustryClassification.fromText(text);
    if (c == null) {
      throw new Problem("unknown classification " + quote(text) + " (A1, A2, B1 or B2)");
    }
    return c;
  }

  static FileRelevance relevance(String text) {
    FileRelevance r = FileRelevance.fromText(text.replace('_', ' '));
    if (r == null) {
      throw new Problem("unknown relevance " + quote(text)
          + " (REPORTED or SUPPLEMENTAL_REPORTED)");
    }
    return r;
  }

  /**
   * A hash of a file: {@code type} is MD5, SHA1, SHA256 or PDQ; the value must be hex of the
   * exact length (PDQ: 64, the 256-bit hash) and is lower-cased.
   */
  static FileHash hash(String type, String text) {
    String value = text.strip();
    if (type.equals("PDQ")) {
      if (value.length() != 64 || !HEX.matcher(value).matches()) {
        throw new Problem("PDQ must be 64 hex characters: " + quote(value));
      }
      return new FileHash("PDQ", FileHash.Algorithm.OTHER, value.toLowerCase(Locale.ROOT));
    }
    FileHash.Algorithm algorithm = FileHash.Algorithm.of(type);
    String problem = value.length() == algorithm.hexLength() && HEX.matcher(value).matches()
        ? null : FileHash.problem(algorithm, value);
    if (problem != null) {
      throw new Problem(problem + ": " + quote(value));
    }
    return new FileHash(type, algorithm, value.toLowerCase(Locale.ROOT));
  }

  /** {@code true}/{@code false} in any case, or 1/0, yes/no, oui/non (spreadsheets). */
  static boolean bool(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "oui", "y", "o" -> true;
      case "false", "0", "no", "non", "n" -> false;
      default -> throw new Problem("expected true or false: " + quote(text));
    };
  }

  /** REPORTED, VICTIM or RECIPIENT (also INTENDED_RECIPIENT). */
  static Party.Role role(String text) {
    return switch (text.strip().toUpperCase(Locale.ROOT)) {
      case "REPORTED" -> Party.Role.REPORTED;
      case "VICTIM" -> Party.Role.VICTIM;
      case "RECIPIENT", "INTENDED_RECIPIENT" -> Party.Role.INTENDED_RECIPIENT;
      default -> throw new Problem("unknown personRole " + quote(text)
          + " (REPORTED, VICTIM or RECIPIENT)");
    };
  }

  /** The number that groups the rows of one person within a report: 1 to 999. */
  static int personNumber(String text) {
    String s = text.strip();
    if (!UP_TO_3_DIGITS.matcher(s).matches() || Integer.parseInt(s) < 1) {
      throw new Problem("person must be a number from 1 to 999: " + quote(text));
    }
    return Integer.parseInt(s);
  }

  static String quote(String value) {
    String v = value == null ? "" : value.strip();
    return "\"" + (v.length() > 100 ? v.substring(0, 100) + "…" : v) + "\"";
  }
}
