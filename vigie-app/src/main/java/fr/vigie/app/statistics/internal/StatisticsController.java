package fr.vigie.app.statistics.internal;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.security.Access;
import fr.vigie.app.security.Callers;
import fr.vigie.app.security.Permission;
import fr.vigie.app.security.RequiresPermission;
import fr.vigie.app.statistics.DepartementCount;
import fr.vigie.app.statistics.Identification;
import fr.vigie.app.statistics.IdentificationOutcome;
import fr.vigie.app.statistics.MonthlyCount;
import fr.vigie.app.statistics.Statistics;
import fr.vigie.app.statistics.StatisticsFigures;
import fr.vigie.app.statistics.StatisticsQuery;
import fr.vigie.app.units.UnitDirectory;
import fr.vigie.formats.csv.CsvWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Statistiques page: the figures of a period and a scope as tables, the map of France by
 * département, and each table as CSV with the same filters (the export is audited).
 */
@Controller
class StatisticsController {

  /** The tables that export as CSV, by the name in their address. */
  enum Table {
    SUMMARY("synthese"), BY_SOURCE("mois-source"), BY_INCIDENT_TYPE("mois-type"),
    IDENTIFICATION("identification"), BY_DEPARTEMENT("departements");

    final String slug;

    Table(String slug) {
      this.slug = slug;
    }

