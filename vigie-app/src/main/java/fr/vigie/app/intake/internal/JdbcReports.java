package fr.vigie.app.intake.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.intake.IntakeCounts;
import fr.vigie.app.intake.MediaStatus;
import fr.vigie.app.intake.MediaToMatch;
import fr.vigie.app.intake.ReportDraft;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over {@code sources}, {@code reports}, {@code reported_identifiers}, {@code ip_events}, {@code media}. */
@Repository
public class JdbcReports {

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  JdbcReports(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /**
   * Registers the source unless its code exists. One statement: two first pushes at once (three
   * sensors starting together) both see the source, neither fails on the unique code.
   */
  public void ensureSource(String code, String name, String kind, String country) {
    jdbc.sql("""
        insert into sources (code, name, kind, country) values (?, ?, ?, ?)
        on conflict (code) do nothing
        """).params(code, name, kind, country).update();
  }

  /** Inserts reports one by one (ids are needed) and their children in JDBC batches. */
  public void insertAll(List<ReportDraft> drafts, String rawFormat) {
    Map<String, Long> sourceIds = new LinkedHashMap<>();
    List<Object[]> identifiers = new ArrayList<>();
    List<Object[]> events = new ArrayList<>();
    List<Object[]> media = new ArrayList<>();
    for (ReportDraft d : drafts) {
      long sourceId = sourceIds.computeIfAbsent(d.sourceCode(), code ->
          jdbc.sql("select id from sources where code = ?").param(code).query(Long.class)
              .optional()
              .orElseThrow(() -> new IllegalArgumentException("unknown source: " + code)));
      long reportId = insertReport(sourceId, d, rawFormat);
      for (ReportDraft.Identifier i : d.identifiers()) {
        identifiers.add(new Object[] {reportId, i.kind(), i.platform(), i.original(),
            i.normalized(), i.canonicalKey()});
      }
      for (ReportDraft.IpEvent e : d.ipEvents()) {
        events.add(new Object[] {reportId, e.ipOriginal(), e.ip(), e.ipVersion(), e.port(),
            utc(e.occurredAt()), e.originalOffset(), e.originalOffset() == null, e.eventName()});
      }
      for (ReportDraft.MediaFile m : d.media()) {
        media.add(new Object[] {reportId, m.fileName(), m.sizeBytes(), m.md5(), m.sha1(),
            m.sha256()});
      }
    }
    template.batchUpdate("""
        insert into reported_identifiers
          (report_id, kind, platform, original_value, normalized_value, canonical_key)
        values (?, ?, ?, ?, ?, ?)
        """, identifiers);
    template.batchUpdate("""
        insert into ip_events (report_id, ip_original, ip, ip_version, port, occurred_at,
          original_offset, offset_missing, event_name)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, events);
    template.batchUpdate("""
        insert into media (report_id, file_name, size_bytes, md5, sha1, sha256)
        values (?, ?, ?, ?, ?, ?)
        """, media);
  }

  private long insertReport(long sourceId, ReportDraft d, String rawFormat) {
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("""
        insert into reports (source_id, external_id, content_sha256, incident_type, incident_at,
          received_at, platform, country, raw_format)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
        .params(sourceId, d.externalId(), d.contentSha256(), d.incidentType(),
            utc(d.incidentAt()), utc(d.receivedAt()), d.platform(), d.country(), rawFormat)
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  public void placeByIpEvent(long ipEventId, String departementCode) {
    jdbc.sql("""
        update reports set departement_code = d.code from departements d
        where d.code = ? and reports.id = (select report_id from ip_events where id = ?)
        """).params(departementCode, ipEventId).update();
  }

  public java.util.Optional<Long> placeInDepartement(String sourceCode, String externalId,
      String departementCode) {
    return jdbc.sql("""
        update reports set departement_code = d.code from departements d
        where d.code = ? and reports.external_id = ?
          and reports.source_id = (select id from sources where code = ?)
        returning reports.id, reports.version
        """).params(departementCode, externalId, sourceCode)
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list().stream()
        .max(java.util.Comparator.comparingLong(v -> v[1])).map(v -> v[0]);
  }

  public List<MediaToMatch> mediaAfter(long afterId, int limit) {
    return jdbc.sql("""
        select id, md5, sha1, sha256, pdq, pdq_quality from media
        where id > ? order by id limit ?
        """)
        .params(afterId, limit)
        .query((rs, n) -> new MediaToMatch(rs.getLong("id"),
            rs.getString("md5"), rs.getString("sha1"), rs.getString("sha256"),
            rs.getString("pdq"), rs.getInt("pdq_quality")))
        .list();
  }

  public void setMediaStatus(long mediaId, MediaStatus status,
      Instant at) {
    jdbc.sql("update media set status = ?, matched_at = ? where id = ?")
        .params(status.name(), utc(at), mediaId).update();
  }

  public Map<MediaStatus, Long> countMediaByStatus() {
    Map<MediaStatus, Long> counts =
        new EnumMap<>(MediaStatus.class);
    jdbc.sql("select status, count(*) as n from media group by status")
        .query(rs -> {
          counts.put(MediaStatus.valueOf(rs.getString("status")),
              rs.getLong("n"));
        });
    return counts;
  }

  public IntakeCounts counts() {
    return jdbc.sql("""
        select (select count(*) from reports) as reports,
               (select count(*) from reported_identifiers) as identifiers,
               (select count(*) from ip_events) as ip_events,
               (select count(*) from ip_events e where not exists (
                  select 1 from ip_attributions a where a.ip_event_id = e.id)) as pending,
               (select count(*) from media) as media,
               (select count(*) from sources) as sources
        """)
        .query((rs, n) -> new IntakeCounts(rs.getLong("reports"), rs.getLong("identifiers"),
            rs.getLong("ip_events"), rs.getLong("pending"), rs.getLong("media"),
            rs.getLong("sources")))
        .single();
  }

  public Map<String, Long> countByIncidentType() {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.sql("""
        select incident_type, count(*) as n from reports
        group by incident_type order by n desc, incident_type
        """)
        .query(rs -> {
          counts.put(rs.getString("incident_type"), rs.getLong("n"));
        });
    return counts;
  }
}
