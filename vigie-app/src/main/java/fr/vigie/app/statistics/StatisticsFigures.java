package fr.vigie.app.statistics;

import java.util.List;

/**
 * The statistics of one scope and period, each computed by the database: reports received per
 * month by source and by incident type, the backlog (reports not processed yet), the
 * identification figures and the reports by département (every département, zeros included).
 */
public record StatisticsFigures(StatisticsScope scope, StatisticsQuery query, long reports,
    List<MonthlyCount> bySource, List<MonthlyCount> byIncidentType, long backlog,
    Identification identification, List<DepartementCount> byDepartement) {

  public StatisticsFigures {
    bySource = List.copyOf(bySource);
    byIncidentType = List.copyOf(byIncidentType);
    byDepartement = List.copyOf(byDepartement);
  }
}
