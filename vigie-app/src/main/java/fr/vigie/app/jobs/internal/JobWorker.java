package fr.vigie.app.jobs.internal;

import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobOutcome;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.jobs.JobSettings;
import fr.vigie.app.jobs.NotRetried;
import fr.vigie.app.jobs.UnreadablePayload;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs queued jobs on one background thread: claims a batch of the kinds this node has handlers
 * for, runs each, marks it done or failed. Several nodes each run one; the queue keeps them from
 * taking the same job.
 *
 * <p>While a batch is held, a second thread renews the leases of its unfinished jobs every
 * {@link JobSettings#heartbeat}, so a job may run far longer than the lease; if this node stops
 * (killed, or frozen past the lease) the renewals stop and another node takes its jobs over.
 * Before each job the worker checks it still holds it, and a finish it no longer holds is
 * refused by the queue.
 */
@Component
class JobWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

  private final JobQueue queue;
  private final JobSettings settings;
  private final Map<String, JobHandler<?>> handlers;
  private final String nodeId;
  private final ScheduledExecutorService heartbeats;
  private volatile Thread thread;
  private volatile boolean running;

  JobWorker(JobQueue queue, JobSettings settings, List<JobHandler<?>> handlers) {
    this.queue = queue;
    this.settings = settings;
    this.handlers = handlers.stream()
        .collect(Collectors.toMap(h -> h.kind().name(), Function.identity()));
    this.nodeId = settings.nodeId().isBlank() ? ManagementFactory.getRuntimeMXBean().getName()
        : settings.nodeId();
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("vigie-jobs-heartbeat-", 0).daemon().factory());
  }

  @Override
  public void start() {
    if (!settings.workerEnabled() || handlers.isEmpty()) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().name("vigie-jobs").daemon().start(this::loop);
  }

  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    heartbeats.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** The name this worker claims jobs under. */
  String nodeId() {
    return nodeId;
  }

  /**
   * Runs one round: claims a batch and runs it. Returns what became of each job claimed, in
   * claim order (empty: nothing to do); a job taken over before this node started it is
   * {@link JobOutcome#LEASE_LOST}, and so is one that ran here after its lease was lost.
   */
  Map<Long, JobOutcome> runOnce() {
    List<Job> batch = queue.claim(List.copyOf(handlers.keySet()), nodeId, settings.batchSize());
    if (batch.isEmpty()) {
      return Map.of();
    }
    Map<Long, JobOutcome> outcomes = new LinkedHashMap<>();
    Set<Job> unfinished = ConcurrentHashMap.newKeySet();
    unfinished.addAll(batch);
    long every = settings.heartbeat().toMillis();
    ScheduledFuture<?> beat = heartbeats.scheduleWithFixedDelay(() -> renew(unfinished), every,
        every, TimeUnit.MILLISECONDS);
    try {
      for (Job job : batch) {
        try {
          if (queue.renew(List.of(job)).isEmpty()) {
            log.warn("Job {} ({}) was taken over before this node started it; skipped.",
                job.id(), job.kind());
            outcomes.put(job.id(), JobOutcome.LEASE_LOST);
            continue;
          }
          outcomes.put(job.id(), run(job));
        } finally {
          unfinished.remove(job);
        }
      }
    } finally {
      beat.cancel(false);
    }
    return outcomes;
  }

  private JobOutcome run(Job job) {
    JobOutcome outcome;
    try {
      handlers.get(job.kind()).run(job);
      outcome = queue.complete(job);
    } catch (NotRetried e) {
      log.warn("Job {} ({}) failed, not retried: {}", job.id(), job.kind(), e.getMessage());
      outcome = queue.reject(job, e.toString());
    } catch (UnreadablePayload e) {
      // No attempt can read it better: given up now, with the field and the reason.
      log.warn("Job {} ({}) given up: {}", job.id(), job.kind(), e.getMessage());
      outcome = queue.reject(job, e.getMessage());
    } catch (Exception e) {
      log.warn("Job {} ({}) failed, attempt {}: {}", job.id(), job.kind(), job.attempts(),
          e.toString());
      outcome = queue.fail(job, e.toString(), settings.maxAttempts());
    }
    if (outcome == JobOutcome.LEASE_LOST) {
      log.warn("Job {} ({}) ran here after its lease was lost to another node; its outcome is"
          + " that node's to record.", job.id(), job.kind());
    }
    return outcome;
  }

  /** The heartbeat: renews the leases of the batch's jobs not finished yet. */
  private void renew(Set<Job> unfinished) {
    try {
      queue.renew(List.copyOf(unfinished));
    } catch (RuntimeException e) {
      // The database may be briefly unavailable: the next beat tries again, within the lease.
      log.warn("Could not renew the leases of jobs {}: {}",
          unfinished.stream().map(Job::id).toList(), e.toString());
    }
  }

  private void loop() {
    while (running) {
      try {
        if (runOnce().isEmpty()) {
          Thread.sleep(settings.pollInterval());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The database may be briefly unavailable: wait and try again rather than die.
        log.warn("Job worker round failed: {}", e.toString());
        try {
          Thread.sleep(settings.pollInterval().multipliedBy(5));
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }
}
