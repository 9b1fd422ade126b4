package fr.vigie.app.statistics;

import fr.vigie.app.security.Access;
import fr.vigie.app.statistics.internal.JdbcStatistics;
import fr.vigie.app.units.Unit;
import fr.vigie.app.units.UnitDirectory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The statistics of a scope and a period (see {@link StatisticsFigures}), computed in SQL. A
 * national caller asks for every unit or one; an investigator always gets their own unit's.
 */
@Service
public class Statistics {

  /** The days of a period are Paris days, as the office counts them. */
  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** The bounds used for an open end of the period (no report is older or newer). */
  private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9000-01-01T00:00:00Z");

  private final JdbcStatistics jdbc;
  private final UnitDirectory units;

  Statistics(JdbcStatistics jdbc, UnitDirectory units) {
    this.jdbc = jdbc;
    this.units = units;
  }

  /**
   * The scope the caller gets for what they asked: their own unit for an investigator, else the
   * unit asked for, or national; empty when the unit asked for does not exist.
   */
  public Optional<StatisticsScope> scopeFor(Access access, String unitCode) {
    if (!access.national()) {
      long own = access.unitOrNone();
      return Optional.of(units.units().stream().filter(u -> u.id() == own).findFirst()
          .map(Statistics::scopeOf)
          .orElse(new StatisticsScope(own, null, null)));
    }
    if (unitCode == null || unitCode.isBlank()) {
      return Optional.of(StatisticsScope.NATIONAL);
    }
    return units.unit(unitCode.strip()).map(Statistics::scopeOf);
  }

  /** The figures, or empty when the unit asked for does not exist. */
  public Optional<StatisticsFigures> figures(Access access, StatisticsQuery query) {
    return scopeFor(access, query.unitCode()).map(scope -> figures(scope, query));
  }

  StatisticsFigures figures(StatisticsScope scope, StatisticsQuery query) {
    JdbcStatistics.Bounds b = new JdbcStatistics.Bounds(start(query.from()), end(query.to()),
        scope);
    JdbcStatistics.Outcomes outcomes = jdbc.outcomes(b);
    return new StatisticsFigures(scope, query, outcomes.identification().reports(),
        jdbc.bySource(b), jdbc.byIncidentType(b), jdbc.backlog(b), outcomes.identification(),
        outcomes.byDepartement());
  }

  private static StatisticsScope scopeOf(Unit unit) {
    return new StatisticsScope(unit.id(), unit.code(), unit.name());
  }

  /** The first instant of {@code day} in Paris. */
  static Instant start(LocalDate day) {
    return day == null ? EARLIEST : day.atStartOfDay(PARIS).toInstant();
  }

  /** The first instant after {@code day} in Paris. */
  static Instant end(LocalDate day) {
    return day == null ? LATEST : day.plusDays(1).atStartOfDay(PARIS).toInstant();
  }
}
