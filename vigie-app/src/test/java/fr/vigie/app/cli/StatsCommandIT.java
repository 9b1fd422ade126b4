package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.statistics.IdentificationOutcome;
import fr.vigie.app.statistics.StatisticsFixture;
import fr.vigie.app.statistics.StatisticsFixture.Report;
import fr.vigie.app.support.TestDatabases;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigie stats --json}: the figures of planted reports, on the embedded database of a home
 * folder, nationally and for a unit over a period; a unit that does not exist is an error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class StatsCommandIT {

  static Path home;

  @Autowired
  JdbcClient jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useEmbeddedHome(registry);
  }

  @Test
  void printsTheFiguresAsJsonForAScopeAndAPeriod() throws Exception {
    Map<String, String> unitOfDepartement = new HashMap<>();
    jdbc.sql("select d.code, u.code from departements d join units u on u.id = d.unit_id")
        .query((rs, i) -> unitOfDepartement.put(rs.getString(1), rs.getString(2))).list();
    String lyon = unitOfDepartement.get("69");
    StatisticsFixture fixture = new StatisticsFixture(jdbc);
    fixture.plant(7L, 120, java.util.Arrays.asList(lyon, null));

    CliRun.Result all = CliRun.vigie(home, "stats", "--json");
    assertEquals(0, all.exitCode(), all.err());
    JsonNode json = JsonMapper.builder().build().readTree(all.out());
    List<Report> expected = fixture.expected(null, null, null, unitOfDepartement);
    assertTrue(json.get("scope").get("national").asBoolean());
    assertEquals(expected.size(), json.get("reports").asLong());
    assertEquals(expected.stream().filter(r -> r.status().equals("NEW")
        || r.status().equals("UNDER_REVIEW")).count(), json.get("backlog").asLong());
    JsonNode id = json.get("identification");
    Map<IdentificationOutcome, Long> outcomes =
        StatisticsFixture.count(expected, StatisticsFixture::outcome);
    for (IdentificationOutcome o : IdentificationOutcome.values()) {
      assertEquals(outcomes.getOrDefault(o, 0L), id.get("reportOutcomes").get(o.code()).asLong(),
          o.code());
    }
    assertEquals(StatisticsFixture.medianHours(expected),
        id.get("medianHoursToIdentification").asDouble(), 1e-9);
    assertEquals(101, json.get("byDepartement").size());

    CliRun.Result unit = CliRun.vigie(home, "stats", "--json", "--from", "2025-02-01", "--to",
        "2025-03-31", "--unit", lyon);
    assertEquals(0, unit.exitCode(), unit.err());
    JsonNode scoped = JsonMapper.builder().build().readTree(unit.out());
    List<Report> inUnit = fixture.expected(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 3, 31),
        lyon, unitOfDepartement);
    assertEquals(lyon, scoped.get("scope").get("unit").asString());
    assertEquals("2025-02-01", scoped.get("from").asString());
    assertEquals(inUnit.size(), scoped.get("reports").asLong());
    Map<List<String>, Long> bySource = StatisticsFixture.count(inUnit,
        r -> List.of(StatisticsFixture.month(r), r.source()));
    assertEquals(bySource.size(), scoped.get("bySource").size());
    for (JsonNode row : scoped.get("bySource")) {
      assertEquals(bySource.get(List.of(row.get("month").asString(),
          row.get("source").asString())), row.get("count").asLong(), row.toString());
    }

    CliRun.Result text = CliRun.vigie(home, "stats");
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("reports:             " + expected.size()), text.out());

    CliRun.Result unknown = CliRun.vigie(home, "stats", "--json", "--unit", "NO-SUCH-UNIT");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("no unit with code NO-SUCH-UNIT"), unknown.err());
    CliRun.Result backwards = CliRun.vigie(home, "stats", "--from", "2025-03-01", "--to",
        "2025-02-01");
    assertEquals(2, backwards.exitCode());
  }
}
