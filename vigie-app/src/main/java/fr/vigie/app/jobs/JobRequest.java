package fr.vigie.app.jobs;

/** What {@link JobQueue#requeue} did with a request for work. */
public enum JobRequest {
  /** No job had that dedupe key: one was added, ready to run. */
  ADDED,
  /** The job had run (done or given up): it is ready to run again. */
  READY_AGAIN,
  /** The job was still waiting to run: it will, with the payload just given. */
  ALREADY_WAITING,
  /**
   * The job is running: the run under way may have started before what the request is about,
   * so the job runs once more when it ends, with the payload just given.
   */
  AFTER_CURRENT_RUN
}
