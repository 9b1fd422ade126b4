package fr.vigie.app.jobs;

import fr.vigie.app.jobs.internal.JdbcJobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The database-backed queue between the pipeline's stages. Several Vigie nodes can share it: a
 * job is claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so each goes to one worker, and a
 * claim that is not completed in time (its node died) is handed out again.
 */
@Service
public class JobQueue {

  /** How long a claim holds before another worker may take the job over. */
  static final Duration LEASE = Duration.ofMinutes(10);

  private final JdbcJobs jobs;
  private final Clock clock;

  JobQueue(JdbcJobs jobs, Clock clock) {
    this.jobs = jobs;
    this.clock = clock;
  }

  /**
   * Adds a job unless one with the same dedupe key exists (whatever its state); returns whether
   * it added one. Enqueuing the same work twice is therefore harmless.
   */
  @Transactional
  public boolean enqueue(String kind, String payload, String dedupeKey) {
    return jobs.insertIfAbsent(kind, payload, dedupeKey, clock.instant());
  }

  /**
   * Adds the job again even if it ran before (e.g. re-match everything after a new hash set):
   * a finished job with that key is set ready again; returns whether anything changed.
   */
  @Transactional
  public boolean requeue(String kind, String payload, String dedupeKey) {
    Instant now = clock.instant();
    return jobs.insertIfAbsent(kind, payload, dedupeKey, now)
        || jobs.makeReadyAgain(dedupeKey, payload, now);
  }

  /** Claims up to {@code limit} ready jobs of the given kinds for {@code worker}. */
  @Transactional
  public List<Job> claim(List<String> kinds, String worker, int limit) {
    return jobs.claim(kinds, worker, limit, clock.instant(), LEASE);
  }

  @Transactional
  public void complete(long jobId) {
    jobs.complete(jobId, clock.instant());
  }

  /**
   * Records a failed attempt: retried after a back-off that doubles with each attempt, and given
   * up (FAILED) after {@code maxAttempts} (0: at once).
   */
  @Transactional
  public void fail(Job job, String error, int maxAttempts) {
    Instant now = clock.instant();
    if (job.attempts() >= maxAttempts) {
      jobs.giveUp(job.id(), error, now);
    } else {
      long seconds = Math.min(3600, 5L << Math.min(job.attempts(), 10));
      jobs.retryLater(job.id(), error, now.plusSeconds(seconds));
    }
  }

  /** Returns the number of jobs per state, for the dashboard and the tests. */
  public java.util.Map<String, Long> countByStatus() {
    return jobs.countByStatus();
  }
}
