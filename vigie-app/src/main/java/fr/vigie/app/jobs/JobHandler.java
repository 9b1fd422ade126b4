package fr.vigie.app.jobs;

/**
 * Runs the jobs of one kind. A handler must be idempotent: a job whose node died half-way is
 * claimed again and run again, and the end state must be the same as one clean run.
 */
public interface JobHandler {

  /** The kind of job this handler runs, e.g. "match-media". */
  String kind();

  /**
   * Runs the job; an exception fails this attempt, and the job is retried later, unless it is a
   * {@link NotRetried}: the job is then given up at once.
   */
  void run(Job job) throws Exception;
}
