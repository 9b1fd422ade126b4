package fr.vigie.app.statistics;

import fr.vigie.app.intake.Reports;
import fr.vigie.app.matching.HashSets;
import fr.vigie.app.security.UserAccounts;
import fr.vigie.app.units.UnitDirectory;
import org.springframework.stereotype.Service;

/** Gathers the dashboard's figures from each feature's public service. */
@Service
public class Dashboard {

  private final Reports reports;
  private final HashSets hashSets;
  private final UnitDirectory units;
  private final UserAccounts users;

  Dashboard(Reports reports, HashSets hashSets, UnitDirectory units, UserAccounts users) {
    this.reports = reports;
    this.hashSets = hashSets;
    this.units = units;
    this.users = users;
  }

  public DashboardFigures figures() {
    return new DashboardFigures(reports.counts(), hashSets.counts(),
        reports.countByIncidentType(), units.units().size(), units.departements().size(),
        users.count(), reports.countMediaByStatus());
  }
}
