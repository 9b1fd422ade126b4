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
    for (IncidentType t : values()) {
      if (key(t.label).equals(key)) {
        return t;
      }
    }
    return null;
  }

  static String key(String s) {
    return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
