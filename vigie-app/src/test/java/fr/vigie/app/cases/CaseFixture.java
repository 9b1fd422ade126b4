package fr.vigie.app.cases;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.security.Access;
import fr.vigie.app.security.Caller;
import fr.vigie.app.security.Role;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Synthetic investigations written straight into the pipeline's tables: a suspect made of an
 * e-mail identifier, a report carrying it with an IP event and a matched media item, and, on
 * demand, the requisition, the operator's answer and the identified subscriber. Every name is
 * unique per call so that tests sharing a database do not see each other's data.
 */
final class CaseFixture {

  static final Instant T0 = Instant.parse("2026-10-01T08:00:00Z");

  private final JdbcClient jdbc;

  CaseFixture(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What one planted suspect is made of. */
  record Planted(String tag, long suspectId, String suspectReference, String email,
      long reportId, String reportExternalId, long ipEventId) {}

  static Access analyst() {
    return new Access(new Caller(0, "analyste.test", Role.ANALYST, null), "192.0.2.10");
  }

  static Access investigator(long unitId) {
    return new Access(new Caller(0, "enqueteur.test", Role.INVESTIGATOR, unitId), "192.0.2.11");
  }

  long unitId(String code) {
    return jdbc.sql("select id from units where code = ?").param(code).query(Long.class).single();
  }

  /** A suspect of the unit given (null: unassigned), seen in one report with an IP event. */
  Planted suspect(String unitCode, String lastName) {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    long source = jdbc.sql("select id from sources where code = 'TEST-CASES'").query(Long.class)
        .optional().orElseGet(() -> {
          jdbc.sql("insert into sources (code, name, kind) values ('TEST-CASES', 'Tests', 'MANUAL')")
              .update();
          return jdbc.sql("select id from sources where code = 'TEST-CASES'").query(Long.class)
              .single();
        });
    String external = "CT-" + tag;
    jdbc.sql("""
        insert into reports (source_id, external_id, content_sha256, incident_type, received_at,
                             raw_format)
        values (?, ?, ?, 'Child Pornography (possession, manufacture, and distribution)', ?, 'DEMO')
        """).params(source, external, "0".repeat(56) + tag, utc(T0)).update();
    long report = jdbc.sql("select id from reports where external_id = ?").param(external)
        .query(Long.class).single();
    String email = lastName.toLowerCase(java.util.Locale.ROOT) + "." + tag + "@example.org";
    jdbc.sql("""
        insert into report_persons (report_id, role, first_name, last_name)
        values (?, 'REPORTED', 'Jean', ?)
        """).params(report, lastName).update();
    jdbc.sql("""
        insert into reported_identifiers (report_id, kind, original_value, normalized_value,
                                          canonical_key)
        values (?, 'EMAIL', ?, ?, ?)
        """).params(report, email.toUpperCase(java.util.Locale.ROOT), email, email).update();
    jdbc.sql("""
        insert into ip_events (report_id, ip_original, ip, ip_version, port, occurred_at, status)
        values (?, '203.0.113.7', '203.0.113.7', 4, 40123, ?, 'PENDING')
        """).params(report, utc(T0.minusSeconds(3600))).update();
    long event = jdbc.sql("select id from ip_events where report_id = ?").param(report)
        .query(Long.class).single();
    String reference = "S-T-" + tag;
    jdbc.sql("""
        insert into suspects (reference, display_name, unit_id, departement_code, status)
        values (?, ?, (select id from units where code = ?), '69', 'ACTIVE')
        """).params(reference, "Jean " + lastName, unitCode).update();
    long suspect = jdbc.sql("select id from suspects where reference = ?").param(reference)
        .query(Long.class).single();
    jdbc.sql("""
        insert into suspect_identifiers (suspect_id, kind, canonical_key, first_seen_at)
        values (?, 'EMAIL', ?, ?)
        """).params(suspect, email, utc(T0)).update();
    return new Planted(tag, suspect, reference, email, report, external, event);
  }

  /** The operator's answer naming the subscriber behind the planted IP event. */
  void identifiedSubscriber(Planted p, String fullName) {
    jdbc.sql("""
        insert into operators (code, name) select 'OP-TEST', 'Opérateur test'
        where not exists (select 1 from operators where code = 'OP-TEST')
        """).update();
    String ref = "REQ-" + p.tag();
    jdbc.sql("""
        insert into requisitions (reference, operator_id, legal_basis, requesting_officer, status,
                                  created_by, sent_at)
        values (?, (select id from operators where code = 'OP-TEST'), 'Art. 77-1-1 CPP',
                'OPJ Test', 'ANSWERED', 'analyste.test', ?)
        """).params(ref, utc(T0.plusSeconds(600))).update();
    long requisition = jdbc.sql("select id from requisitions where reference = ?").param(ref)
        .query(Long.class).single();
    jdbc.sql("""
        insert into requisition_items (requisition_id, ip_event_id, ip, port, occurred_at)
        values (?, ?, '203.0.113.7', 40123, ?)
        """).params(requisition, p.ipEventId(), utc(T0.minusSeconds(3600))).update();
    long item = jdbc.sql("select id from requisition_items where requisition_id = ?")
        .param(requisition).query(Long.class).single();
    jdbc.sql("""
        insert into requisition_answers (requisition_id, received_at, file_name, file_sha256,
                                         imported_by)
        values (?, ?, 'reponse.csv', ?, 'analyste.test')
        """).params(requisition, utc(T0.plusSeconds(7200)), "a".repeat(64)).update();
    long answer = jdbc.sql("select id from requisition_answers where requisition_id = ?")
        .param(requisition).query(Long.class).single();
    jdbc.sql("""
        insert into subscribers (answer_id, requisition_item_id, outcome, full_name, address,
                                 postal_code, city)
        values (?, ?, 'IDENTIFIED', ?, '1 rue de l''Exemple', '69001', 'Lyon')
        """).params(answer, item, fullName).update();
  }

  /** A media item of the planted report matched (PDQ, distance 4, category 3). */
  void matchedMedia(Planted p) {
    String set = "Jeu test " + p.tag();
    jdbc.sql("""
        insert into hash_sets (name, version, format, kind, authority, status, imported_by)
        values (?, '1', 'DEMO', 'NOTABLE', 'Tests', 'ACTIVE', 'analyste.test')
        """).param(set).update();
    long setId = jdbc.sql("select id from hash_sets where name = ?").param(set).query(Long.class)
        .single();
    jdbc.sql("""
        insert into hash_entries (set_id, algorithm, hash_value, category) values (?, 'PDQ', ?, 3)
        """).params(setId, "f".repeat(64)).update();
    long entry = jdbc.sql("select id from hash_entries where set_id = ?").param(setId)
        .query(Long.class).single();
    jdbc.sql("insert into media (report_id, sha256, status) values (?, ?, 'MATCHED')")
        .params(p.reportId(), "b".repeat(56) + p.tag()).update();
    long media = jdbc.sql("select id from media where report_id = ?").param(p.reportId())
        .query(Long.class).single();
    jdbc.sql("""
        insert into matches (media_id, entry_id, set_id, algorithm, distance, category, matched_at)
        values (?, ?, ?, 'PDQ', 4, 3, ?)
        """).params(media, entry, setId, utc(T0)).update();
  }

  /** A current P1 assessment with two factors, as triage stores them (FactorsJson). */
  void assessed(Planted p) {
    jdbc.sql("""
        insert into risk_assessments (suspect_id, weights_version, score, computed_tier, factors,
                                      assessed_at, due_at, current_version, effective_tier,
                                      effective_due_at)
        values (?, 'weights-2026.1', 87.5, 'P1', ?, ?, ?, true, 'P1', ?)
        """).params(p.suspectId(), """
            {"weightsVersion":"weights-2026.1","score":87.5,"tier":"P1","factors":[\
            {"factor":"unknown_material","points":40,"evidence":"1 média inconnu"},\
            {"factor":"access_to_children","points":35,"evidence":"profession: animateur"}]}""",
            utc(T0), utc(T0.plusSeconds(48 * 3600)), utc(T0.plusSeconds(48 * 3600))).update();
  }
}
