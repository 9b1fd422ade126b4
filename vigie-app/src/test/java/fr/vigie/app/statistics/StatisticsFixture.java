package fr.vigie.app.statistics;

import static fr.vigie.app.storage.Timestamps.utc;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Synthetic reports and IP events written straight into the tables, each with what the test
 * planted (its source, type, month, département, status and every event's fate), so that the
 * statistics can be checked against counts computed here from the plan, not from the database.
 */
public final class StatisticsFixture {

  /** What happened to one planted IP event. */
  public enum Fate {
    IDENTIFIED, FRANCE_NO_REQUISITION, FRANCE_REQUESTED, NOT_ATTRIBUTED, ANSWER_UNKNOWN,
    ANSWER_NOT_CUSTOMER, ANSWER_EXPIRED, PORT_NEEDED, EXPIRED, FOREIGN, UNATTRIBUTED
  }

  public record Event(Fate fate, String subscriberUnit, long answerHours) {}

  public record Report(String source, String type, Instant receivedAt, String departement,
      String status, List<Event> events) {}

  static final List<String> SOURCES = List.of("ST-NCMEC", "ST-PLATFORM", "ST-PARTNER");
  static final List<String> TYPES = List.of("Child Pornography (possession, manufacture, and "
      + "distribution)", "Online Enticement of Children for Sexual Acts", "=cmd|' /C calc'!A0");
  static final List<String> DEPARTEMENTS = java.util.Arrays.asList("35", "69", "75", "2A", "974",
      "13", null);
  static final List<String> STATUSES = List.of("NEW", "UNDER_REVIEW", "LINKED", "LINKED",
      "NO_ACTION", "SUPERSEDED");

  private final JdbcClient jdbc;
  public final List<Report> planted = new ArrayList<>();
  private int serial;

  public StatisticsFixture(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Plants {@code n} random reports received in the first half of 2025, plus month edges. */
  public void plant(long seed, int n, List<String> units) {
    Random random = new Random(seed);
    for (String code : SOURCES) {
      jdbc.sql("insert into sources (code, name, kind) values (?, ?, 'PARTNER')")
          .params(code, "Source " + code).update();
    }
    List<Instant> times = new ArrayList<>();
    // Late on the last day of a month in UTC is the next month in Paris (winter, then summer).
    times.add(Instant.parse("2025-02-28T23:30:00Z"));
    times.add(Instant.parse("2025-03-31T22:30:00Z"));
    times.add(Instant.parse("2025-01-31T22:59:59Z"));
    for (int i = 0; i < n; i++) {
      times.add(Instant.parse("2025-01-01T00:00:00Z")
          .plusSeconds(random.nextLong(Duration.ofDays(181).toSeconds())));
    }
    Fate[] fates = Fate.values();
    for (Instant at : times) {
      List<Event> events = new ArrayList<>();
      int count = random.nextInt(4);
      for (int e = 0; e < count; e++) {
        events.add(new Event(fates[random.nextInt(fates.length)],
            units.get(random.nextInt(units.size())), 1 + random.nextInt(500)));
      }
      Report report = new Report(SOURCES.get(random.nextInt(SOURCES.size())),
          TYPES.get(random.nextInt(TYPES.size())), at,
          DEPARTEMENTS.get(random.nextInt(DEPARTEMENTS.size())),
          STATUSES.get(random.nextInt(STATUSES.size())), events);
      write(report);
      planted.add(report);
    }
  }

  private void write(Report p) {
    String tag = "ST-" + (++serial);
    long report = jdbc.sql("""
        insert into reports (source_id, external_id, content_sha256, incident_type, received_at,
                             status, departement_code, raw_format)
        values ((select id from sources where code = ?), ?, ?, ?, ?, ?, ?, 'DEMO')
        returning id
        """).params(p.source(), tag, String.format("%064d", serial), p.type(),
        utc(p.receivedAt()), p.status(), p.departement()).query(Long.class).single();
    int n = 0;
    for (Event e : p.events()) {
      n++;
      String ip = "203.0.113." + (serial % 200 + 1);
      Instant occurred = p.receivedAt().minus(Duration.ofDays(3));
      long event = jdbc.sql("""
          insert into ip_events (report_id, ip_original, ip, ip_version, port, occurred_at)
          values (?, ?, ?, 4, 40000, ?) returning id
          """).params(report, ip, ip, utc(occurred)).query(Long.class).single();
      String outcome = switch (e.fate()) {
        case NOT_ATTRIBUTED -> null;
        case PORT_NEEDED -> "PORT_NEEDED";
        case EXPIRED -> "EXPIRED";
        case FOREIGN -> "FOREIGN";
        case UNATTRIBUTED -> "UNATTRIBUTED";
        default -> "FRANCE";
      };
      if (outcome != null) {
        jdbc.sql("""
            insert into ip_attributions (ip_event_id, report_id, report_ref, ip, port,
                                         occurred_at, outcome, reason, attributed_at)
            values (?, ?, ?, ?, 40000, ?, ?, 'planted by the test', ?)
            """).params(event, report, tag, ip, utc(occurred), outcome, utc(p.receivedAt()))
            .update();
      }
      String answer = switch (e.fate()) {
        case IDENTIFIED -> "IDENTIFIED";
        case ANSWER_UNKNOWN -> "UNKNOWN";
        case ANSWER_NOT_CUSTOMER -> "NOT_CUSTOMER";
        case ANSWER_EXPIRED -> "EXPIRED";
        default -> null;
      };
      if (answer == null && e.fate() != Fate.FRANCE_REQUESTED) {
        continue;
      }
      String ref = "REQ-" + tag + "-" + n;
      long requisition = jdbc.sql("""
          insert into requisitions (reference, operator_id, legal_basis, requesting_officer,
                                    status, created_by, sent_at)
          values (?, (select id from operators where code = 'ORANGE'), 'Art. 77-1-1 CPP',
                  'OPJ Test', ?, 'analyste.test', ?) returning id
          """).params(ref, answer == null ? "SENT" : "ANSWERED", utc(p.receivedAt()))
          .query(Long.class).single();
      long item = jdbc.sql("""
          insert into requisition_items (requisition_id, ip_event_id, ip, port, occurred_at)
          values (?, ?, ?, 40000, ?) returning id
          """).params(requisition, event, ip, utc(occurred)).query(Long.class).single();
      if (answer == null) {
        continue;
      }
      long answerId = jdbc.sql("""
          insert into requisition_answers (requisition_id, received_at, file_name, imported_by)
          values (?, ?, 'reponse.csv', 'analyste.test') returning id
          """).params(requisition, utc(p.receivedAt().plus(Duration.ofHours(e.answerHours()))))
          .query(Long.class).single();
      jdbc.sql("""
          insert into subscribers (answer_id, requisition_item_id, outcome, full_name, unit_id)
          values (?, ?, ?, ?, (select id from units where code = ?))
          """).params(answerId, item, answer,
          answer.equals("IDENTIFIED") ? "Abonné Fictif " + tag : null, e.subscriberUnit())
          .update();
    }
  }

  // ------------------------------------------------------------------ independent expectations

  public static IdentificationOutcome outcome(Fate fate) {
    return switch (fate) {
      case IDENTIFIED -> IdentificationOutcome.IDENTIFIED;
      case FRANCE_NO_REQUISITION, FRANCE_REQUESTED -> IdentificationOutcome.OPERATOR_UNANSWERED;
      case NOT_ATTRIBUTED -> IdentificationOutcome.NOT_YET_ATTRIBUTED;
      case ANSWER_UNKNOWN, ANSWER_NOT_CUSTOMER -> IdentificationOutcome.UNKNOWN_TO_OPERATOR;
      case PORT_NEEDED -> IdentificationOutcome.PORT_NEEDED;
      case EXPIRED, ANSWER_EXPIRED -> IdentificationOutcome.EXPIRED;
      case FOREIGN -> IdentificationOutcome.FOREIGN;
      case UNATTRIBUTED -> IdentificationOutcome.UNATTRIBUTED;
    };
  }

  /** A report's outcome: its best event's (the enum's order), none: no IP event. */
  public static IdentificationOutcome outcome(Report r) {
    return r.events().stream().map(e -> outcome(e.fate()))
        .min(Comparator.naturalOrder()).orElse(IdentificationOutcome.NO_IP_EVENT);
  }

  /** The planted reports the statistics should count for that period and scope. */
  public List<Report> expected(LocalDate from, LocalDate to, String unitCode,
      Map<String, String> unitOfDepartement) {
    return planted.stream()
        .filter(r -> !r.status().equals("SUPERSEDED"))
        .filter(r -> from == null || !r.receivedAt().atZone(Statistics.PARIS).toLocalDate()
            .isBefore(from))
        .filter(r -> to == null || !r.receivedAt().atZone(Statistics.PARIS).toLocalDate()
            .isAfter(to))
        .filter(r -> unitCode == null
            || (r.departement() != null
                && unitCode.equals(unitOfDepartement.get(r.departement())))
            || r.events().stream().anyMatch(e -> unitCode.equals(e.subscriberUnit())
                && (e.fate() == Fate.IDENTIFIED || e.fate() == Fate.ANSWER_UNKNOWN
                    || e.fate() == Fate.ANSWER_NOT_CUSTOMER || e.fate() == Fate.ANSWER_EXPIRED)))
        .toList();
  }

  public static String month(Report r) {
    return r.receivedAt().atZone(Statistics.PARIS).format(DateTimeFormatter.ofPattern("yyyy-MM"));
  }

  public static <K> Map<K, Long> count(List<Report> reports, Function<Report, K> key) {
    return reports.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }

  /** The median of the hours from receipt to the first identifying answer (null: none). */
  public static Double medianHours(List<Report> reports) {
    List<Long> hours = reports.stream()
        .filter(r -> outcome(r) == IdentificationOutcome.IDENTIFIED)
        .map(r -> r.events().stream().filter(e -> e.fate() == Fate.IDENTIFIED)
            .mapToLong(Event::answerHours).min().orElseThrow())
        .sorted().toList();
    if (hours.isEmpty()) {
      return null;
    }
    int m = hours.size() / 2;
    return hours.size() % 2 == 1 ? hours.get(m) : (hours.get(m - 1) + hours.get(m)) / 2.0;
  }
}
