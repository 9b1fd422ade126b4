package fr.vigie.app.triage;

/**
 * How soon a suspect must be acted on: P1 within 48 hours (a child may be at risk now), P2 within
 * 30 days, P3 within the year. The deadlines themselves come from the weights file.
 */
public enum Tier {
  P1, P2, P3;

  /** Returns the tier for a stored code, e.g. "P2". */
  public static Tier of(String code) {
    return valueOf(code);
  }
}
