package fr.vigie.app.intake;

import fr.vigie.app.intake.internal.ImportJobs;
import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobKind;
import fr.vigie.app.jobs.JobSettings;
import fr.vigie.app.jobs.NotRetried;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Runs the imports {@link ReportImport#queue} registered, and removes the spooled file once its
 * job has ended, whatever the end: done, refused, failed, cancelled.
 *
 * <p>Only a failure another attempt may not meet (the database) is retried, and the file is kept
 * for it; a file that is not a file of reports, or a failure that the same bytes would give again,
 * ends the job at once (REFUSED, or FAILED with {@link NotRetried}), and so does the last attempt.
 */
@Component
class QueuedImports implements JobHandler<QueuedImport> {

  private final ReportImport importer;
  private final ImportJobs jobs;
  private final JobSettings settings;

  QueuedImports(ReportImport importer, ImportJobs jobs, JobSettings settings) {
    this.importer = importer;
    this.jobs = jobs;
    this.settings = settings;
  }

  @Override
  public JobKind<QueuedImport> kind() {
    return ReportImport.JOB_KIND;
  }

  @Override
  public void run(Job job) throws Exception {
    run(ReportImport.JOB_KIND.read(job), job.attempts());
  }

  @Override
  public void run(QueuedImport queued) throws Exception {
    run(queued, 1);
  }

  private void run(QueuedImport queued, int attempts) throws Exception {
    long importJobId = queued.importJobId();
    Path file = Path.of(queued.file());
    InputOutcome outcome;
    try {
      outcome = importer.runQueued(importJobId, file);
    } catch (DataAccessException | TransactionException e) {
      if (attempts < settings.maxAttempts()) {
        importer.awaitRetry(importJobId, attempts, settings.maxAttempts(), e);
        throw e;
      }
      importer.giveUp(importJobId, attempts, e);
      jobs.release(importJobId, file);
      throw new NotRetried("import job " + importJobId + " failed at its last attempt", e);
    } catch (IOException | RuntimeException e) {
      jobs.release(importJobId, file);
      // The job says REFUSED, or FAILED with why: the same bytes would end the same way.
      if (jobs.refused(importJobId)) {
        return;
      }
      throw new NotRetried("import job " + importJobId + " failed: " + e.getMessage(), e);
    }
    jobs.release(importJobId, file);
    if (outcome.ending() == InputOutcome.Ending.FAILED) {
      throw new NotRetried("import job " + importJobId + " ended " + outcome.name());
    }
  }
}
