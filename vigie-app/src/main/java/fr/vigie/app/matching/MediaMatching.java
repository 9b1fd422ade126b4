package fr.vigie.app.matching;

import fr.vigie.app.intake.MediaRecords;
import fr.vigie.app.intake.MediaStatus;
import fr.vigie.app.intake.MediaToMatch;
import fr.vigie.app.intake.Reports;
import fr.vigie.app.intake.ReportsImported;
import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobKind;
import fr.vigie.app.jobs.JobPayload;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.matching.internal.JdbcMatches;
import fr.vigie.hashing.PdqHash;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matches stored media against the active hash sets and records the outcome: a match row per
 * known entry, and the item's status — MATCHED, KNOWN_GOOD (NSRL only) or UNKNOWN_MATERIAL (with
 * content or a hash, and in no set: possibly new abuse, a priority signal for victim
 * identification).
 *
 * <p>Three kinds of job, all run by the server's job worker, in batches, each committed on its
 * own, so a crash half-way is simply resumed by running the job again (matching is idempotent):
 * every change of the hash sets queues one "re-match everything" job ({@value #KIND}); every
 * import run that stored reports queues the matching of those reports' media only
 * ({@value ImportMatching#KIND}, one job per import run); content that arrives for stored media
 * queues the matching of those items ({@value MediaItemsMatching#KIND}).
 */
@Service
public class MediaMatching implements JobHandler<RematchAllMedia> {

  static final JobKind<RematchAllMedia> KIND =
      new JobKind<>("rematch-media", RematchAllMedia.class);
  private static final Logger log = LoggerFactory.getLogger(MediaMatching.class);
  private static final int BATCH = 500;

  private final Reports reports;
  private final MediaRecords mediaRecords;
  private final KnownContent known;
  private final JdbcMatches matches;
  private final JobQueue queue;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  MediaMatching(Reports reports, MediaRecords mediaRecords, KnownContent known,
      JdbcMatches matches, JobQueue queue, TransactionTemplate transaction, Clock clock,
      ApplicationEventPublisher events) {
    this.events = events;
    this.reports = reports;
    this.mediaRecords = mediaRecords;
    this.known = known;
    this.matches = matches;
    this.queue = queue;
    this.transaction = transaction;
    this.clock = clock;
  }

  @Override
  public JobKind<RematchAllMedia> kind() {
    return KIND;
  }

  @Override
  public void run(RematchAllMedia everything) {
    matchAll();
  }

  /** Queues a re-match of every stored media item (after the sets changed). */
  @TransactionalEventListener(fallbackExecution = true)
  void setsChanged(HashSetsChanged changed) {
    requestRematch();
  }

  /**
   * Queues the matching of the media of the reports this import run stored, and of nothing else:
   * one job per run (its dedupe key names the run), so a repeated event queues nothing more.
   */
  @TransactionalEventListener(fallbackExecution = true)
  void reportsImported(ReportsImported imported) {
    queue.enqueue(ImportMatching.KIND, new MatchImportRun(imported.importJobId()));
  }

  /**
   * Queues the matching of these media items (e.g. their content just arrived), in jobs of at
   * most {@value #BATCH} ids; the same items asked for again are matched again.
   */
  public void requestMatch(List<Long> mediaIds) {
    List<Long> sorted = JobPayload.canonical(mediaIds);
    for (int from = 0; from < sorted.size(); from += BATCH) {
      queue.requeue(MediaItemsMatching.KIND,
          new MatchMediaItems(sorted.subList(from, Math.min(sorted.size(), from + BATCH))));
    }
  }

  /** Matches the media of the reports one import run stored; returns how many. */
  public long matchImport(long importJobId) {
    known.refreshIfChanged();
    long after = 0;
    long done = 0;
    List<MediaToMatch> batch;
    while (!(batch = mediaRecords.ofImport(importJobId, after, BATCH)).isEmpty()) {
      matchBatch(batch);
      after = batch.getLast().id();
      done += batch.size();
    }
    log.info("Matched the {} media items of import run {}.", done, importJobId);
    events.publishEvent(new ImportMatched(importJobId, done));
    return done;
  }

  /** Matches these media items now; returns how many exist. */
  public long matchItems(List<Long> mediaIds) {
    known.refreshIfChanged();
    List<MediaToMatch> items = mediaRecords.byIds(mediaIds);
    matchBatch(items);
    return items.size();
  }

  private void matchBatch(List<MediaToMatch> batch) {
    transaction.executeWithoutResult(status -> batch.forEach(this::matchOne));
  }

  /** Returns the media item's matches, active ones first, most severe first. */
  public List<StoredMatch> matchesOf(long mediaId) {
    return matches.ofMedia(mediaId);
  }

  /** Asks the job worker to re-match every stored media item. */
  public void requestRematch() {
    queue.requeue(KIND, new RematchAllMedia());
  }

  /** Matches every stored media item now; returns how many it matched against. */
  public long matchAll() {
    // The server's own listener has usually rebuilt the index already; another node may not have.
    known.refreshIfChanged();
    long after = 0;
    long done = 0;
    List<MediaToMatch> batch;
    while (!(batch = reports.mediaAfter(after, BATCH)).isEmpty()) {
      matchBatch(batch);
      after = batch.getLast().id();
      done += batch.size();
    }
    log.info("Re-matched {} media items against {} known hashes.", done, known.indexedEntries());
    events.publishEvent(new MediaRematched(done));
    return done;
  }

  private void matchOne(MediaToMatch media) {
    Instant now = clock.instant();
    boolean hashed = media.md5() != null || media.sha1() != null || media.sha256() != null
        || media.pdq() != null;
    if (!hashed) {
      reports.setMediaStatus(media.id(), MediaStatus.NO_CONTENT, now);
      return;
    }
    MatchResult result = known.match(new MediaHashes(media.md5(), media.sha1(), media.sha256(),
        media.pdq() == null ? null : PdqHash.fromHex(media.pdq()), media.pdqQuality(), null));
    matches.replaceActive(media.id(), result.notable(), now);
    // Known-good means this very file (NSRL lists exact hashes): a near-duplicate of an ordinary
    // file by PDQ is not that file, and stays unknown material.
    boolean knownGood = result.knownGood().stream().anyMatch(m -> !"PDQ".equals(m.algorithm()));
    MediaStatus status = !result.notable().isEmpty() ? MediaStatus.MATCHED
        : knownGood ? MediaStatus.KNOWN_GOOD : MediaStatus.UNKNOWN_MATERIAL;
    reports.setMediaStatus(media.id(), status, now);
  }

  /** Returns the number of active matches. */
  public long activeMatches() {
    return matches.countActive();
  }
}
