package fr.vigie.formats.cybertip;

/** ESP industry classification: A prepubescent, B pubescent; 1 sex act, 2 lascivious exhibition. */
public enum IndustryClassification {
  A1, A2, B1, B2;

  public static IndustryClassification fromText(String text) {
    for (IndustryClassification c : values()) {
      if (c.name().equalsIgnoreCase(text.strip())) {
        return c;
      }
    }
    return null;
  }
}
