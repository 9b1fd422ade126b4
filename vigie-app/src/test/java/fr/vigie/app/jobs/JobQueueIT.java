package fr.vigie.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.TestClock;
import fr.vigie.app.support.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The queue between stages: each job once, crashes recovered, failures retried then given up. */
@Import({TestClock.Config.class, JobQueueIT.Echo.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class JobQueueIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }


  /** A handler that remembers what it ran, for the worker test. */
  @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
  static class Echo implements JobHandler<Note> {
    static final JobKind<Note> KIND = new JobKind<>("echo", Note.class);
    final java.util.Queue<String> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Override
    public JobKind<Note> kind() {
      return KIND;
    }

    @Override
    public void run(Note note) {
      seen.add(note.subject());
    }
  }

  @Autowired
  Echo echo;

  @Autowired
  JobQueue queue;

  @Autowired
  TestClock clock;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  TransactionTemplate transaction;

  @Autowired
  JobSettings settings;

  /** A payload for the tests' own kinds: {@code subject} names the work. */
  record Note(String subject, String text) implements JobPayload {
    @Override
    public String key() {
      return subject;
    }
  }

  private final JobKind<Note> kind =
      new JobKind<>("test-" + UUID.randomUUID().toString().substring(0, 13), Note.class);

  @Test
  void theWorkerRunsQueuedJobsInTheBackgroundAndMarksThemDone() throws Exception {
    String tag = UUID.randomUUID().toString();
    for (int i = 0; i < 3; i++) {
      queue.enqueue(Echo.KIND, new Note(tag + "-" + i, ""));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (echo.seen.stream().filter(p -> p.startsWith(tag)).count() < 3
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(Set.of(tag + "-0", tag + "-1", tag + "-2"),
        Set.copyOf(echo.seen.stream().filter(p -> p.startsWith(tag)).toList()));
    long deadlineDone = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    long done = 0;
    while (done < 3 && System.nanoTime() < deadlineDone) {
      done = jdbc.sql("select count(*) from jobs where dedupe_key like ? and status = 'DONE'")
          .param("echo:" + tag + "%").query(Long.class).single();
      Thread.sleep(50);
    }
    assertEquals(3, done);
  }

  @Test
  void enqueuesTheSameWorkOnce() {
    assertTrue(queue.enqueue(kind, new Note("42", "first")));
    assertFalse(queue.enqueue(kind, new Note("42", "second")));
    assertEquals(1, queue.claim(List.of(kind.name()), "w1", 10).size());
    assertEquals(0, queue.claim(List.of(kind.name()), "w2", 10).size(), "claimed already");
  }

  @Test
  void handsAJobOverWhenItsWorkerDiedWithoutFinishing() {
    queue.enqueue(kind, new Note("1", ""));
    Job first = queue.claim(List.of(kind.name()), "dead-node", 10).getFirst();
    assertEquals(1, first.attempts());
    clock.advance(settings.lease().minusMinutes(1));
    assertTrue(queue.claim(List.of(kind.name()), "w2", 10).isEmpty(), "the lease still holds");
    clock.advance(Duration.ofMinutes(2));
    Job again = queue.claim(List.of(kind.name()), "w2", 10).getFirst();
    assertEquals(first.id(), again.id());
    assertEquals(2, again.attempts());
    queue.complete(again);
    clock.advance(Duration.ofHours(1));
    assertTrue(queue.claim(List.of(kind.name()), "w3", 10).isEmpty(), "done stays done");
  }

  @Test
  void retriesAFailedJobLaterAndGivesUpAfterTheLastAttempt() {
    queue.enqueue(kind, new Note("x", ""));
    for (int attempt = 1; attempt <= 3; attempt++) {
      List<Job> claimed = queue.claim(List.of(kind.name()), "w", 10);
      assertEquals(1, claimed.size(), "attempt " + attempt);
      queue.fail(claimed.getFirst(), "boom " + attempt, 3);
      assertTrue(queue.claim(List.of(kind.name()), "w", 10).isEmpty(), "backs off");
      clock.advance(Duration.ofHours(2));
    }
    assertTrue(queue.claim(List.of(kind.name()), "w", 10).isEmpty(), "given up");
    assertEquals("FAILED boom 3", jdbc.sql(
        "select status || ' ' || last_error from jobs where dedupe_key = ?")
        .param(kind.name() + ":x").query(String.class).single());
    assertEquals(JobRequest.READY_AGAIN, queue.requeue(kind, new Note("x", "")),
        "a new run can be asked for");
    assertEquals(1, queue.claim(List.of(kind.name()), "w", 10).size());
  }

  @Test
  void aRequestThatArrivesWhileItsJobRunsMakesItRunAgainAfter() {
    queue.requeue(kind, new Note("all", "v1"));
    Job running = queue.claim(List.of(kind.name()), "node-a", 10).getFirst();
    // e.g. a new hash set while every media item is re-matched
    assertEquals(JobRequest.AFTER_CURRENT_RUN, queue.requeue(kind, new Note("all", "v2")));
    assertEquals(JobOutcome.RUN_AGAIN, queue.complete(running));
    List<Job> again = queue.claim(List.of(kind.name()), "node-b", 10);
    assertEquals(1, again.size(), "the request that arrived during the run is not lost");
    assertEquals(new Note("all", "v2"), kind.read(again.getFirst()));
    assertEquals(1, again.getFirst().attempts(), "a new request, attempts counted afresh");
    assertEquals(JobOutcome.DONE, queue.complete(again.getFirst()));
    assertTrue(queue.claim(List.of(kind.name()), "node-b", 10).isEmpty(), "nothing asked since");
  }

  @Test
  void aWorkerThatLostItsLeaseCannotFinishTheJob() {
    queue.enqueue(kind, new Note("1", ""));
    Job slow = queue.claim(List.of(kind.name()), "slow-node", 10).getFirst();
    clock.advance(settings.lease().plusSeconds(1));
    Job taken = queue.claim(List.of(kind.name()), "node-b", 10).getFirst();
    assertEquals(slow.id(), taken.id());
    assertEquals(Set.of(), queue.renew(List.of(slow)), "its heartbeat is refused");
    assertEquals(JobOutcome.LEASE_LOST, queue.complete(slow));
    assertEquals(JobOutcome.LEASE_LOST, queue.fail(slow, "late", 5));
    assertEquals("RUNNING node-b", jdbc.sql(
        "select status || ' ' || claimed_by from jobs where id = ?").param(taken.id())
        .query(String.class).single(), "the job stays with the worker that holds it");
    assertEquals(JobOutcome.DONE, queue.complete(taken));
  }

  @Test
  void nodesQueuingTheSameWorkAtOnceQueueItOnceAndKeepTheirTransactions() throws Exception {
    int nodes = 4;
    int rounds = 25;
    CyclicBarrier together = new CyclicBarrier(nodes);
    java.util.Queue<String> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      List<Future<Integer>> added = new ArrayList<>();
      for (int n = 0; n < nodes; n++) {
        added.add(pool.submit(() -> {
          int mine = 0;
          try {
            for (int round = 0; round < rounds; round++) {
              together.await();
              Note work = new Note("race-" + round, "");
              // The caller's own work goes on in the same transaction (its import_jobs row).
              mine += transaction.execute(s -> {
                boolean queued = queue.enqueue(kind, work);
                jdbc.sql("select count(*) from jobs").query(Long.class).single();
                return queued ? 1 : 0;
              });
            }
          } catch (RuntimeException e) {
            errors.add(e.toString());
            together.reset(); // the others stop waiting for this node
          } catch (java.util.concurrent.BrokenBarrierException e) {
            // another node failed: its error is the one reported
          }
          return mine;
        }));
      }
      int total = 0;
      for (Future<Integer> f : added) {
        total += f.get();
      }
      assertEquals(List.of(), List.copyOf(errors), "no node's transaction broken");
      assertEquals(rounds, total, "each round's work queued once");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentWorkersNeverClaimTheSameJob() throws Exception {
    for (int i = 0; i < 40; i++) {
      queue.enqueue(kind, new Note(Integer.toString(i), ""));
    }
    int workers = 4;
    CyclicBarrier start = new CyclicBarrier(workers);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      String name = "w" + w;
      results.add(pool.submit(() -> {
        start.await();
        List<Long> mine = new ArrayList<>();
        List<Job> batch;
        while (!(batch = queue.claim(List.of(kind.name()), name, 3)).isEmpty()) {
          batch.forEach(job -> mine.add(job.id()));
        }
        return mine;
      }));
    }
    Set<Long> all = new HashSet<>();
    int total = 0;
    for (Future<List<Long>> f : results) {
      List<Long> mine = f.get();
      total += mine.size();
      all.addAll(mine);
    }
    pool.shutdown();
    assertEquals(40, total, "every job claimed");
    assertEquals(40, all.size(), "no job claimed twice");
  }
}