    static Optional<Table> bySlug(String slug) {
      for (Table t : values()) {
        if (t.slug.equals(slug)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  /** The filters as typed, and what they mean once read. */
  record Filter(String from, String to, String unit, StatisticsQuery query, String error) {

    static Filter parse(String from, String to, String unit) {
      try {
        return new Filter(from, to, unit,
            new StatisticsQuery(day(from), day(to), unit == null ? null : unit.strip()), null);
      } catch (DateTimeParseException e) {
        return new Filter(from, to, unit, null, "statistics.filter.badDate");
      } catch (IllegalArgumentException e) {
        return new Filter(from, to, unit, null, "statistics.filter.backwards");
      }
    }

    private static LocalDate day(String text) {
      return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
    }

    String link(String path) {
      UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
      if (from != null && !from.isBlank()) {
        b.queryParam("from", from.strip());
      }
      if (to != null && !to.isBlank()) {
        b.queryParam("to", to.strip());
      }
      if (unit != null && !unit.isBlank()) {
        b.queryParam("unit", unit.strip());
      }
      return b.encode().build().toUriString();
    }

    String describe() {
      return "from=" + (query.from() == null ? "" : query.from())
          + " to=" + (query.to() == null ? "" : query.to())
          + " unit=" + (query.unitCode() == null ? "" : query.unitCode());
    }
  }

  private final Statistics statistics;
  private final UnitDirectory units;
  private final DepartementMap map;
  private final AuditLog audit;
  private final MessageSource messages;

  StatisticsController(Statistics statistics, UnitDirectory units, DepartementMap map,
      AuditLog audit, MessageSource messages) {
    this.statistics = statistics;
    this.units = units;
    this.map = map;
    this.audit = audit;
    this.messages = messages;
  }

  @GetMapping("/statistiques")
  @RequiresPermission(Permission.STATISTICS_READ)
  String page(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String unit,
      HttpServletRequest request, Model model) {
    Access access = Callers.access(request.getRemoteAddr());
    Filter filter = Filter.parse(from, to, unit);
    model.addAttribute("section", "statistics");
    model.addAttribute("filter", filter);
    model.addAttribute("national", access.national());
    model.addAttribute("units", access.national() ? units.units() : List.of());
    model.addAttribute("outcomes", IdentificationOutcome.values());
    if (filter.error() != null) {
      return "statistics";
    }
    Optional<StatisticsFigures> figures = statistics.figures(access, filter.query());
    if (figures.isEmpty()) {
      model.addAttribute("unknownUnit", true);
      return "statistics";
    }
    StatisticsFigures f = figures.get();
    model.addAttribute("figures", f);
    Map<String, List<MonthlyCount>> bySourceMonth = f.bySource().stream()
        .collect(Collectors.groupingBy(MonthlyCount::month, java.util.TreeMap::new,
            Collectors.toList()));
    model.addAttribute("months", bySourceMonth.keySet());
    Map<String, Long> counts = f.byDepartement().stream()
        .collect(Collectors.toMap(DepartementCount::code, DepartementCount::reports));
    Locale locale = LocaleContextHolder.getLocale();
    model.addAttribute("mapSvg", map.svg(counts,
        messages.getMessage("statistics.map.title", null, locale)).orElse(null));
    Map<String, String> csv = new java.util.LinkedHashMap<>();
    for (Table t : Table.values()) {
      csv.put(t.name(), filter.link("/statistiques/" + t.slug + ".csv"));
    }
    model.addAttribute("csv", csv);
    return "statistics";
  }

  @GetMapping("/statistiques/{table}.csv")
  @RequiresPermission(Permission.STATISTICS_READ)
  void csv(@PathVariable String table, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String unit,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    Access access = Callers.access(request.getRemoteAddr());
    Optional<Table> which = Table.bySlug(table);
    Filter filter = Filter.parse(from, to, unit);
    if (which.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (filter.error() != null) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    Optional<StatisticsFigures> figures = statistics.figures(access, filter.query());
    if (figures.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    StatisticsFigures f = figures.get();
    audit.record(AuditEvent.of(access.caller().username(), access.caller().role().name(),
        AuditAction.EXPORT, "statistics", which.get().slug, f.scope().unitId(),
        access.clientAddress()).withDetail(filter.describe()));
    Locale locale = LocaleContextHolder.getLocale();
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
        .filename("vigie-statistiques-" + which.get().slug + ".csv").build().toString());
    Writer out = response.getWriter();
    out.write('\uFEFF');
    CsvWriter csv = new CsvWriter(out);
    for (List<String> row : rows(which.get(), f, key -> messages.getMessage(key, null, locale))) {
      csv.writeRecord(row);
    }
    csv.flush();
  }

  /** A table's rows, its header first, in words of the locale. */
  static List<List<String>> rows(Table table, StatisticsFigures f, Function<String, String> m) {
    List<List<String>> rows = new ArrayList<>();
    switch (table) {
      case SUMMARY -> {
        Identification id = f.identification();
        rows.add(List.of(m.apply("statistics.csv.figure"), m.apply("statistics.csv.value")));
        rows.add(List.of(m.apply("statistics.summary.reports"), Long.toString(f.reports())));
        rows.add(List.of(m.apply("statistics.summary.backlog"), Long.toString(f.backlog())));
        rows.add(List.of(m.apply("statistics.summary.identifiedReports"),
            Long.toString(id.identifiedReports())));
        rows.add(List.of(m.apply("statistics.summary.reportRate"), decimal(id.reportRate())));
        rows.add(List.of(m.apply("statistics.summary.ipEvents"), Long.toString(id.ipEvents())));
        rows.add(List.of(m.apply("statistics.summary.identifiedIpEvents"),
            Long.toString(id.identifiedIpEvents())));
        rows.add(List.of(m.apply("statistics.summary.ipEventRate"), decimal(id.ipEventRate())));
        rows.add(List.of(m.apply("statistics.summary.medianHours"),
            decimal(id.medianHoursToIdentification())));
      }
      case BY_SOURCE -> {
        rows.add(List.of(m.apply("statistics.month"), m.apply("statistics.sourceCode"),
            m.apply("statistics.source"), m.apply("statistics.count")));
        for (MonthlyCount c : f.bySource()) {
          rows.add(List.of(c.month(), c.key(), c.label(), Long.toString(c.count())));
        }
      }
      case BY_INCIDENT_TYPE -> {
        rows.add(List.of(m.apply("statistics.month"), m.apply("statistics.incidentType"),
            m.apply("statistics.count")));
        for (MonthlyCount c : f.byIncidentType()) {
          rows.add(List.of(c.month(), c.label(), Long.toString(c.count())));
        }
      }
      case IDENTIFICATION -> {
        rows.add(List.of(m.apply("statistics.outcome"), m.apply("statistics.reports"),
            m.apply("statistics.ipEvents")));
        for (IdentificationOutcome o : IdentificationOutcome.values()) {
          rows.add(List.of(m.apply(o.messageKey()),
              Long.toString(f.identification().reports(o)),
              o == IdentificationOutcome.NO_IP_EVENT ? ""
                  : Long.toString(f.identification().ipEvents(o))));
        }
      }
      case BY_DEPARTEMENT -> {
        rows.add(List.of(m.apply("statistics.departementCode"), m.apply("statistics.departement"),
            m.apply("statistics.reports"), m.apply("statistics.identifiedReports")));
        for (DepartementCount d : f.byDepartement()) {
          rows.add(List.of(d.code(), d.name(), Long.toString(d.reports()),
              Long.toString(d.identifiedReports())));
        }
      }
    }
    return rows;
  }

  /** A number for scripts and spreadsheets: a point, four decimals; empty when unknown. */
  static String decimal(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
  }
}
