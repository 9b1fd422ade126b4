package fr.vigie.app.statistics;

import java.util.List;

/**
 * The dashboard of one caller: national for the office's national roles, their unit's for an
 * investigator (as the statistics are scoped), each card linked to the list that shows its count.
 *
 * @param byIncidentType the reports of the scope by incident type, each with its list's link
 */
public record DashboardView(StatisticsScope scope, List<DashboardCard> cards,
    List<DashboardCard> byIncidentType) {

  public DashboardView {
    cards = List.copyOf(cards);
    byIncidentType = List.copyOf(byIncidentType);
  }
}
