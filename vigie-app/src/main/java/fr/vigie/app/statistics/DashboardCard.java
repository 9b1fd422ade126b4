package fr.vigie.app.statistics;

import java.util.List;

/**
 * One card of the dashboard: a figure, its words and the list it counts, opened with the filters
 * that give that figure; its details are smaller figures of the same list, each with its own link.
 *
 * @param id the card's element id on the page
 * @param label message key of its words; {@code argument} fills its {0} when not null
 * @param link the address of the list that shows that count
 */
public record DashboardCard(String id, long figure, String label, Long argument, String link,
    List<DashboardCard> details) {

  public DashboardCard {
    details = List.copyOf(details);
  }

  static DashboardCard of(String id, long figure, String label, String link) {
    return new DashboardCard(id, figure, label, null, link, List.of());
  }
}
