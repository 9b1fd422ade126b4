package fr.vigie.app.intake.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Read-side SQL of intake for the pages and the API: import jobs, the quarantine, the report list
 * (keyset paging) and one report with everything it names.
 */
@Repository
public class IntakeViews {

  /** Raw records larger than this are shown cut, so that one huge record cannot fill the heap. */
  static final int RAW_SHOWN_LIMIT = 2 * 1024 * 1024;

  private final JdbcClient jdbc;

  IntakeViews(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // ------------------------------------------------------------------ import jobs

  /**
   * One import job as the pages and the API show it.
   *
   * @param outcome what the input was ({@link fr.vigie.app.intake.InputOutcome}), once the job
   *     has ended; null before, and for the jobs that ended before outcomes were kept
   * @param sourceCode the source named for the input's report documents, or null
   */
  public record JobRow(long id, String kind, String origin, String inputName, String status,
      String requestedBy, Instant createdAt, Instant startedAt, Instant finishedAt, long read,
      long created, long newVersions, long unchanged, long rejected, String lastError,
      long quarantined, String outcome, String sourceCode) {

    public boolean running() {
      return "RUNNING".equals(status);
    }

    public boolean queued() {
      return "QUEUED".equals(status);
    }

    /** True once nothing more will happen to it (the queue may still run a FAILED one again). */
    public boolean ended() {
      return !running() && !queued();
    }

    /** True for a job that ended DONE: the only end of which "no error" may be said. */
    public boolean done() {
      return "DONE".equals(status);
    }
  }

  private static final String JOB_COLUMNS = """
      j.id, j.kind, j.origin, j.input_name, j.status, j.requested_by, j.created_at, j.started_at,
      j.finished_at, j.records_read, j.records_new, j.records_new_version, j.records_unchanged,
      j.records_rejected, j.last_error, j.outcome,
      (select count(*) from import_rejects x where x.job_id = j.id and x.status = 'QUARANTINED')
        as quarantined,
      (select s.code from sources s where s.id = j.source_id) as source_code
      """;

  private static JobRow job(ResultSet rs, int n) throws SQLException {
    return new JobRow(rs.getLong("id"), rs.getString("kind"), rs.getString("origin"),
        rs.getString("input_name"), rs.getString("status"), rs.getString("requested_by"),
        instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
        rs.getLong("records_read"), rs.getLong("records_new"),
        rs.getLong("records_new_version"), rs.getLong("records_unchanged"),
        rs.getLong("records_rejected"), rs.getString("last_error"), rs.getLong("quarantined"),
        rs.getString("outcome"), rs.getString("source_code"));
  }

  /** Report import jobs, newest first, with an id below {@code beforeId} (null: from the top). */
  public List<JobRow> jobs(Long beforeId, int limit) {
    return jdbc.sql("select " + JOB_COLUMNS + " from import_jobs j where j.kind = 'REPORTS'"
            + (beforeId == null ? "" : " and j.id < :before") + " order by j.id desc limit :limit")
        .paramSource(beforeId == null ? java.util.Map.of("limit", limit)
            : java.util.Map.of("limit", limit, "before", beforeId))
        .query(IntakeViews::job).list();
  }

  public Optional<JobRow> job(long id) {
    return jdbc.sql("select " + JOB_COLUMNS + " from import_jobs j where j.id = ?").param(id)
        .query(IntakeViews::job).optional();
  }

  /**
   * How far a running job has got: its reports stored and records rejected so far, quarantined
   * or summarised (the job's counters are written when it ends).
   */
  public record Progress(long stored, long rejected) {}

  public Progress progress(long jobId) {
    return jdbc.sql("""
        select (select count(*) from reports where import_job_id = ?) as stored,
               (select count(*) from import_rejects where job_id = ?)
                 + (select coalesce(sum(occurrences), 0) from import_refusals where job_id = ?)
                 as rejected
        """).params(jobId, jobId, jobId)
        .query((rs, n) -> new Progress(rs.getLong("stored"), rs.getLong("rejected"))).single();
  }

  // ------------------------------------------------------------------ quarantine

  /** A rejected record without its raw bytes. */
  public record RejectRow(long id, long jobId, String inputName, Long line, Long column,
      String field, String reason, String status, Instant createdAt, Instant resolvedAt,
      String resolvedBy, boolean hasRaw) {}

  private static final String REJECT_COLUMNS = """
      id, job_id, input_name, line, col, field, reason, status, created_at, resolved_at,
      resolved_by, case when raw_record is null then false else true end as has_raw
      """;

  private static RejectRow reject(ResultSet rs, int n) throws SQLException {
    return new RejectRow(rs.getLong("id"), rs.getLong("job_id"), rs.getString("input_name"),
        nullableLong(rs, "line"), nullableLong(rs, "col"), rs.getString("field"),
        rs.getString("reason"), rs.getString("status"), instant(rs, "created_at"),
        instant(rs, "resolved_at"), rs.getString("resolved_by"), rs.getBoolean("has_raw"));
  }

  /** The rejections of a job in input order, at most {@code limit}. */
  public List<RejectRow> rejects(long jobId, int limit) {
    return jdbc.sql("select " + REJECT_COLUMNS
            + " from import_rejects where job_id = ? order by id limit ?")
        .params(jobId, limit).query(IntakeViews::reject).list();
  }

  public Optional<RejectRow> rejectRow(long id) {
    return jdbc.sql("select " + REJECT_COLUMNS + " from import_rejects where id = ?").param(id)
        .query(IntakeViews::reject).optional();
  }

  /** The rejected record's raw text, decompressed (cut at {@link #RAW_SHOWN_LIMIT}). */
  public Optional<String> rejectRaw(long id) {
    return jdbc.sql("select raw_record from import_rejects where id = ?").param(id)
        .query((rs, n) -> Optional.ofNullable(rs.getBytes(1)).map(IntakeViews::gunzip))
        .optional().flatMap(o -> o);
  }

  /**
   * Marks a quarantined record REIMPORTED or DISCARDED; returns false when it is not (or no
   * longer) QUARANTINED, so that two people resolving it at once cannot both succeed.
   */
  public boolean resolveReject(long id, String status, String by, Instant at) {
    return jdbc.sql("""
        update import_rejects set status = ?, resolved_by = ?, resolved_at = ?
        where id = ? and status = 'QUARANTINED'
        """).params(status, by, utc(at), id).update() == 1;
  }

  // ------------------------------------------------------------------ report list

  /**
   * What the report list may be filtered on; null or blank means "any".
   *
   * @param receivedFrom first day (Paris) of the reception period
   * @param receivedTo last day (Paris), included
   */
  public record ReportFilter(String source, LocalDate receivedFrom, LocalDate receivedTo,
      String incidentType, String status, String departement) {}

  /** Where a page of the list starts: after this (received_at, id), in descending order. */
  public record Cursor(Instant receivedAt, long id) {

    /** Parses {@code 2023-03-15T02:10:00Z_123}; null when absent or malformed. */
    public static Cursor parse(String text) {
      if (text == null || text.isBlank()) {
        return null;
      }
      int cut = text.lastIndexOf('_');
      try {
        return new Cursor(Instant.parse(text.substring(0, cut)),
            Long.parseLong(text.substring(cut + 1)));
      } catch (RuntimeException e) {
        return null;
      }
    }

    @Override
    public String toString() {
      return receivedAt + "_" + id;
    }
  }

  /** One line of the report list. */
  public record ReportLine(long id, String sourceCode, String externalId, int version,
      String incidentType, Instant receivedAt, String status, String departement,
      boolean highPriority, boolean externalIdDerived, String assignedUnit, String assignee) {}

  /**
   * A page of reports, newest received first, after the cursor. The SQL names only the filters
   * given, so that each shape gets a plan that uses its index (V10); the keyset condition is a
   * row comparison that walks (received_at, id) from where the last page stopped, as fast on
   * page 10,000 as on page 1.
   *
   * <p>The département is known from attribution ({@code reports.departement_code}) or, before
   * that, from a reported person's postal code, by a range rather than LIKE 'xx%' so that the
   * plain index on postal_code serves it on both databases (V10). The walk of the received order
   * then stops at the first page of matches: tens of milliseconds at 1M reports, but a whole
   * walk (about a second) for a département with no report at all. Looking up both sources
   * separately and merging them was measured slower in the common cases (docs/benchmarks.md).
   */
  public List<ReportLine> reports(ReportFilter f, Cursor after, int limit,
      java.time.ZoneId zone) {
    return reports(f, after, null, limit, zone);
  }

  /**
   * As {@link #reports(ReportFilter, Cursor, int, java.time.ZoneId)}, or, with {@code before}
   * (and no {@code after}), the page just before that row: walked upwards from it and handed
   * back newest first, so that "previous" is as cheap as "next".
   */
  public List<ReportLine> reports(ReportFilter f, Cursor after, Cursor before, int limit,
      java.time.ZoneId zone) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("""
        select r.id, s.code as source_code, r.external_id, r.version, r.incident_type,
          r.received_at, r.status, """ + DEPARTEMENT_SHOWN + """
         as departement, r.high_priority, r.external_id_derived,
          (select u.code from units u where u.id = r.assigned_unit_id) as assigned_unit,
          r.assigned_to
        from reports r join sources s on s.id = r.source_id
        where 1 = 1""");
    filters(sql, params, "r", f, after, zone);
    if (after == null && before != null) {
      sql.append(" and (r.received_at, r.id) > (?, ?)");
      params.add(utc(before.receivedAt()));
      params.add(before.id());
    }
    departement(sql, params, f);
    boolean upwards = after == null && before != null;
    sql.append(upwards ? " order by r.received_at, r.id limit ?"
        : " order by r.received_at desc, r.id desc limit ?");
    params.add(limit);
    List<ReportLine> lines = new ArrayList<>(jdbc.sql(sql.toString()).params(params)
        .query((rs, n) -> new ReportLine(rs.getLong("id"), rs.getString("source_code"),
            rs.getString("external_id"), rs.getInt("version"), rs.getString("incident_type"),
            instant(rs, "received_at"), rs.getString("status"), rs.getString("departement"),
            rs.getBoolean("high_priority"), rs.getBoolean("external_id_derived"),
            rs.getString("assigned_unit"), rs.getString("assigned_to")))
        .list());
    if (upwards) {
      java.util.Collections.reverse(lines);
    }
    return lines;
  }

