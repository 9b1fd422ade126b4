package fr.vigie.app.triage.internal;

import fr.vigie.app.storage.Timestamps;
import fr.vigie.app.triage.RiskEvidence;
import fr.vigie.app.triage.RiskFacts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Gathers a suspect's evidence: the reports its identifiers appear in (same kind and canonical
 * key), their incident types, media and matches, IP events, victim hints and persons, plus the
 * analyst's facts. Reads the pipeline's tables; writes nothing.
 */
@Repository
public class JdbcRiskEvidence {

  /** Incident types that mean contact with a child (NCMEC labels, lower case, as substrings). */
  static final List<String> CONTACT_TYPES = List.of("enticement", "sent to a child",
      "sex trafficking", "molestation", "sex tourism", "grooming", "sextortion");
  private static final List<String> VIDEO_EXTENSIONS = List.of(".mp4", ".avi", ".mov", ".mkv",
      ".wmv", ".webm", ".3gp", ".flv", ".m4v", ".mpg", ".mpeg");

  private final JdbcClient jdbc;

  JdbcRiskEvidence(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  private record ReportRef(long id, String externalId, String incidentType, Instant incidentAt,
      Instant receivedAt, String sourceKind) {}

  /** Returns the evidence about the suspect as the database holds it now. */
  public RiskEvidence gather(long suspectId, RiskFacts facts, Instant now) {
    Map<Long, ReportRef> reports = new LinkedHashMap<>();
    jdbc.sql("""
        select distinct r.id, r.external_id, r.incident_type, r.incident_at, r.received_at,
          so.kind as source_kind
        from suspect_identifiers si
        join reported_identifiers ri on ri.kind = si.kind and ri.canonical_key = si.canonical_key
        join reports r on r.id = ri.report_id
        join sources so on so.id = r.source_id
        where si.suspect_id = ? and r.status <> 'SUPERSEDED'
        order by r.id
        """).param(suspectId)
        .query((rs, n) -> new ReportRef(rs.getLong("id"), rs.getString("external_id"),
            rs.getString("incident_type"), Timestamps.instant(rs, "incident_at"),
            Timestamps.instant(rs, "received_at"), rs.getString("source_kind")))
        .list().forEach(r -> reports.put(r.id(), r));

    List<String> access = new ArrayList<>();
    if (facts.worksWithChildren()) {
      access.add("profession au contact d'enfants (saisie analyste)");
    }
    if (facts.childrenInHousehold()) {
      access.add("enfant(s) au foyer (saisie analyste)");
    }
    if (facts.volunteersWithChildren()) {
      access.add("bénévolat auprès d'enfants (saisie analyste)");
    }
    List<String> contact = new ArrayList<>();
    List<String> distribution = new ArrayList<>();
    Instant first = null;
    Instant last = null;
    for (ReportRef r : reports.values()) {
      String type = r.incidentType() == null ? "" : r.incidentType().toLowerCase(Locale.ROOT);
      if (CONTACT_TYPES.stream().anyMatch(type::contains)) {
        contact.add(r.externalId() + " : " + r.incidentType());
      }
      if ("P2P_SENSOR".equals(r.sourceKind())) {
        distribution.add(r.externalId() + " : partage pair-à-pair observé");
      }
      Instant at = r.incidentAt() != null ? r.incidentAt() : r.receivedAt();
      first = first == null || at.isBefore(first) ? at : first;
      last = last == null || at.isAfter(last) ? at : last;
    }
    if (reports.isEmpty()) {
      return evidence(facts, access, contact, 0, List.of(), List.of(), 0, 0, 0, null, null, 0,
          distribution, 0, null, null, now);
    }
    List<Long> ids = List.copyOf(reports.keySet());

    Set<Long> withVictim = new HashSet<>();
    jdbc.sql("select distinct report_id from victim_hints where report_id in (:ids)")
        .param("ids", ids).query(Long.class).list().forEach(withVictim::add);
    for (Long id : withVictim) {
      contact.add(reports.get(id).externalId() + " : victime désignée dans le signalement");
    }
    // A victim living at the reported person's address: a child in reach at home.
    jdbc.sql("""
        select distinct p.report_id from report_persons p
        join report_persons v on v.report_id = p.report_id and v.role = 'VICTIM'
        where p.report_id in (:ids) and p.role = 'REPORTED'
          and p.postal_code is not null and v.postal_code = p.postal_code
          and p.address is not null and lower(v.address) = lower(p.address)
        """).param("ids", ids).query(Long.class).list()
        .forEach(id -> access.add(reports.get(id).externalId()
            + " : victime à la même adresse que la personne signalée"));

    long mediaCount = 0;
    long unknown = 0;
    long videos = 0;
    long matched = 0;
    int maxCategory = 0;
    Map<Long, Long> unknownByReport = new LinkedHashMap<>();
    for (Map<String, Object> m : jdbc.sql("""
        select x.report_id, x.status, x.file_name,
          (select max(c.category) from matches c where c.media_id = x.id and c.active) as category
        from media x where x.report_id in (:ids)
        """).param("ids", ids).query().listOfRows()) {
      mediaCount++;
      long report = ((Number) m.get("report_id")).longValue();
      if ("UNKNOWN_MATERIAL".equals(m.get("status"))) {
        unknown++;
        unknownByReport.merge(report, 1L, Long::sum);
      }
      Object category = m.get("category");
      if (category != null) {
        matched++;
        maxCategory = Math.max(maxCategory, ((Number) category).intValue());
      }
      String name = m.get("file_name") == null ? ""
          : m.get("file_name").toString().toLowerCase(Locale.ROOT);
      if (VIDEO_EXTENSIONS.stream().anyMatch(name::endsWith)) {
        videos++;
      }
    }
    List<String> unknownReports = new ArrayList<>();
    List<String> produced = new ArrayList<>();
    unknownByReport.forEach((report, count) -> {
      unknownReports.add(reports.get(report).externalId() + " (" + count + ")");
      if (withVictim.contains(report)) {
        produced.add(reports.get(report).externalId()
            + " : fichier(s) inconnu(s) dans un signalement qui désigne une victime");
      }
    });

    long uploads = 0;
    for (Map<String, Object> e : jdbc.sql("""
        select report_id, upper(event_name) as event_name, occurred_at from ip_events
        where report_id in (:ids)
        """).param("ids", ids).query().listOfRows()) {
      if ("UPLOAD".equals(e.get("event_name"))) {
        uploads++;
      }
      Instant at = toInstant(e.get("occurred_at"));
      if (at != null) {
        first = first == null || at.isBefore(first) ? at : first;
        last = last == null || at.isAfter(last) ? at : last;
      }
    }
    if (uploads > 0) {
      distribution.addFirst(uploads + " événement(s) Upload");
    }

    Integer age = null;
    String ageSource = null;
    if (facts.dateOfBirth() == null) {
      Map<String, Object> person = jdbc.sql("""
          select p.age, p.date_of_birth, r.received_at from report_persons p
          join reports r on r.id = p.report_id
          where p.report_id in (:ids) and p.role = 'REPORTED'
            and (p.age is not null or p.date_of_birth is not null)
          order by r.received_at desc, p.id desc limit 1
          """).param("ids", ids).query().listOfRows().stream().findFirst().orElse(null);
      if (person != null && person.get("date_of_birth") != null) {
        age = Period.between(toDate(person.get("date_of_birth")),
            now.atOffset(ZoneOffset.UTC).toLocalDate()).getYears();
        ageSource = "date de naissance dans un signalement";
      } else if (person != null) {
        age = ((Number) person.get("age")).intValue();
        ageSource = "âge indiqué dans un signalement";
      }
    }
    return evidence(facts, access, contact, unknown, unknownReports, produced, maxCategory,
        matched, mediaCount, first, last, uploads, distribution, videos, age, ageSource, now);
  }

  private static RiskEvidence evidence(RiskFacts facts, List<String> access,
      List<String> contact, long unknown, List<String> unknownReports, List<String> produced,
      int maxCategory, long matched, long mediaCount, Instant first, Instant last, long uploads,
      List<String> distribution, long videos, Integer age, String ageSource, Instant now) {
    List<String> selfProduced = new ArrayList<>();
    if (facts.selfProducedIndicator()) {
      selfProduced.add("indice de production (saisie analyste)");
    }
    selfProduced.addAll(produced);
    if (facts.dateOfBirth() != null) {
      age = Period.between(facts.dateOfBirth(), now.atOffset(ZoneOffset.UTC).toLocalDate())
          .getYears();
      ageSource = "date de naissance saisie par l'analyste";
    }
    return new RiskEvidence(access, contact, unknown, unknownReports, selfProduced, maxCategory,
        matched, mediaCount, first, last, uploads, distribution, videos,
        facts.priorSexualConviction(), facts.registryEntry(), facts.otherConvictions(), age,
        ageSource);
  }

  private static Instant toInstant(Object value) {
    return switch (value) {
      case null -> null;
      case java.time.OffsetDateTime o -> o.toInstant();
      case java.sql.Timestamp t -> t.toInstant();
      case Instant i -> i;
      default -> throw new IllegalStateException("unexpected timestamp " + value.getClass());
    };
  }

  private static LocalDate toDate(Object value) {
    return switch (value) {
      case LocalDate d -> d;
      case java.sql.Date d -> d.toLocalDate();
      default -> LocalDate.parse(value.toString());
    };
  }

  /** Returns the suspects whose identifiers appear in the reports of one import run. */
  public List<Long> suspectsOfImport(long importJobId) {
    return jdbc.sql("""
        select distinct si.suspect_id from reports r
        join reported_identifiers ri on ri.report_id = r.id
        join suspect_identifiers si on si.kind = ri.kind and si.canonical_key = ri.canonical_key
        where r.import_job_id = ?
        """).param(importJobId).query(Long.class).list();
  }

}
