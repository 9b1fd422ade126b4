package fr.vigie.app.intake;

import fr.vigie.app.jobs.JobPayload;

/**
 * The payload of an {@code import-reports} job: the import run registered for an uploaded file,
 * and where the file waits. JSON: {@code {"importJobId":42,"file":"/var/lib/vigie/spool/..."}}.
 *
 * @param importJobId the {@code import_jobs} row, QUEUED until the job runs
 * @param file the spooled file's absolute path
 */
public record QueuedImport(long importJobId, String file) implements JobPayload {

  public QueuedImport {
    if (importJobId <= 0) {
      throw new IllegalArgumentException("importJobId must be positive: " + importJobId);
    }
    if (file == null || file.isBlank()) {
      throw new IllegalArgumentException("file is missing");
    }
  }

  /** One job per import run. */
  @Override
  public String key() {
    return Long.toString(importJobId);
  }
}
