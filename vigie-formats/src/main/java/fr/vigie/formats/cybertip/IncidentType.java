package fr.vigie.formats.cybertip;

import java.util.Locale;

/** CyberTipline incident types (formats.md §1), matched ignoring case and extra spaces. */
public enum IncidentType {
  CHILD_PORNOGRAPHY("Child Pornography (possession, manufacture, and distribution)"),
  CHILD_SEX_TRAFFICKING("Child Sex Trafficking"),
  CHILD_SEX_TOURISM("Child Sex Tourism"),
  CHILD_SEXUAL_MOLESTATION("Child Sexual Molestation"),
  MISLEADING_DOMAIN_NAME("Misleading Domain Name"),
  MISLEADING_WORDS_OR_IMAGES("Misleading Words or Digital Images on the Internet"),
  ONLINE_ENTICEMENT("Online Enticement of Children for Sexual Acts"),
  UNSOLICITED_OBSCENE_MATERIAL("Unsolicited Obscene Material Sent to a Child");

  private final String label;

  IncidentType(String label) {
    this.label = label;
  }

  /** The label as NCMEC writes it. */
  public String label() {
    return label;
  }

  /** The type for a label, reading "…Sexual Act" (one client's spelling) as "…Sexual Acts". */
  public static IncidentType fromLabel(String text) {
    String key = key(text);
    if (key.endsWith("sexual act")) {
      key += "s";
    }
    for (int i = 0; i < ALL.length; i++) {
      if (KEYS[i].equals(key)) {
        return ALL[i];
      }
    }
    return null;
  }

  private static final IncidentType[] ALL = values();
  private static final String[] KEYS = new String[ALL.length];

  static {
    for (int i = 0; i < ALL.length; i++) {
      KEYS[i] = key(ALL[i].label);
    }
  }

  /**
   * {@code s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT)}, without a regular
   * expression: it runs for several fields of every record.
   */
  static String key(String s) {
    String t = s.strip();
    StringBuilder out = null;
    boolean space = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean ws = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
      if (out == null) {
        if (ws && (c != ' ' || space)) {
          out = new StringBuilder(t.length()).append(t, 0, i);
        } else {
          space = ws;
          continue;
        }
      }
      if (ws) {
        if (!space) {
          out.append(' ');
        }
      } else {
        out.append(c);
      }
      space = ws;
    }
    return (out == null ? t : out.toString()).toLowerCase(Locale.ROOT);
  }
}
