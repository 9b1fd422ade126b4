package fr.vigie.app.support;

/** Whether tests that need PostgreSQL or a browser may be skipped (they may not in CI). */
public final class Strictness {

  private Strictness() {}

  public static boolean strict() {
    String value = System.getenv("VIGIE_TEST_STRICT");
    return value != null && !value.isBlank() && !"0".equals(value) && !"false".equals(value);
  }
}
