package fr.vigie.app.intake;

import fr.vigie.app.intake.internal.JdbcMediaRecords;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The media rows of reports, for the stages that come after intake: content arriving (the media
 * store), matching per import run, and the media page.
 */
@Service
public class MediaRecords {

  private final JdbcMediaRecords media;

  MediaRecords(JdbcMediaRecords media) {
    this.media = media;
  }

  /** Returns the media of the reports stored by one import run, by id, after {@code afterId}. */
  public List<MediaToMatch> ofImport(long importJobId, long afterId, int limit) {
    return media.ofImport(importJobId, afterId, limit);
  }

  /** Returns the media items with these ids (those that exist), in id order. */
  public List<MediaToMatch> byIds(List<Long> ids) {
    return ids.isEmpty() ? List.of() : media.byIds(ids);
  }

  /** Returns one media item. */
  public Optional<MediaItem> find(long id) {
    return media.find(id);
  }

  /** Returns the rows that declared any of these hashes (compared whatever their case). */
  public List<DeclaredMedia> declaring(String md5, String sha1, String sha256) {
    return media.declaring(lower(md5), lower(sha1), lower(sha256));
  }

  /**
   * Records that the row's content is stored: the content reference, the computed hashes where
   * none was declared, PDQ, type and size; a declared hash that disagrees is kept as declared and
   * named in {@code hash_mismatch}. Returns that mismatch, or null.
   */
  @Transactional
  public String attachContent(long id, MediaContentFacts facts, Instant at) {
    DeclaredMedia row = media.declared(id).orElseThrow(
        () -> new IllegalArgumentException("no media " + id));
    StringBuilder mismatch = new StringBuilder();
    compare("MD5", row.md5(), facts.md5(), mismatch);
    compare("SHA1", row.sha1(), facts.sha1(), mismatch);
    compare("SHA256", row.sha256(), facts.sha256(), mismatch);
    String flagged = mismatch.isEmpty() ? null : mismatch.toString();
    media.attach(id, facts, flagged, at);
    return flagged;
  }

  /**
   * The demo's generated images replace the hashes its rows declared (invented bytes), so that
   * the demo's content and its rows agree. Not for real data.
   */
  @Transactional
  public void attachDemoContent(long id, MediaContentFacts facts, Instant at) {
    media.overwriteHashes(id, facts);
    media.attach(id, facts, null, at);
  }

  /** Returns up to {@code limit} media ids with no content and a SHA-256 outside {@code except}. */
  public List<Long> withoutContent(int limit, java.util.Set<String> exceptSha256) {
    return media.withoutContent(limit * 4 + exceptSha256.size()).stream()
        .filter(r -> r.sha256() == null || !exceptSha256.contains(r.sha256()))
        .map(DeclaredMedia::id).limit(limit).toList();
  }

  private static void compare(String algorithm, String declared, String computed,
      StringBuilder mismatch) {
    if (declared != null && !declared.isBlank()
        && !declared.strip().equalsIgnoreCase(computed)) {
      if (!mismatch.isEmpty()) {
        mismatch.append("; ");
      }
      mismatch.append(algorithm).append(" declared ").append(declared.strip())
          .append(", content ").append(computed);
    }
  }

  private static String lower(String hex) {
    return hex == null ? null : hex.strip().toLowerCase(Locale.ROOT);
  }
}
