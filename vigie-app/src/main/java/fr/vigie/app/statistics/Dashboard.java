package fr.vigie.app.statistics;

import fr.vigie.app.intake.IntakeCounts;
import fr.vigie.app.intake.Reports;
import fr.vigie.app.matching.HashSetCounts;
import fr.vigie.app.matching.HashSets;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.statistics.internal.JdbcStatistics;
import fr.vigie.app.units.UnitDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Gathers the dashboard's figures. National roles see the whole office's, each card a link to the
 * list it counts (reports, attribution, hash sets); an investigator sees their unit's, computed as
 * the Statistiques page computes them (the same SQL, the whole period), each card a link to that
 * page where the same figure stands.
 */
@Service
public class Dashboard {

  private final Reports reports;
  private final HashSets hashSets;
  private final UnitDirectory units;
  private final UserAccounts users;
  private final Statistics statistics;
  private final JdbcStatistics jdbc;

  Dashboard(Reports reports, HashSets hashSets, UnitDirectory units, UserAccounts users,
      Statistics statistics, JdbcStatistics jdbc) {
    this.reports = reports;
    this.hashSets = hashSets;
    this.units = units;
    this.users = users;
    this.statistics = statistics;
    this.jdbc = jdbc;
  }

  /** The office's totals (for {@code ./vigie status}). */
  public DashboardFigures figures() {
    return new DashboardFigures(reports.counts(), hashSets.counts(),
        reports.countByIncidentType(), units.units().size(), units.departements().size(),
        users.count(), reports.countMediaByStatus());
  }

  /**
   * The caller's dashboard; {@code may} says which pages the caller may open (a card whose list
   * they may not open is left out).
   */
  public DashboardView view(Access access, Predicate<Permission> may) {
    StatisticsScope scope = statistics.scopeFor(access, null).orElseThrow();
    return scope.national() ? national(may) : unit(scope, may);
  }

  private DashboardView national(Predicate<Permission> may) {
    IntakeCounts intake = reports.counts();
    List<DashboardCard> cards = new ArrayList<>();
    if (may.test(Permission.REPORTS_READ)) {
      cards.add(DashboardCard.of("count-reports", intake.reports(), "dashboard.reports",
          "/signalements"));
    }
    if (may.test(Permission.ATTRIBUTION_READ)) {
      cards.add(new DashboardCard("count-ip-events", intake.ipEvents(), "dashboard.ipEvents", null,
          "/attribution", List.of(DashboardCard.of("count-ip-events-pending",
              intake.ipEventsPendingAttribution(), "dashboard.pending",
              "/attribution#outcome-pending"))));
    }
    if (may.test(Permission.HASH_SETS_READ)) {
      HashSetCounts h = hashSets.counts();
      cards.add(new DashboardCard("count-hash-entries", h.activeEntries(), "dashboard.hashEntries",
          h.activeSets(), "/empreintes", List.of()));
    }
    List<DashboardCard> types = new ArrayList<>();
    if (may.test(Permission.REPORTS_READ)) {
      for (Map.Entry<String, Long> e : reports.countByIncidentType().entrySet()) {
        types.add(new DashboardCard(null, e.getValue(), e.getKey(), null,
            UriComponentsBuilder.fromPath("/signalements").queryParam("type", e.getKey())
                .encode().build().toUriString(), List.of()));
      }
    }
    return new DashboardView(StatisticsScope.NATIONAL, cards, types);
  }

  private DashboardView unit(StatisticsScope scope, Predicate<Permission> may) {
    List<DashboardCard> cards = new ArrayList<>();
    List<DashboardCard> types = new ArrayList<>();
    if (!may.test(Permission.STATISTICS_READ)) {
      return new DashboardView(scope, cards, types);
    }
    StatisticsFigures f = statistics.figures(scope, StatisticsQuery.everything());
    String page = "/statistiques";
    cards.add(new DashboardCard("count-reports", f.reports(), "dashboard.unitReports", null,
        page + "#summary", List.of(DashboardCard.of("count-backlog", f.backlog(),
            "dashboard.backlog", page + "#summary"))));
    Identification id = f.identification();
    cards.add(new DashboardCard("count-ip-events", id.ipEvents(), "dashboard.ipEvents", null,
        page + "#identification", List.of(
            DashboardCard.of("count-ip-events-pending",
                id.ipEvents(IdentificationOutcome.NOT_YET_ATTRIBUTED), "dashboard.pending",
                page + "#identification"),
            DashboardCard.of("count-ip-events-identified",
                id.ipEvents(IdentificationOutcome.IDENTIFIED), "dashboard.identified",
                page + "#identification"))));
    for (JdbcStatistics.TypeCount t : jdbc.incidentTypes(scope)) {
      types.add(new DashboardCard(null, t.count(), t.type(), null, page + "#by-incident-type", List.of()));
    }
    return new DashboardView(scope, cards, types);
  }
}
