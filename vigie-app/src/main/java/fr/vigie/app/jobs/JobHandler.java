package fr.vigie.app.jobs;

/**
 * Runs the jobs of one kind. A handler must be idempotent: a job whose node died half-way is
 * claimed again and run again, and the end state must be the same as one clean run. It may also
 * run on a node that lost its lease while it ran (the queue then ignores that node's outcome):
 * the same rule makes that harmless.
 */
public interface JobHandler<P extends JobPayload> {

  /** The kind of job this handler runs, e.g. "match-media", and its payload's record. */
  JobKind<P> kind();

  /**
   * Runs the job; an exception fails this attempt, and the job is retried later, unless it is a
   * {@link NotRetried}: the job is then given up at once.
   */
  void run(P payload) throws Exception;

  /**
   * Runs a claimed job as the worker does: reads its payload, then runs it. A handler that needs
   * the job itself (its attempts, say) overrides this.
   *
   * @throws UnreadablePayload when the payload is not this kind's record
   */
  default void run(Job job) throws Exception {
    run(kind().read(job));
  }
}
