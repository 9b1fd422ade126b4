package fr.vigie.app.cases.internal;

import static fr.vigie.app.storage.Timestamps.instant;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the case file export reads about a case's suspects from the earlier stages' tables
 * (suspects, reports, attribution, matching, triage). Read-only, and ordered on stable keys so
 * that the same data always gives the same export.
 *
 * <p>A suspect reaches its reports through its identifiers: a suspect identifier and a reported
 * identifier of the same kind and canonical key are the same trace.
 */
@Repository
public class JdbcCaseEvidence {

  /** Rows per section at most: a dossier is read by a person, not a data dump. */
  static final int LIMIT = 500;

  private static final String SUSPECT_REPORTS = """
      from case_suspects cs
      join suspects s on s.id = cs.suspect_id
      join suspect_identifiers si on si.suspect_id = s.id
      join reported_identifiers ri on ri.kind = si.kind and ri.canonical_key = si.canonical_key
      join reports r on r.id = ri.report_id
      """;

  private final JdbcClient jdbc;

  JdbcCaseEvidence(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Identifier(String suspectReference, String kind, String canonicalKey,
      Instant firstSeenAt) {}

  public List<Identifier> identifiers(long caseId) {
    return jdbc.sql("""
        select s.reference, si.kind, si.canonical_key, si.first_seen_at
        from case_suspects cs join suspects s on s.id = cs.suspect_id
        join suspect_identifiers si on si.suspect_id = s.id
        where cs.case_id = ? order by s.reference, si.kind, si.canonical_key
        """).param(caseId)
        .query((rs, n) -> new Identifier(rs.getString("reference"), rs.getString("kind"),
            rs.getString("canonical_key"), instant(rs, "first_seen_at")))
        .list();
  }

  /** One link of the attribution chain: event → requisition → answer → subscriber. */
  public record ChainLink(String suspectReference, long eventId, String reportRef, String ip,
      Integer port, Instant occurredAt, String eventStatus, String requisitionRef,
      String operatorName, String requisitionStatus, Instant sentAt, Instant answerReceivedAt,
      String answerFileSha256, Long subscriberId, String subscriberOutcome, String subscriberName,
      String subscriberAddress, String subscriberPostalCode, String subscriberCity) {}

  public List<ChainLink> chain(long caseId) {
    return jdbc.sql("""
        select distinct s.reference as suspect_ref, e.id as event_id, r.external_id as report_ref,
               e.ip, e.port, e.occurred_at, e.status as event_status,
               q.reference as requisition_ref, o.name as operator_name,
               q.status as requisition_status, q.sent_at, a.received_at, a.file_sha256,
               sb.id as subscriber_id, sb.outcome, sb.full_name, sb.first_name, sb.last_name,
               sb.address, sb.postal_code, sb.city
        """ + SUSPECT_REPORTS + """
        join ip_events e on e.report_id = r.id
        left join requisition_items it on it.ip_event_id = e.id
        left join requisitions q on q.id = it.requisition_id
        left join operators o on o.id = q.operator_id
        left join subscribers sb on sb.requisition_item_id = it.id
        left join requisition_answers a on a.id = sb.answer_id
        where cs.case_id = :id
        order by s.reference, e.occurred_at, e.id, q.reference, sb.id
        limit :limit
        """).param("id", caseId).param("limit", LIMIT)
        .query((rs, n) -> {
          String name = rs.getString("full_name");
          if (name == null && (rs.getString("first_name") != null
              || rs.getString("last_name") != null)) {
            name = ((rs.getString("first_name") == null ? "" : rs.getString("first_name")) + " "
                + (rs.getString("last_name") == null ? "" : rs.getString("last_name"))).strip();
          }
          return new ChainLink(rs.getString("suspect_ref"), rs.getLong("event_id"),
              rs.getString("report_ref"), rs.getString("ip"),
              (Integer) rs.getObject("port", Integer.class), instant(rs, "occurred_at"),
              rs.getString("event_status"), rs.getString("requisition_ref"),
              rs.getString("operator_name"), rs.getString("requisition_status"),
              instant(rs, "sent_at"), instant(rs, "received_at"), rs.getString("file_sha256"),
              (Long) rs.getObject("subscriber_id", Long.class), rs.getString("outcome"), name,
              rs.getString("address"), rs.getString("postal_code"), rs.getString("city"));
        })
        .list();
  }

  /** One match of a suspect's media: the set, the category, the distance — never the image. */
  public record MatchLine(String suspectReference, String reportRef, String mediaSha256,
      String setName, String setVersion, int category, String algorithm, int distance) {}

  public List<MatchLine> matches(long caseId) {
    return jdbc.sql("""
        select distinct s.reference as suspect_ref, r.external_id as report_ref, m.id as media_id,
               m.sha256 as media_sha256, hs.name as set_name, hs.version as set_version,
               mt.category, mt.algorithm, mt.distance
        """ + SUSPECT_REPORTS + """
        join media m on m.report_id = r.id
        join matches mt on mt.media_id = m.id and mt.active = true
        join hash_sets hs on hs.id = mt.set_id
        where cs.case_id = :id
        order by s.reference, r.external_id, m.id, hs.name, hs.version, mt.algorithm
        limit :limit
        """).param("id", caseId).param("limit", LIMIT)
        .query((rs, n) -> new MatchLine(rs.getString("suspect_ref"), rs.getString("report_ref"),
            rs.getString("media_sha256"), rs.getString("set_name"), rs.getString("set_version"),
            rs.getInt("category"), rs.getString("algorithm"), rs.getInt("distance")))
        .list();
  }

  /** The current risk assessment of a suspect, with its factors as stored (JSON text). */
  public record Assessment(String suspectReference, String weightsVersion, double score,
      String computedTier, String factors, Instant assessedAt, Instant dueAt, String overrideTier,
      String overrideReason, String overrideBy) {}

  public List<Assessment> assessments(long caseId) {
    return jdbc.sql("""
        select s.reference, ra.weights_version, ra.score, ra.computed_tier, ra.factors,
               ra.assessed_at, ra.due_at, ra.override_tier, ra.override_reason, ra.override_by
        from case_suspects cs join suspects s on s.id = cs.suspect_id
        join risk_assessments ra on ra.suspect_id = s.id and ra.current_version = true
        where cs.case_id = ? order by s.reference, ra.id
        """).param(caseId)
        .query((rs, n) -> new Assessment(rs.getString("reference"),
            rs.getString("weights_version"), rs.getDouble("score"),
            rs.getString("computed_tier"), rs.getString("factors"), instant(rs, "assessed_at"),
            instant(rs, "due_at"), rs.getString("override_tier"),
            rs.getString("override_reason"), rs.getString("override_by")))
        .list();
  }
}
