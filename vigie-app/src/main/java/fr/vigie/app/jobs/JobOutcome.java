package fr.vigie.app.jobs;

/** What became of a job when its worker finished it ({@link JobQueue#complete}, {@link JobQueue#fail}). */
public enum JobOutcome {
  /** Done: nothing asked for it since the run started. */
  DONE,
  /** Finished, but asked for again while it ran: ready to run once more. */
  RUN_AGAIN,
  /** Failed: ready again after a back-off. */
  RETRY_LATER,
  /** Failed for the last time (or unreadable): FAILED, with the error. */
  GAVE_UP,
  /**
   * The worker no longer held the job (its lease expired and another worker took it over):
   * nothing was recorded; the job's outcome is the other worker's to record.
   */
  LEASE_LOST
}
