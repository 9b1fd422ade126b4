package fr.vigie.app.statistics;

import java.time.LocalDate;

/**
 * What figures are asked for: reports received from {@code from} to {@code to} (both days
 * included, Paris time; null: no bound), for one unit's scope ({@code unitCode}) or national
 * (null). An investigator's figures are always their unit's, whatever they ask.
 */
public record StatisticsQuery(LocalDate from, LocalDate to, String unitCode) {

  public static StatisticsQuery everything() {
    return new StatisticsQuery(null, null, null);
  }

  public StatisticsQuery {
    if (unitCode != null && unitCode.isBlank()) {
      unitCode = null;
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("the period ends (" + to + ") before it starts ("
          + from + ")");
    }
  }
}
