package fr.vigie.app.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.security.Access;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.statistics.StatisticsFixture.Report;
import fr.vigie.app.support.TestDatabases;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The statistics over a few hundred planted reports with every fate of IP event, checked figure
 * by figure against counts computed from what the test planted: nationally and for one unit,
 * over everything and over a period whose ends fall on Paris days.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  JdbcClient jdbc;

  @Autowired
  Statistics statistics;

  StatisticsFixture fixture;
  Map<String, String> unitOfDepartement = new HashMap<>();
  String unitOf35;

  static final Access ANALYST =
      new Access(new Caller(0, "analyste.test", Role.ANALYST, null), "192.0.2.10");

  @BeforeAll
  void plant() {
    jdbc.sql("select d.code, u.code from departements d join units u on u.id = d.unit_id")
        .query((rs, i) -> unitOfDepartement.put(rs.getString(1), rs.getString(2))).list();
    unitOf35 = unitOfDepartement.get("35");
    String other = unitOfDepartement.get("13");
    fixture = new StatisticsFixture(jdbc);
    fixture.plant(20251207L, 300, java.util.Arrays.asList(unitOf35, other, null));
  }

  @Test
  void nationalFiguresOverEverythingAgreeWithThePlantedRows() {
    check(null, null, null, ANALYST);
  }

  @Test
  void aPeriodCountsParisDaysBothIncluded() {
    // 1 March to 31 March, Paris: the report of 28 February 23:30 UTC is in, that of
    // 31 March 22:30 UTC (1 April in Paris) is out.
    StatisticsFigures f = check(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31), null,
        ANALYST);
    assertTrue(f.bySource().stream().allMatch(m -> m.month().equals("2025-03")), f::toString);
  }

  @Test
  void aUnitsFiguresAreThoseOfItsDepartementsAndItsSubscribers() {
    check(null, null, unitOf35, ANALYST);
    check(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 4, 30), unitOf35, ANALYST);
  }

  @Test
  void anInvestigatorGetsTheirOwnUnitWhateverTheyAsk() {
    long unitId = jdbc.sql("select id from units where code = ?").param(unitOf35)
        .query(Long.class).single();
    Access investigator = new Access(
        new Caller(0, "enqueteur.test", Role.INVESTIGATOR, unitId), "192.0.2.11");
    StatisticsFigures f = statistics.figures(investigator,
        new StatisticsQuery(null, null, null)).orElseThrow();
    assertEquals(unitOf35, f.scope().unitCode());
    assertEquals(fixture.expected(null, null, unitOf35, unitOfDepartement).size(), f.reports());
  }

  @Test
  void anUnknownUnitHasNoFigures() {
    assertTrue(statistics.figures(ANALYST, new StatisticsQuery(null, null, "NO-SUCH-UNIT"))
        .isEmpty());
  }

  private StatisticsFigures check(LocalDate from, LocalDate to, String unit, Access access) {
    StatisticsFigures f = statistics.figures(access, new StatisticsQuery(from, to, unit))
        .orElseThrow();
    List<Report> expected = fixture.expected(from, to, unit, unitOfDepartement);
    assertTrue(expected.size() > 20, "too few planted reports in the scope: " + expected.size());
    assertEquals(expected.size(), f.reports());
    assertEquals(expected.stream().filter(r -> r.status().equals("NEW")
        || r.status().equals("UNDER_REVIEW")).count(), f.backlog(), "backlog");

    Map<List<String>, Long> bySource = StatisticsFixture.count(expected,
        r -> List.of(StatisticsFixture.month(r), r.source()));
    assertEquals(bySource, f.bySource().stream().collect(Collectors.toMap(
        m -> List.of(m.month(), m.key()), MonthlyCount::count)), "by source");
    assertTrue(f.bySource().stream().allMatch(m -> m.label().equals("Source " + m.key())));
    Map<List<String>, Long> byType = StatisticsFixture.count(expected,
        r -> List.of(StatisticsFixture.month(r), r.type()));
    assertEquals(byType, f.byIncidentType().stream().collect(Collectors.toMap(
        m -> List.of(m.month(), m.key()), MonthlyCount::count)), "by incident type");

    Identification id = f.identification();
    assertEquals(expected.size(), id.reports());
    Map<IdentificationOutcome, Long> reportOutcomes =
        StatisticsFixture.count(expected, StatisticsFixture::outcome);
    assertEquals(reportOutcomes, id.reportOutcomes(), "reports' outcomes");
    Map<IdentificationOutcome, Long> eventOutcomes = expected.stream()
        .flatMap(r -> r.events().stream())
        .collect(Collectors.groupingBy(e -> StatisticsFixture.outcome(e.fate()),
            () -> new EnumMap<>(IdentificationOutcome.class), Collectors.counting()));
    assertEquals(eventOutcomes, id.ipEventOutcomes(), "IP events' outcomes");
    assertEquals(expected.stream().mapToLong(r -> r.events().size()).sum(), id.ipEvents());
    assertTrue(id.identifiedReports() > 0 && id.reports(IdentificationOutcome.NO_IP_EVENT) > 0);
    Double median = StatisticsFixture.medianHours(expected);
    assertNotNull(median);
    assertEquals(median, id.medianHoursToIdentification(), 1e-9, "median hours");

    Map<String, Long> byDepartement = StatisticsFixture.count(
        expected.stream().filter(r -> r.departement() != null).toList(), Report::departement);
    Map<String, Long> identifiedByDepartement = StatisticsFixture.count(
        expected.stream().filter(r -> r.departement() != null
            && StatisticsFixture.outcome(r) == IdentificationOutcome.IDENTIFIED).toList(),
        Report::departement);
    assertEquals(101, f.byDepartement().size(), "every département, zeros included");
    for (DepartementCount d : f.byDepartement()) {
      assertEquals(byDepartement.getOrDefault(d.code(), 0L), d.reports(), d.code());
      assertEquals(identifiedByDepartement.getOrDefault(d.code(), 0L), d.identifiedReports(),
          d.code());
    }
    return f;
  }
}
