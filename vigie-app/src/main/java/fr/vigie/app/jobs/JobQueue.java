package fr.vigie.app.jobs;

import fr.vigie.app.jobs.internal.JdbcJobs;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The database-backed queue between the pipeline's stages (the protocol: docs/jobs.md). Several
 * Vigie nodes can share it: a job is claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so
 * each goes to one worker, under a lease its worker renews while the job runs; a lease that runs
 * out (its node died) lets another worker take the job over, and the worker that lost it can no
 * longer finish it. A request for work that arrives while its job runs makes the job run once
 * more after.
 */
@Service
public class JobQueue {

  private final JdbcJobs jobs;
  private final Clock clock;
  private final JobSettings settings;

  JobQueue(JdbcJobs jobs, Clock clock, JobSettings settings) {
    this.jobs = jobs;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Adds a job unless one with the same dedupe key exists (whatever its state); returns whether
   * it added one. For work done once and for all (one import run's matching): enqueuing it twice
   * is harmless.
   */
  @Transactional
  public <P extends JobPayload> boolean enqueue(JobKind<P> kind, P payload) {
    return jobs.insertIfAbsent(kind.name(), kind.write(payload), kind.dedupeKey(payload),
        clock.instant());
  }

  /**
   * Asks for work that must be done (again) whenever it is asked for (re-match everything after
   * a new hash set): adds the job, makes a finished one ready again, or, when it is running,
   * makes it run once more after the run under way. The payload replaces the job's.
   */
  @Transactional
  public <P extends JobPayload> JobRequest requeue(JobKind<P> kind, P payload) {
    return jobs.request(kind.name(), kind.write(payload), kind.dedupeKey(payload),
        clock.instant());
  }

  /** Claims up to {@code limit} ready jobs of the given kinds for {@code worker}. */
  @Transactional
  public List<Job> claim(List<String> kinds, String worker, int limit) {
    Instant now = clock.instant();
    return jobs.claim(kinds, worker, limit, now, now.plus(settings.lease()));
  }

  /**
   * Renews the leases of these claimed jobs for another {@link JobSettings#lease}; returns the
   * ids of those still held (a job missing was taken over: its worker no longer holds it).
   */
  @Transactional
  public Set<Long> renew(List<Job> claimed) {
    return claimed.isEmpty() ? Set.of()
        : jobs.renew(claimed, clock.instant().plus(settings.lease()));
  }

  /** Marks a claimed job done, or ready again if it was asked for while it ran. */
  @Transactional
  public JobOutcome complete(Job job) {
    return jobs.complete(job, clock.instant());
  }

  /**
   * Records a failed attempt: retried after a back-off that doubles with each attempt, and given
   * up (FAILED) after {@code maxAttempts} (0: at once).
   */
  @Transactional
  public JobOutcome fail(Job job, String error, int maxAttempts) {
    Instant now = clock.instant();
    long seconds = Math.min(3600, 5L << Math.min(job.attempts(), 10));
    return jobs.fail(job, error, job.attempts() >= maxAttempts, now.plusSeconds(seconds), now);
  }

  /**
   * Gives a claimed job up at once (FAILED with the reason): for a job that cannot succeed
   * however often it is tried, such as one whose payload cannot be read.
   */
  @Transactional
  public JobOutcome reject(Job job, String reason) {
    Instant now = clock.instant();
    return jobs.fail(job, reason, true, now, now);
  }

  /** Returns the number of jobs per state, for the dashboard and the tests. */
  public Map<String, Long> countByStatus() {
    return jobs.countByStatus();
  }
}
