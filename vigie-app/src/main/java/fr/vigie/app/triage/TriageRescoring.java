package fr.vigie.app.triage;

import fr.vigie.app.intake.ReportsImported;
import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobKind;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.matching.MediaRematched;
import fr.vigie.app.triage.internal.JdbcAssessments;
import fr.vigie.app.triage.internal.JdbcRiskEvidence;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps assessments current: re-scores the suspects of newly imported reports, every suspect
 * after matching results change (a new hash set, new media matched), and every suspect at start
 * when the current assessments were made with another weights version (or are missing). Runs as
 * jobs on the shared queue, in batches each committed on its own; scoring is idempotent, so a
 * job that dies half-way is simply run again.
 *
 * <p>Linking, when it merges or splits suspects, should call {@link #requestRescore(Collection)}
 * (or publish an event this class listens to) so that the new clusters are scored.
 */
@Service
public class TriageRescoring implements JobHandler<RescoreJob>, ApplicationRunner {

  static final JobKind<RescoreJob> KIND = new JobKind<>("triage-rescore", RescoreJob.class);
  private static final Logger log = LoggerFactory.getLogger(TriageRescoring.class);
  private static final int BATCH = 200;

  private final Triage triage;
  private final JdbcAssessments assessments;
  private final JdbcRiskEvidence evidence;
  private final JobQueue queue;
  private final TransactionTemplate transaction;

  TriageRescoring(Triage triage, JdbcAssessments assessments, JdbcRiskEvidence evidence,
      JobQueue queue, TransactionTemplate transaction) {
    this.triage = triage;
    this.assessments = assessments;
    this.evidence = evidence;
    this.queue = queue;
    this.transaction = transaction;
  }

  @Override
  public JobKind<RescoreJob> kind() {
    return KIND;
  }

  @Override
  public void run(RescoreJob job) {
    switch (job) {
      case RescoreJob.Everyone e -> rescoreAll();
      case RescoreJob.ImportRun i -> rescore(evidence.suspectsOfImport(i.importJobId()));
      case RescoreJob.Suspects s -> rescore(s.suspectIds());
    }
  }

  /** At start: a new weights version (or suspects never scored) means re-scoring everyone. */
  @Override
  public void run(ApplicationArguments args) {
    String version = triage.weights().version();
    long stale = assessments.countNotAssessedWith(version);
    if (stale > 0) {
      log.info("{} suspect(s) not assessed with weights {}: re-scoring queued.", stale, version);
      requestRescoreAll();
    }
  }

  /** Queues the scoring of the suspects of an import run. */
  @TransactionalEventListener(fallbackExecution = true)
  void reportsImported(ReportsImported imported) {
    queue.requeue(KIND, new RescoreJob.ImportRun(imported.importJobId()));
  }

  /**
   * An import run's media are matched: its suspects are scored again with the results (queued
   * again if the scoring queued at import time already ran before the matching).
   */
  @TransactionalEventListener(fallbackExecution = true)
  void importMatched(fr.vigie.app.matching.ImportMatched matched) {
    queue.requeue(KIND, new RescoreJob.ImportRun(matched.importJobId()));
  }

  /** Matching results changed (severity, unknown material): every suspect is re-scored. */
  @TransactionalEventListener(fallbackExecution = true)
  void mediaRematched(MediaRematched rematched) {
    requestRescoreAll();
  }

  /** Linking changed some suspects (an import, an operator's answer, a decision): re-score them. */
  @TransactionalEventListener(fallbackExecution = true)
  void suspectsLinked(fr.vigie.app.linking.SuspectsLinked linked) {
    requestRescore(linked.suspectIds());
  }

  /** Queues a re-score of every suspect. */
  public void requestRescoreAll() {
    queue.requeue(KIND, new RescoreJob.Everyone(triage.weights().version()));
  }

  /** Queues a re-score of some suspects (e.g. after linking changed them). */
  public void requestRescore(Collection<Long> suspectIds) {
    if (suspectIds.isEmpty()) {
      return;
    }
    queue.requeue(KIND, new RescoreJob.Suspects(List.copyOf(suspectIds)));
  }

  /** Re-scores the given suspects now, each batch in its own transaction. */
  public void rescore(List<Long> suspectIds) {
    for (int from = 0; from < suspectIds.size(); from += BATCH) {
      List<Long> batch = suspectIds.subList(from, Math.min(suspectIds.size(), from + BATCH));
      transaction.executeWithoutResult(s -> batch.forEach(triage::assess));
    }
  }

  /** Re-scores every active suspect now; returns how many. */
  public long rescoreAll() {
    long after = 0;
    long done = 0;
    List<Long> batch;
    while (!(batch = assessments.suspectIdsAfter(after, BATCH)).isEmpty()) {
      List<Long> current = batch;
      transaction.executeWithoutResult(s -> current.forEach(triage::assess));
      after = batch.getLast();
      done += batch.size();
    }
    log.info("Re-scored {} suspect(s) with triage weights {}.", done, triage.weights().version());
    return done;
  }
}
