package fr.vigie.formats.hashsets;

import java.util.Locale;
import java.util.Map;

/**
 * How a publisher labels severity, and where each label falls on Vigie's scale. The scheme is
 * chosen for each import by the person importing, never guessed from the data: the same VICS
 * number means different things in the Project VIC US and the older DHS scheme.
 *
 * <p>Vigie's scale (docs/hashsets.md): {@value #NOT_PERTINENT} not pertinent, {@value
 * #TO_REVIEW} of interest or not categorised (to review), {@value #ABUSE} child sexual abuse
 * material, {@value #MOST_SEVERE} abuse material graded most severe (UK category A).
 */
public enum CategoryScheme {

  /** Project VIC US: 0 non-pertinent, 1 CAM, 2 exploitive/age difficult, 3 CGI, 4 comparison. */
  US(Map.of("0", 0, "1", 2, "2", 1, "3", 1, "4", 1)),
  /** Older DHS: 0 uncategorised, 1 illegal, 2 age difficult, 3 CGI, 4 comparison, 5 non-pertinent. */
  DHS(Map.of("0", 1, "1", 2, "2", 1, "3", 1, "4", 1, "5", 0)),
  /** UK CAID / IWF, Sentencing Council 2014: A most severe, B and C indecent. */
  CAID(Map.of("A", 3, "B", 2, "C", 2)),
  /** Labels already on Vigie's scale, 0 to 3 (CSV files prepared by Vigie's users). */
  VIGIE(Map.of("0", 0, "1", 1, "2", 2, "3", 3));

  public static final int NOT_PERTINENT = 0;
  public static final int TO_REVIEW = 1;
  public static final int ABUSE = 2;
  public static final int MOST_SEVERE = 3;

  private final Map<String, Integer> labels;

  CategoryScheme(Map<String, Integer> labels) {
    this.labels = labels;
  }

  /**
   * Returns the label's place on Vigie's scale; a null or blank label (uncategorised) is to review.
   *
   * @throws IllegalArgumentException naming the label and the scheme when it is not one of its
   *     labels
   */
  public int vigieCategory(String label) {
    if (label == null || label.isBlank()) {
      return TO_REVIEW;
    }
    Integer category = labels.get(label.strip().toUpperCase(Locale.ROOT));
    if (category == null) {
      throw new IllegalArgumentException("category '" + Hex.shorten(label) + "' is not one of "
          + name() + "'s " + labels.keySet().stream().sorted().toList());
    }
    return category;
  }

  /** Reads a scheme name whatever its case (us, dhs, caid, vigie). */
  public static CategoryScheme of(String name) {
    return valueOf(name.strip().toUpperCase(Locale.ROOT));
  }
}
