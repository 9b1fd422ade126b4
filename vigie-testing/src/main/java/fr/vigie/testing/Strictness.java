package fr.vigie.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whether a test whose prerequisite is missing (a browser, the shared reference data) may be
 * skipped: yes on a developer's machine, with one line saying what to install; no when
 * {@code VIGIE_TEST_STRICT=1}, as in CI, so that CI can never pass by skipping.
 */
public final class Strictness {

  public static final String VARIABLE = "VIGIE_TEST_STRICT";

  private Strictness() {}

  public static boolean strict() {
    String value = System.getenv(VARIABLE);
    return value != null && !value.isBlank() && !"0".equals(value) && !"false".equals(value);
  }

  /**
   * Skips the test (fails it when strict) unless {@code present}; {@code missing} says in one
   * line what is missing and how to get it.
   */
  public static void require(boolean present, String missing) {
    if (present) {
      return;
    }
    if (strict()) {
      fail(missing + " (" + VARIABLE + " is set: nothing may be skipped)");
    }
    System.out.println("skipped: " + missing);
    assumeTrue(false, missing);
  }
}
