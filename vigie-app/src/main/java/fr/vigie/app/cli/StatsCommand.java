package fr.vigie.app.cli;

import fr.vigie.app.security.Access;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import fr.vigie.app.statistics.DepartementCount;
import fr.vigie.app.statistics.Identification;
import fr.vigie.app.statistics.IdentificationOutcome;
import fr.vigie.app.statistics.MonthlyCount;
import fr.vigie.app.statistics.Statistics;
import fr.vigie.app.statistics.StatisticsFigures;
import fr.vigie.app.statistics.StatisticsQuery;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Statistiques page's figures for scripts: the same scope and period filters, the same
 * figures (docs/statistics.md), national unless {@code --unit} names one.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Print the statistics (reports by month, backlog, identification, by "
        + "département) of a period and a scope.")
final class StatsCommand implements Callable<Integer> {

  @Mixin
  HomeOption home;

  @Spec
  CommandSpec spec;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD",
      description = "First day of reports received (Paris time, included).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD",
      description = "Last day of reports received (Paris time, included).")
  LocalDate to;

  @Option(names = "--unit", paramLabel = "CODE",
      description = "One unit's scope (its code, e.g. OFMIN-LYON); national without it.")
  String unit;

  @Option(names = "--json", description = "Print the figures as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    StatisticsQuery query;
    try {
      query = new StatisticsQuery(from, to, unit);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    try (ConfigurableApplicationContext context = SpringLauncher.startWithoutWeb(home.resolve())) {
      Access host = new Access(new Caller(0, AccountAdministration.operatingSystemActor(),
          Role.SUPERVISOR, null), "127.0.0.1");
      Optional<StatisticsFigures> figures = context.getBean(Statistics.class)
          .figures(host, query);
      if (figures.isEmpty()) {
        spec.commandLine().getErr().println("no unit with code " + unit);
        return 1;
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(json ? toJson(figures.get()) : toText(figures.get()));
      out.flush();
      return 0;
    }
  }

  static String toJson(StatisticsFigures f) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    ObjectNode scope = root.putObject("scope");
    scope.put("national", f.scope().national());
    scope.put("unit", f.scope().unitCode());
    scope.put("unitName", f.scope().unitName());
    root.put("from", f.query().from() == null ? null : f.query().from().toString());
    root.put("to", f.query().to() == null ? null : f.query().to().toString());
    root.put("reports", f.reports());
    root.put("backlog", f.backlog());
    Identification id = f.identification();
    ObjectNode identification = root.putObject("identification");
    identification.put("reports", id.reports());
    identification.put("identifiedReports", id.identifiedReports());
    identification.put("reportRate", id.reportRate());
    identification.put("ipEvents", id.ipEvents());
    identification.put("identifiedIpEvents", id.identifiedIpEvents());
    identification.put("ipEventRate", id.ipEventRate());
    identification.put("medianHoursToIdentification", id.medianHoursToIdentification());
    ObjectNode reportOutcomes = identification.putObject("reportOutcomes");
    ObjectNode eventOutcomes = identification.putObject("ipEventOutcomes");
    for (IdentificationOutcome o : IdentificationOutcome.values()) {
      reportOutcomes.put(o.code(), id.reports(o));
      if (o != IdentificationOutcome.NO_IP_EVENT) {
        eventOutcomes.put(o.code(), id.ipEvents(o));
      }
    }
    ArrayNode bySource = root.putArray("bySource");
    for (MonthlyCount c : f.bySource()) {
      bySource.addObject().put("month", c.month()).put("source", c.key())
          .put("sourceName", c.label()).put("count", c.count());
    }
    ArrayNode byType = root.putArray("byIncidentType");
    for (MonthlyCount c : f.byIncidentType()) {
      byType.addObject().put("month", c.month()).put("incidentType", c.key())
          .put("count", c.count());
    }
    ArrayNode byDepartement = root.putArray("byDepartement");
    for (DepartementCount d : f.byDepartement()) {
      byDepartement.addObject().put("code", d.code()).put("name", d.name())
          .put("reports", d.reports()).put("identifiedReports", d.identifiedReports());
    }
    return mapper.writeValueAsString(root);
  }

  static String toText(StatisticsFigures f) {
    Identification id = f.identification();
    StringBuilder b = new StringBuilder();
    String nl = System.lineSeparator();
    b.append("scope:               ").append(f.scope().national() ? "national"
        : f.scope().unitCode()).append(nl);
    b.append("period:              ").append(f.query().from() == null ? "…" : f.query().from())
        .append(" – ").append(f.query().to() == null ? "…" : f.query().to()).append(nl);
    b.append("reports:             ").append(f.reports()).append(nl);
    b.append("backlog:             ").append(f.backlog()).append(nl);
    b.append("identified reports:  ").append(id.identifiedReports())
        .append(percent(id.reportRate())).append(nl);
    b.append("ip events:           ").append(id.ipEvents()).append(nl);
    b.append("identified events:   ").append(id.identifiedIpEvents())
        .append(percent(id.ipEventRate())).append(nl);
    b.append("median to identity:  ").append(id.medianHoursToIdentification() == null
        ? "not computable" : String.format(Locale.ROOT, "%.1f h",
            id.medianHoursToIdentification())).append(nl);
    for (IdentificationOutcome o : IdentificationOutcome.values()) {
      b.append(String.format(Locale.ROOT, "  %-20s reports %d, ip events %d%n", o.code(),
          id.reports(o), id.ipEvents(o)));
    }
    b.append("--json for the figures by month, source, incident type and département");
    return b.toString();
  }

  private static String percent(Double rate) {
    return rate == null ? "" : String.format(Locale.ROOT, " (%.1f %%)", 100 * rate);
  }
}
