package fr.vigie.app.intake.internal;

import static fr.vigie.app.storage.Timestamps.utc;

import fr.vigie.app.intake.DeclaredMedia;
import fr.vigie.app.intake.MediaContentFacts;
import fr.vigie.app.intake.MediaItem;
import fr.vigie.app.intake.MediaStatus;
import fr.vigie.app.intake.MediaToMatch;
import fr.vigie.app.storage.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over {@code media} for the stages after intake: content, matching per import, the page. */
@Repository
public class JdbcMediaRecords {

  private final JdbcClient jdbc;

  JdbcMediaRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<MediaToMatch> ofImport(long importJobId, long afterId, int limit) {
    return jdbc.sql("""
        select m.id, m.md5, m.sha1, m.sha256, m.pdq, m.pdq_quality
        from media m join reports r on r.id = m.report_id
        where r.import_job_id = ? and m.id > ?
        order by m.id limit ?
        """)
        .params(importJobId, afterId, limit)
        .query((rs, n) -> toMatch(rs)).list();
  }

  public List<MediaToMatch> byIds(List<Long> ids) {
    return jdbc.sql("""
        select id, md5, sha1, sha256, pdq, pdq_quality from media
        where id in (:ids) order by id
        """)
        .param("ids", ids)
        .query((rs, n) -> toMatch(rs)).list();
  }

  public Optional<MediaItem> find(long id) {
    return jdbc.sql("""
        select m.id, m.report_id, r.external_id, m.file_name, m.size_bytes, m.md5, m.sha1,
          m.sha256, m.pdq, m.pdq_quality, m.content_ref, m.content_type, m.width, m.height,
          m.status, m.matched_at, m.hash_mismatch
        from media m left join reports r on r.id = m.report_id
        where m.id = ?
        """)
        .param(id)
        .query((rs, n) -> new MediaItem(rs.getLong("id"), rs.getObject("report_id",
            Long.class), rs.getString("external_id"), rs.getString("file_name"),
            rs.getObject("size_bytes", Long.class), rs.getString("md5"), rs.getString("sha1"),
            rs.getString("sha256"), rs.getString("pdq"),
            rs.getObject("pdq_quality", Integer.class), rs.getString("content_ref"),
            rs.getString("content_type"), rs.getObject("width", Integer.class),
            rs.getObject("height", Integer.class), MediaStatus.valueOf(rs.getString("status")),
            Timestamps.instant(rs, "matched_at"), rs.getString("hash_mismatch")))
        .optional();
  }

  /**
   * Rows that declared this content (its MD5, SHA-1 and SHA-256, any case), found by their
   * digest key ({@link HashKeys}: the first digest a row declares, MD5 first). A row is kept when
   * that declared digest is the content's; its other declared hashes are compared when the
   * content is attached, a mismatch flagged. A row whose first declared digest is not the
   * content's is not that content's row, even if another of its hashes agrees.
   */
  public List<DeclaredMedia> declaring(String md5, String sha1, String sha256) {
    List<Long> keys = java.util.stream.Stream.of(md5, sha1, sha256).map(HashKeys::of)
        .filter(java.util.Objects::nonNull).distinct().toList();
    if (keys.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select id, md5, sha1, sha256, content_ref from media"
            + " where digest_key in (:keys) order by id")
        .param("keys", keys)
        .query((rs, n) -> toDeclared(rs)).list().stream()
        .filter(row -> row.md5() != null ? same(row.md5(), md5)
            : row.sha1() != null ? same(row.sha1(), sha1) : same(row.sha256(), sha256))
        .toList();
  }

  private static boolean same(String declared, String digest) {
    return declared != null && digest != null && declared.equalsIgnoreCase(digest);
  }

  public Optional<DeclaredMedia> declared(long id) {
    return jdbc.sql("select id, md5, sha1, sha256, content_ref from media where id = ?")
        .param(id).query((rs, n) -> toDeclared(rs)).optional();
  }

  /** Sets the content columns; declared hashes are only filled where missing. */
  public void attach(long id, MediaContentFacts f, String mismatch, Instant at) {
    jdbc.sql("""
        update media set content_ref = ?,
          digest_key = case when md5 is null then ? else digest_key end,
          md5 = coalesce(md5, ?), sha1 = coalesce(sha1, ?), sha256 = coalesce(sha256, ?),
          pdq = ?, pdq_quality = ?, content_type = ?, width = ?, height = ?,
          size_bytes = coalesce(size_bytes, ?), hash_mismatch = ?,
          content_at = coalesce(content_at, ?)
        where id = ?
        """)
        .params(f.sha256(), HashKeys.of(f.md5()), f.md5(), f.sha1(), f.sha256(), f.pdq(),
            f.pdq() == null ? null : f.pdqQuality(), f.contentType(), f.width(), f.height(),
            f.size(), mismatch, utc(at), id)
        .update();
  }

  public void overwriteHashes(long id, MediaContentFacts f) {
    jdbc.sql("""
        update media set md5 = ?, sha1 = ?, sha256 = ?, digest_key = ?, size_bytes = ?
        where id = ?
        """)
        .params(f.md5(), f.sha1(), f.sha256(), HashKeys.of(f.md5(), f.sha1(), f.sha256()),
            f.size(), id).update();
  }

  public List<DeclaredMedia> withoutContent(int limit) {
    return jdbc.sql("""
        select id, md5, sha1, sha256, content_ref from media
        where content_ref is null order by id limit ?
        """)
        .param(limit).query((rs, n) -> toDeclared(rs)).list();
  }

  private static MediaToMatch toMatch(ResultSet rs) throws SQLException {
    return new MediaToMatch(rs.getLong("id"), rs.getString("md5"), rs.getString("sha1"),
        rs.getString("sha256"), rs.getString("pdq"), rs.getInt("pdq_quality"));
  }

  private static DeclaredMedia toDeclared(ResultSet rs) throws SQLException {
    return new DeclaredMedia(rs.getLong("id"), rs.getString("md5"), rs.getString("sha1"),
        rs.getString("sha256"), rs.getString("content_ref"));
  }

}
