package fr.vigie.app.statistics;

/**
 * Whose figures: every unit's ({@code unitId} null), or one unit's: the reports of the
 * départements it covers and those whose IP events led to a subscriber assigned to it, as its
 * investigators see suspects and cases.
 */
public record StatisticsScope(Long unitId, String unitCode, String unitName) {

  public static final StatisticsScope NATIONAL = new StatisticsScope(null, null, null);

  public boolean national() {
    return unitId == null;
  }
}