  /**
   * How many reports match the filter, counted up to {@code cap} (then {@code cap}): an exact
   * total of a million rows would cost a second on every page, and nobody reads past that.
   */
  public long count(ReportFilter f, long cap, java.time.ZoneId zone) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("select 1 from reports r where 1 = 1");
    filters(sql, params, "r", f, null, zone);
    departement(sql, params, f);
    sql.append(" limit ?");
    params.add(cap);
    return jdbc.sql("select count(*) from (" + sql + ") capped").params(params)
        .query(Long.class).single();
  }

  /**
   * The département a report is shown in: the one attribution placed it in
   * ({@code reports.departement_code}) or, until then, that of the postal code of a person it
   * names in France — the reported person's first, then a victim's or recipient's. A postal
   * code gives its département by its first two digits (three overseas: 971…976; Corsica's
   * 20000–20199 is 2A, 20200 and above 2B), kept only when that département exists.
   */
  static final String DEPARTEMENT_SHOWN = """
      coalesce(r.departement_code, (
        select d.code from report_persons p join departements d on d.code =
          case when p.postal_code like '97%' then substring(p.postal_code, 1, 3)
               when p.postal_code like '20%'
                 then case when p.postal_code < '20200' then '2A' else '2B' end
               else substring(p.postal_code, 1, 2) end
        where p.report_id = r.id and p.postal_code ~ '^[0-9]{5}$'
          and (p.country is null or p.country = 'FR')
        order by case p.role when 'REPORTED' then 0 else 1 end, p.id limit 1))""";

  /** The département filter: placed there by attribution, or naming a person living there. */
  private static void departement(StringBuilder sql, List<Object> params, ReportFilter f) {
    if (notBlank(f.departement())) {
      String[] range = postalRange(f.departement());
      sql.append(" and (r.departement_code = ? or exists (select 1 from report_persons p"
          + " where p.report_id = r.id and p.postal_code between ? and ?))");
      params.add(f.departement());
      params.add(range[0]);
      params.add(range[1]);
    }
  }

  /** Appends the conditions on the reports table (alias {@code r}) other than the département. */
  private static void filters(StringBuilder sql, List<Object> params, String r, ReportFilter f,
      Cursor after, java.time.ZoneId zone) {
    if (notBlank(f.source())) {
      sql.append(" and ").append(r).append(".source_id = (select id from sources where code = ?)");
      params.add(f.source());
    }
    if (f.receivedFrom() != null) {
      sql.append(" and ").append(r).append(".received_at >= ?");
      params.add(utc(f.receivedFrom().atStartOfDay(zone).toInstant()));
    }
    if (f.receivedTo() != null) {
      sql.append(" and ").append(r).append(".received_at < ?");
      params.add(utc(f.receivedTo().plusDays(1).atStartOfDay(zone).toInstant()));
    }
    if (notBlank(f.incidentType())) {
      sql.append(" and ").append(r).append(".incident_type = ?");
      params.add(f.incidentType());
    }
    if (notBlank(f.status())) {
      sql.append(" and ").append(r).append(".status = ?");
      params.add(f.status());
    }
    if (after != null) {
      sql.append(" and (").append(r).append(".received_at, ").append(r).append(".id) < (?, ?)");
      params.add(utc(after.receivedAt()));
      params.add(after.id());
    }
  }

  /**
   * The first and last postal codes of a département: {@code 69} is 69000–69999, {@code 971}
   * 97100–97199; Corsica shares 20, 2A taking 20000–20199 and 2B 20200–20999 (as
   * {@link #DEPARTEMENT_SHOWN} reads them).
   */
  static String[] postalRange(String departement) {
    String d = departement.strip().toUpperCase(java.util.Locale.ROOT);
    if (d.equals("2A")) {
      return new String[] {"20000", "20199"};
    }
    if (d.equals("2B")) {
      return new String[] {"20200", "20999"};
    }
    return new String[] {d + "0".repeat(5 - d.length()), d + "9".repeat(5 - d.length())};
  }

  /** The external ids of these reports, by id (those that exist). */
  public java.util.Map<Long, String> externalIds(List<Long> ids) {
    if (ids.isEmpty()) {
      return java.util.Map.of();
    }
    return jdbc.sql("select id, external_id from reports where id in (:ids)").param("ids", ids)
        .query((rs, n) -> java.util.Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
        .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey,
            java.util.Map.Entry::getValue));
  }

  /** The source codes, for the filter. */
  public List<String> sourceCodes() {
    return jdbc.sql("select code from sources order by code").query(String.class).list();
  }

  /** The kind of the source with that code, if there is one. */
  public Optional<String> sourceKind(String code) {
    return jdbc.sql("select kind from sources where code = ?").param(code).query(String.class)
        .optional();
  }

  public List<String> sourceCodesOfKind(String kind) {
    return jdbc.sql("select code from sources where kind = ? order by code").param(kind)
        .query(String.class).list();
  }

  // ------------------------------------------------------------------ one report

  public record ReportDetail(long id, String sourceCode, String sourceName, String sourceKind,
      String externalId, int version, String contentSha256, String incidentType,
      Instant incidentAt, String incidentOffset, Instant receivedAt, String platform,
      String country, boolean highPriority, String status, String departement, String rawFormat,
      Long importJobId, Instant createdAt, long sourceId, boolean externalIdDerived,
      String annotations, String statusReason, String assignedUnit, String assignee) {

    /** The reportAnnotations flags, as written. */
    public List<String> annotationList() {
      return annotations == null || annotations.isBlank() ? List.of()
          : List.of(annotations.split(","));
    }
  }

  public record Person(long id, String role, String firstName, String lastName,
      LocalDate dateOfBirth, Integer age, String address, String postalCode, String city,
      String country) {}

  public record Identifier(Long personId, String kind, String platform, String original,
      String normalized, String canonicalKey) {}

  public record IpEventRow(long id, String ipOriginal, String ip, int ipVersion, Integer port,
      Instant occurredAt, String originalOffset, boolean offsetMissing, String eventName,
      String status, String owner, boolean possibleProxy) {}

  public record MediaRow(long id, String fileName, Long sizeBytes, String md5, String sha1,
      String sha256, String status, String externalFileId, String classification,
      String relevance, String annotations, String declaredReportId) {}

  /** A device id of the report, with whose it is. */
  public record DeviceRow(Long personId, String owner, String idType, String idValue,
      String canonicalKey, String eventName, Instant occurredAt, String originalOffset,
      boolean offsetMissing) {}

  /** A value no column holds: kind NOT_MAPPED, UNKNOWN, NOT_STORED or MORE. */
  public record NotKeptRow(String path, String value, String kind) {}

  public record Hint(String kind, String description) {}

  public record Version(long id, int version, String status, Instant createdAt) {}

  public Optional<ReportDetail> report(long id) {
    return jdbc.sql("""
        select r.id, s.code, s.name, s.kind, r.external_id, r.version, r.content_sha256,
          r.incident_type, r.incident_at, r.incident_offset, r.received_at, r.platform,
          r.country, r.high_priority, r.status, """ + DEPARTEMENT_SHOWN + """
           as departement_code, r.raw_format,
          r.import_job_id, r.created_at, r.source_id, r.external_id_derived, r.annotations,
          r.status_reason, u.code as assigned_unit, r.assigned_to
        from reports r join sources s on s.id = r.source_id
          left join units u on u.id = r.assigned_unit_id
        where r.id = ?
        """).param(id)
        .query((rs, n) -> new ReportDetail(rs.getLong("id"), rs.getString("code"),
            rs.getString("name"), rs.getString("kind"), rs.getString("external_id"),
            rs.getInt("version"), rs.getString("content_sha256"), rs.getString("incident_type"),
            instant(rs, "incident_at"), rs.getString("incident_offset"),
            instant(rs, "received_at"), rs.getString("platform"), rs.getString("country"),
            rs.getBoolean("high_priority"), rs.getString("status"),
            rs.getString("departement_code"), rs.getString("raw_format"),
            nullableLong(rs, "import_job_id"), instant(rs, "created_at"),
            rs.getLong("source_id"), rs.getBoolean("external_id_derived"),
            rs.getString("annotations"), rs.getString("status_reason"),
            rs.getString("assigned_unit"), rs.getString("assigned_to")))
        .optional();
  }

  public List<Person> persons(long reportId) {
    return jdbc.sql("""
        select id, role, first_name, last_name, date_of_birth, age, address, postal_code, city,
          country
        from report_persons where report_id = ? order by id
        """).param(reportId)
        .query((rs, n) -> new Person(rs.getLong("id"), rs.getString("role"),
            rs.getString("first_name"), rs.getString("last_name"),
            rs.getObject("date_of_birth", LocalDate.class),
            (Integer) rs.getObject("age", Integer.class), rs.getString("address"),
            rs.getString("postal_code"), rs.getString("city"), rs.getString("country")))
        .list();
  }

  public List<Identifier> identifiers(long reportId) {
    return jdbc.sql("""
        select person_id, kind, platform, original_value, normalized_value, canonical_key
        from reported_identifiers where report_id = ? order by id
        """).param(reportId)
        .query((rs, n) -> new Identifier(nullableLong(rs, "person_id"), rs.getString("kind"),
            rs.getString("platform"), rs.getString("original_value"),
            rs.getString("normalized_value"), rs.getString("canonical_key")))
        .list();
  }

  public List<IpEventRow> ipEvents(long reportId) {
    return jdbc.sql("""
        select id, ip_original, ip, ip_version, port, occurred_at, original_offset,
          offset_missing, event_name, status, owner, possible_proxy
        from ip_events where report_id = ? order by occurred_at, id
        """).param(reportId)
        .query((rs, n) -> new IpEventRow(rs.getLong("id"), rs.getString("ip_original"),
            rs.getString("ip"), rs.getInt("ip_version"),
            (Integer) rs.getObject("port", Integer.class), instant(rs, "occurred_at"),
            rs.getString("original_offset"), rs.getBoolean("offset_missing"),
            rs.getString("event_name"), rs.getString("status"), rs.getString("owner"),
            rs.getBoolean("possible_proxy")))
        .list();
  }

  public List<MediaRow> media(long reportId) {
    return jdbc.sql("""
        select id, file_name, size_bytes, md5, sha1, sha256, status, external_file_id,
          classification, relevance, annotations, declared_report_id
        from media where report_id = ? order by id
        """).param(reportId)
        .query((rs, n) -> new MediaRow(rs.getLong("id"), rs.getString("file_name"),
            nullableLong(rs, "size_bytes"), rs.getString("md5"), rs.getString("sha1"),
            rs.getString("sha256"), rs.getString("status"), rs.getString("external_file_id"),
            rs.getString("classification"), rs.getString("relevance"),
            rs.getString("annotations"), rs.getString("declared_report_id")))
        .list();
  }

  public List<DeviceRow> devices(long reportId) {
    return jdbc.sql("""
        select person_id, owner, id_type, id_value, canonical_key, event_name, occurred_at,
          original_offset, offset_missing
        from report_device_ids where report_id = ? order by id
        """).param(reportId)
        .query((rs, n) -> new DeviceRow(nullableLong(rs, "person_id"), rs.getString("owner"),
            rs.getString("id_type"), rs.getString("id_value"), rs.getString("canonical_key"),
            rs.getString("event_name"), instant(rs, "occurred_at"),
            rs.getString("original_offset"), rs.getBoolean("offset_missing")))
        .list();
  }

  /** The values of the report no column holds, in document order. */
  public List<NotKeptRow> notKept(long reportId) {
    return jdbc.sql("""
        select path, value, kind from report_not_kept where report_id = ? order by position
        """).param(reportId)
        .query((rs, n) -> new NotKeptRow(rs.getString("path"), rs.getString("value"),
            rs.getString("kind")))
        .list();
  }

  public List<Hint> victimHints(long reportId) {
    return jdbc.sql("select kind, description from victim_hints where report_id = ? order by id")
        .param(reportId)
        .query((rs, n) -> new Hint(rs.getString("kind"), rs.getString("description"))).list();
  }

  /** Every stored version of the same report (same source and external id), newest first. */
  public List<Version> versions(long sourceId, String externalId) {
    return jdbc.sql("""
        select id, version, status, created_at from reports
        where source_id = ? and external_id = ? order by version desc
        """).params(sourceId, externalId)
        .query((rs, n) -> new Version(rs.getLong("id"), rs.getInt("version"),
            rs.getString("status"), instant(rs, "created_at")))
        .list();
  }

  /** The report's raw record, decompressed (cut at {@link #RAW_SHOWN_LIMIT}). */
  public Optional<String> reportRaw(long id) {
    return jdbc.sql("select raw_record from reports where id = ?").param(id)
        .query((rs, n) -> Optional.ofNullable(rs.getBytes(1)).map(IntakeViews::gunzip))
        .optional().flatMap(o -> o);
  }

  // ------------------------------------------------------------------ helpers

  /** Decompresses a gzip raw record, cut at {@link #RAW_SHOWN_LIMIT} bytes. */
  static String gunzip(byte[] gzip) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      byte[] bytes = in.readNBytes(RAW_SHOWN_LIMIT + 1);
      String text = new String(bytes, 0, Math.min(bytes.length, RAW_SHOWN_LIMIT),
          StandardCharsets.UTF_8);
      return bytes.length > RAW_SHOWN_LIMIT ? text + "\n[…]" : text;
    } catch (IOException e) {
      throw new UncheckedIOException("a stored raw record is not valid gzip", e);
    }
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
