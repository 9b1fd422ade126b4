package fr.vigie.app.linking;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Fellegi–Sunter scoring of two person records (a reported person or a subscriber). Each field
 * compared gives an agreement level; the level's weight is {@code log2(m / u)}, where m is the
 * probability of that level when both records are the same person and u when they are not. The
 * score is the sum over the fields present on both sides (a missing field weighs 0). The m and u
 * values, the threshold and a worked example are in docs/linking.md.
 */
public final class FellegiSunter {

  /** At or above this score a pair is proposed to an analyst; never linked without one. */
  public static final double PROPOSE_AT = 22.0;

  /** One field's agreement level, its m and u, and the resulting weight. */
  public record Level(String field, String level, double m, double u) {
    public double weight() {
      return Math.log(m / u) / Math.log(2);
    }
  }

  /** The fields a person record offers to the comparison. */
  public record Traits(String firstName, String lastName, LocalDate dateOfBirth, String address,
      String postalCode) {

    /** Whether the record has enough to be compared at all (a last name). */
    public boolean comparable() {
      return !LinkKeys.norm(lastName).isEmpty();
    }
  }

  /** The score of a pair and the level of each field that counted. */
  public record Score(double total, List<Level> levels) {}

  public static final Level LAST_EXACT = new Level("last_name", "exact", 0.90, 0.002);
  public static final Level LAST_SIMILAR = new Level("last_name", "soundex", 0.06, 0.01);
  public static final Level LAST_DIFFERENT = new Level("last_name", "different", 0.04, 0.988);
  public static final Level FIRST_EXACT = new Level("first_name", "exact", 0.88, 0.01);
  public static final Level FIRST_SIMILAR = new Level("first_name", "soundex", 0.09, 0.02);
  public static final Level FIRST_DIFFERENT = new Level("first_name", "different", 0.03, 0.97);
  public static final Level DOB_EXACT = new Level("date_of_birth", "exact", 0.97, 0.0001);
  public static final Level DOB_DIFFERENT = new Level("date_of_birth", "different", 0.03, 0.9999);
  public static final Level POSTAL_EXACT = new Level("postal_code", "exact", 0.85, 0.001);
  public static final Level POSTAL_DIFFERENT = new Level("postal_code", "different", 0.15, 0.999);
  public static final Level ADDRESS_EXACT = new Level("address", "exact", 0.70, 0.0002);
  public static final Level ADDRESS_DIFFERENT = new Level("address", "different", 0.30, 0.9998);

  private FellegiSunter() {}

  /** Scores two records. */
  public static Score score(Traits a, Traits b) {
    List<Level> levels = new ArrayList<>(5);
    name(a.lastName(), b.lastName(), LAST_EXACT, LAST_SIMILAR, LAST_DIFFERENT, levels);
    name(a.firstName(), b.firstName(), FIRST_EXACT, FIRST_SIMILAR, FIRST_DIFFERENT, levels);
    if (a.dateOfBirth() != null && b.dateOfBirth() != null) {
      levels.add(a.dateOfBirth().equals(b.dateOfBirth()) ? DOB_EXACT : DOB_DIFFERENT);
    }
    exact(postal(a.postalCode()), postal(b.postalCode()), POSTAL_EXACT, POSTAL_DIFFERENT, levels);
    exact(LinkKeys.norm(a.address()), LinkKeys.norm(b.address()), ADDRESS_EXACT,
        ADDRESS_DIFFERENT, levels);
    double total = 0;
    for (Level l : levels) {
      total += l.weight();
    }
    return new Score(total, List.copyOf(levels));
  }

  /** Returns the score alone, without the list of levels. */
  public static double total(Traits a, Traits b) {
    return score(a, b).total();
  }

  /**
   * A record's fields normalised once: a rebuild compares millions of pairs, and normalising
   * (accents, case, Soundex) costs far more than comparing.
   */
  public record Prepared(String last, String lastCode, String first, String firstCode,
      LocalDate dateOfBirth, String postal, String address) {

    public static Prepared of(Traits t) {
      String last = LinkKeys.norm(t.lastName());
      String first = LinkKeys.norm(t.firstName());
      return new Prepared(last, LinkKeys.soundex(last), first, LinkKeys.soundex(first),
          t.dateOfBirth(), FellegiSunter.postal(t.postalCode()), LinkKeys.norm(t.address()));
    }
  }

  /** The same score as {@link #score}, on prepared records. */
  public static double total(Prepared a, Prepared b) {
    double total = 0;
    total += name(a.last(), a.lastCode(), b.last(), b.lastCode(), LAST_EXACT, LAST_SIMILAR,
        LAST_DIFFERENT);
    total += name(a.first(), a.firstCode(), b.first(), b.firstCode(), FIRST_EXACT,
        FIRST_SIMILAR, FIRST_DIFFERENT);
    if (a.dateOfBirth() != null && b.dateOfBirth() != null) {
      total += a.dateOfBirth().equals(b.dateOfBirth()) ? W_DOB_EXACT : W_DOB_DIFFERENT;
    }
    if (!a.postal().isEmpty() && !b.postal().isEmpty()) {
      total += a.postal().equals(b.postal()) ? W_POSTAL_EXACT : W_POSTAL_DIFFERENT;
    }
    if (!a.address().isEmpty() && !b.address().isEmpty()) {
      total += a.address().equals(b.address()) ? W_ADDRESS_EXACT : W_ADDRESS_DIFFERENT;
    }
    return total;
  }

  private static final double W_DOB_EXACT = DOB_EXACT.weight();
  private static final double W_DOB_DIFFERENT = DOB_DIFFERENT.weight();
  private static final double W_POSTAL_EXACT = POSTAL_EXACT.weight();
  private static final double W_POSTAL_DIFFERENT = POSTAL_DIFFERENT.weight();
  private static final double W_ADDRESS_EXACT = ADDRESS_EXACT.weight();
  private static final double W_ADDRESS_DIFFERENT = ADDRESS_DIFFERENT.weight();

  private static double name(String a, String aCode, String b, String bCode, Level exact,
      Level similar, Level different) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    return a.equals(b) ? exact.weight() : aCode.equals(bCode) ? similar.weight()
        : different.weight();
  }

  static String postal(String p) {
    return p == null ? "" : p.replace(" ", "").strip();
  }

  private static void name(String x, String y, Level exact, Level similar, Level different,
      List<Level> out) {
    String a = LinkKeys.norm(x);
    String b = LinkKeys.norm(y);
    if (a.isEmpty() || b.isEmpty()) {
      return;
    }
    if (a.equals(b)) {
      out.add(exact);
    } else if (LinkKeys.soundex(a).equals(LinkKeys.soundex(b))) {
      out.add(similar);
    } else {
      out.add(different);
    }
  }

  private static void exact(String a, String b, Level same, Level different, List<Level> out) {
    if (!a.isEmpty() && !b.isEmpty()) {
      out.add(a.equals(b) ? same : different);
    }
  }
}
