package fr.vigie.app.jobs.internal;

import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.jobs.JobSettings;
import fr.vigie.app.jobs.NotRetried;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
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
 */
@Component
class JobWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

  private final JobQueue queue;
  private final JobSettings settings;
  private final Map<String, JobHandler> handlers;
  private final String workerId;
  private volatile Thread thread;
  private volatile boolean running;

  JobWorker(JobQueue queue, JobSettings settings, List<JobHandler> handlers) {
    this.queue = queue;
    this.settings = settings;
    this.handlers = handlers.stream()
        .collect(Collectors.toMap(JobHandler::kind, Function.identity()));
    this.workerId = ManagementFactory.getRuntimeMXBean().getName();
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
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Runs one round: claims and runs a batch; returns how many jobs it ran. */
  int runOnce() {
    List<Job> batch = queue.claim(List.copyOf(handlers.keySet()), workerId, settings.batchSize());
    for (Job job : batch) {
      try {
        handlers.get(job.kind()).run(job);
        queue.complete(job.id());
      } catch (NotRetried e) {
        log.warn("Job {} ({}) failed, not retried: {}", job.id(), job.kind(), e.getMessage());
        queue.fail(job, e.toString(), 0);
      } catch (Exception e) {
        log.warn("Job {} ({}) failed, attempt {}: {}", job.id(), job.kind(), job.attempts(),
            e.toString());
        queue.fail(job, e.toString(), settings.maxAttempts());
      }
    }
    return batch.size();
  }

  private void loop() {
    while (running) {
      try {
        if (runOnce() == 0) {
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
