package fr.vigie.app.intake.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL of a report import: {@code import_jobs}, {@code import_rejects}, and one report with its
 * persons, identifiers, IP events, media and victim hints.
 */
@Repository
public class JdbcCyberTips {

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  JdbcCyberTips(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** A stored version of a report. */
  public record StoredVersion(long id, int version, String contentSha256) {}

  /** The counts an import job keeps. */
  public record JobCounts(long read, long created, long newVersions, long unchanged,
      long rejected) {}

  public Optional<Long> sourceId(String code) {
    return jdbc.sql("select id from sources where code = ?").param(code).query(Long.class)
        .optional();
  }

  /** Starts an import job that runs now; {@code origin} is CLI, API, WEB or DEMO. */
  public long startJob(String inputName, String inputSha256, String actor, String origin,
      Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into import_jobs (kind, origin, input_name, input_sha256, status, requested_by,
          created_at, started_at)
        values ('REPORTS', ?, ?, ?, 'RUNNING', ?, ?, ?)
        """)
        .params(origin, cut(inputName, 500), inputSha256, cut(actor, 64), utc(now), utc(now))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  /** Registers an import job that a worker will run later. */
  public long queueJob(String inputName, String inputSha256, String actor, String origin,
      Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into import_jobs (kind, origin, input_name, input_sha256, status, requested_by,
          created_at)
        values ('REPORTS', ?, ?, ?, 'QUEUED', ?, ?)
        """)
        .params(origin, cut(inputName, 500), inputSha256, cut(actor, 64), utc(now))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  public void markRunning(long jobId, Instant now) {
    jdbc.sql("update import_jobs set status = 'RUNNING', started_at = ? where id = ?")
        .params(utc(now), jobId).update();
  }

  /** What a queued import job needs to run. */
  public record QueuedJob(String inputName, String requestedBy) {}

  public Optional<QueuedJob> queuedJob(long jobId) {
    return jdbc.sql("select input_name, requested_by from import_jobs where id = ?")
        .param(jobId).query(QueuedJob.class).optional();
  }

  public void finishJob(long jobId, JobCounts c, String status, String lastError, Instant now) {
    jdbc.sql("""
        update import_jobs set status = ?, finished_at = ?, records_read = ?, records_new = ?,
          records_new_version = ?, records_unchanged = ?, records_rejected = ?, last_error = ?
        where id = ?
        """)
        .params(status, utc(now), c.read(), c.created(), c.newVersions(), c.unchanged(),
            c.rejected(), lastError, jobId)
        .update();
  }

  public void quarantine(long jobId, String inputName, long line, long column, String field,
      String reason, byte[] rawGzip) {
    jdbc.sql("""
        insert into import_rejects (job_id, input_name, line, col, field, reason, raw_record,
          status)
        values (?, ?, ?, ?, ?, ?, ?, 'QUARANTINED')
        """)
        .params(jobId, cut(inputName, 500), line, column, cut(field, 200), reason, rawGzip)
        .update();
  }

  /** Returns the stored versions of a report, newest first. */
  public List<StoredVersion> versions(long sourceId, String externalId) {
    return jdbc.sql("""
        select id, version, content_sha256 from reports
        where source_id = ? and external_id = ? order by version desc
        """)
        .params(sourceId, externalId)
        .query((rs, n) -> new StoredVersion(rs.getLong("id"), rs.getInt("version"),
            rs.getString("content_sha256")))
        .list();
  }

  /** Inserts one report version and everything it names; returns the report's id. */
  public long insert(long sourceId, long jobId, String externalId, int version,
      String contentSha256, String rawFormat, byte[] rawGzip, CyberTipRows rows) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into reports (source_id, external_id, version, content_sha256, incident_type,
          incident_at, incident_offset, received_at, platform, high_priority, raw_format,
          raw_record, import_job_id)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
        .params(sourceId, externalId, version, contentSha256, rows.incidentType(),
            utc(rows.incidentAt()), rows.incidentOffset(), utc(rows.receivedAt()),
            rows.platform(), rows.highPriority(), rawFormat, rawGzip, jobId)
        .update(keys, "id");
    long reportId = keys.getKey().longValue();
    List<Object[]> identifiers = new ArrayList<>();
    for (CyberTipRows.PersonRow p : rows.persons()) {
      long personId = insertPerson(reportId, p);
      for (CyberTipRows.IdentifierRow i : p.identifiers()) {
        identifiers.add(new Object[] {reportId, personId, i.kind(), i.platform(), i.original(),
            i.normalized(), i.canonicalKey()});
      }
    }
    template.batchUpdate("""
        insert into reported_identifiers (report_id, person_id, kind, platform, original_value,
          normalized_value, canonical_key)
        values (?, ?, ?, ?, ?, ?, ?)
        """, identifiers);
    template.batchUpdate("""
        insert into ip_events (report_id, ip_original, ip, ip_version, port, occurred_at,
          original_offset, offset_missing, event_name)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, rows.ipEvents().stream().map(e -> new Object[] {reportId, e.ipOriginal(), e.ip(),
            e.ipVersion(), e.port(), utc(e.occurredAt()), e.originalOffset(), e.offsetMissing(),
            e.eventName()}).toList());
    template.batchUpdate("""
        insert into media (report_id, file_name, md5, sha1, sha256) values (?, ?, ?, ?, ?)
        """, rows.media().stream().map(m -> new Object[] {reportId, m.fileName(), m.md5(),
            m.sha1(), m.sha256()}).toList());
    template.batchUpdate("""
        insert into victim_hints (report_id, kind, description) values (?, ?, ?)
        """, rows.victimHints().stream().map(h -> new Object[] {reportId, h.kind(),
            h.description()}).toList());
    return reportId;
  }

  /** Marks every other version of the report SUPERSEDED. */
  public void supersedeAllBut(long sourceId, String externalId, long keptId) {
    jdbc.sql("""
        update reports set status = 'SUPERSEDED'
        where source_id = ? and external_id = ? and id <> ? and status <> 'SUPERSEDED'
        """)
        .params(sourceId, externalId, keptId).update();
  }

  private long insertPerson(long reportId, CyberTipRows.PersonRow p) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into report_persons (report_id, role, first_name, last_name, date_of_birth, age,
          address, postal_code, city, country)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
        .params(reportId, p.role(), p.firstName(), p.lastName(), p.dateOfBirth(), p.age(),
            p.address(), p.postalCode(), p.city(), p.country())
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(s.length() - max);
  }
}
