package fr.vigie.app.matching;

import fr.vigie.app.intake.MediaStatus;
import fr.vigie.app.intake.MediaToMatch;
import fr.vigie.app.intake.Reports;
import fr.vigie.app.intake.ReportsImported;
import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
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
 * known entry, and the item's status — MATCHED, KNOWN_GOOD (NSRL only) or UNKNOWN_MATERIAL (hashed
 * and in no set: possibly new abuse, a lead for victim identification).
 *
 * <p>Every change of the hash sets queues one "re-match everything" job; the server's job worker
 * runs it in the background, in batches, each committed on its own, so a crash half-way is simply
 * resumed by running the job again (matching is idempotent).
 */
@Service
public class MediaMatching implements JobHandler {

  static final String KIND = "rematch-media";
  private static final Logger log = LoggerFactory.getLogger(MediaMatching.class);
  private static final int BATCH = 500;

  private final Reports reports;
  private final KnownContent known;
  private final JdbcMatches matches;
  private final JobQueue queue;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  MediaMatching(Reports reports, KnownContent known, JdbcMatches matches, JobQueue queue,
      TransactionTemplate transaction, Clock clock, ApplicationEventPublisher events) {
    this.events = events;
    this.reports = reports;
    this.known = known;
    this.matches = matches;
    this.queue = queue;
    this.transaction = transaction;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public void run(Job job) {
    matchAll();
  }

  /** Queues a re-match of every stored media item (after the sets changed). */
  @TransactionalEventListener(fallbackExecution = true)
  void setsChanged(HashSetsChanged changed) {
    requestRematch();
  }

  /** Queues the matching of the media of newly imported reports. */
  @TransactionalEventListener(fallbackExecution = true)
  void reportsImported(ReportsImported imported) {
    requestRematch();
  }

  /** Asks the job worker to re-match every stored media item. */
  public void requestRematch() {
    queue.requeue(KIND, "all", KIND + ":all");
  }

  /** Matches every stored media item now; returns how many it matched against. */
  public long matchAll() {
    // The server's own listener has usually rebuilt the index already; another node may not have.
    known.refreshIfChanged();
    long after = 0;
    long done = 0;
    List<MediaToMatch> batch;
    while (!(batch = reports.mediaAfter(after, BATCH)).isEmpty()) {
      List<MediaToMatch> current = batch;
      transaction.executeWithoutResult(status -> current.forEach(this::matchOne));
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
    MediaStatus status = !result.notable().isEmpty() ? MediaStatus.MATCHED
        : !result.knownGood().isEmpty() ? MediaStatus.KNOWN_GOOD : MediaStatus.UNKNOWN_MATERIAL;
    reports.setMediaStatus(media.id(), status, now);
  }

  /** Returns the number of active matches. */
  public long activeMatches() {
    return matches.countActive();
  }
}
