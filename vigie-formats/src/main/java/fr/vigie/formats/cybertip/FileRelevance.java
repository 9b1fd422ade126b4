package fr.vigie.formats.cybertip;

/** {@code fileRelevance}: {@code Reported} or {@code Supplemental Reported}. */
public enum FileRelevance {
  REPORTED, SUPPLEMENTAL_REPORTED;

  public static FileRelevance fromText(String text) {
    return switch (IncidentType.key(text)) {
      case "reported" -> REPORTED;
      case "supplemental reported" -> SUPPLEMENTAL_REPORTED;
      default -> null;
    };
  }
}
