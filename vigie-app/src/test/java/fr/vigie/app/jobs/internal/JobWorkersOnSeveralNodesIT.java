package fr.vigie.app.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobKind;
import fr.vigie.app.jobs.JobOutcome;
import fr.vigie.app.jobs.JobPayload;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.jobs.JobRequest;
import fr.vigie.app.jobs.JobSettings;
import fr.vigie.app.storage.Timestamps;
import fr.vigie.app.support.TestClock;
import fr.vigie.app.support.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The queue's protocol on the database, with several workers at once, each a node of its own
 * (its own name, heartbeat and threads) sharing the test JVM's PostgreSQL: SKIP LOCKED claims,
 * a node killed in the middle of a job and its job taken over once its lease has run out, a
 * request that arrives while its job runs, and leases kept alive by heartbeats. The jobs' effect
 * is an idempotent write to a table of the test's own; what counts is the end state.
 *
 * <p>The clock only moves when a test moves it: while it stands still no lease can run out, so
 * a job run twice would be a job claimed twice under a live lease.
 */
@Import(TestClock.Config.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vigie.jobs.worker-enabled=false")
class JobWorkersOnSeveralNodesIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
    // Four nodes, their heartbeats and the test's own queries, each on a connection at times.
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "10");
  }

  /** What a test job works on: {@code subject} names it, {@code value} is what it writes. */
  record Work(String subject, String value) implements JobPayload {
    @Override
    public String key() {
      return subject;
    }
  }

  /** One run of a job's handler, as the node that ran it saw it. */
  record Run(String subject, String node, String value) {}

  @Autowired
  JobQueue queue;

  @Autowired
  JobSettings defaults;

  @Autowired
  TestClock clock;

  @Autowired
  JdbcClient jdbc;

  private final JobKind<Work> kind =
      new JobKind<>("test-nodes-" + UUID.randomUUID().toString().substring(0, 8), Work.class);
  private final Queue<Run> runs = new ConcurrentLinkedQueue<>();
  /** What a run of a subject does before its effect, on the node named (to hold it there). */
  private final Map<String, Hook> hooks = new ConcurrentHashMap<>();
  private final List<JobWorker> workers = new ArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  interface Hook {
    void before(String node) throws Exception;
  }

  @BeforeEach
  void effectTable() {
    jdbc.sql("""
        create table if not exists test_job_effects (
          subject varchar primary key, value varchar not null)
        """).update();
    jdbc.sql("delete from test_job_effects").update();
  }

  @AfterEach
  void stopNodes() {
    workers.forEach(JobWorker::stop);
    threads.shutdownNow();
  }

  @Test
  void nodesShareTheWorkAKilledNodesJobIsTakenOverAndARequestDuringARunRunsItAgain()
      throws Exception {
    // A node takes the first job and dies in the middle of it: it stops renewing its lease,
    // and its handler is left hanging (a frozen process).
    CountDownLatch doomedStarted = new CountDownLatch(1);
    CountDownLatch zombieWakes = new CountDownLatch(1);
    hooks.put("victim", node -> {
      if (node.equals("node-doomed")) {
        doomedStarted.countDown();
        zombieWakes.await();
      }
    });
    queue.enqueue(kind, new Work("victim", "v"));
    JobWorker doomed = node("node-doomed", 1);
    Future<Map<Long, JobOutcome>> zombie = threads.submit(doomed::runOnce);
    assertTrue(doomedStarted.await(60, TimeUnit.SECONDS), "the doomed node started its job");
    doomed.stop();

    // Work for four live nodes, and one job asked for again while it runs.
    int jobs = 60;
    for (int i = 0; i < jobs; i++) {
      queue.enqueue(kind, new Work("job-" + i, "value-" + i));
    }
    CountDownLatch againStarted = new CountDownLatch(1);
    CountDownLatch againGo = new CountDownLatch(1);
    AtomicBoolean firstRun = new AtomicBoolean(true);
    hooks.put("again", node -> {
      if (firstRun.compareAndSet(true, false)) {
        againStarted.countDown();
        againGo.await();
      }
    });
    queue.requeue(kind, new Work("again", "before"));

    List<Future<List<Map<Long, JobOutcome>>>> live = new ArrayList<>();
    for (int n = 1; n <= 4; n++) {
      JobWorker worker = node("node-" + n, 3);
      live.add(threads.submit(() -> drain(worker)));
    }
    assertTrue(againStarted.await(60, TimeUnit.SECONDS), "the job to ask again started");
    assertEquals(JobRequest.AFTER_CURRENT_RUN, queue.requeue(kind, new Work("again", "after")),
        "asked for while it runs");
    againGo.countDown();
    for (var node : live) {
      node.get(120, TimeUnit.SECONDS);
    }

    Map<String, Long> runsBySubject = runs.stream()
        .collect(Collectors.groupingBy(Run::subject, Collectors.counting()));
    for (int i = 0; i < jobs; i++) {
      assertEquals(1L, runsBySubject.get("job-" + i), "job-" + i + " ran once: " + runs);
    }
    assertEquals(2L, runsBySubject.get("again"), "ran again after the run it arrived in");
    assertEquals(List.of("before", "after"), runs.stream()
        .filter(r -> r.subject().equals("again")).map(Run::value).toList());
    assertEquals(1L, runsBySubject.get("victim"), "the victim's lease is alive: nobody took it");
    assertEquals("RUNNING node-doomed", statusOf("victim"));

    // The dead node's lease runs out: one live node takes the job over and finishes it.
    clock.advance(defaults.lease().plusSeconds(1));
    List<Future<List<Map<Long, JobOutcome>>>> takeover = new ArrayList<>();
    for (int n = 1; n <= 4; n++) {
      JobWorker worker = workers.get(n); // workers.get(0) is the doomed node
      takeover.add(threads.submit(() -> drain(worker)));
    }
    long takenOver = 0;
    for (var node : takeover) {
      takenOver += node.get(120, TimeUnit.SECONDS).stream().mapToLong(Map::size).sum();
    }
    assertEquals(1, takenOver, "the victim, and nothing else, was claimed again");
    assertEquals(2L, runs.stream().filter(r -> r.subject().equals("victim")).count());
    String taker = runs.stream().filter(r -> r.subject().equals("victim")).map(Run::node)
        .filter(n -> !n.equals("node-doomed")).findFirst().orElseThrow();
    assertEquals("DONE " + taker, statusOf("victim"));

    // The frozen node wakes up and finishes its run: its effect is the same, its outcome is
    // refused, and the job stays the taker's.
    zombieWakes.countDown();
    assertEquals(List.of(JobOutcome.LEASE_LOST), List.copyOf(zombie.get(60, TimeUnit.SECONDS)
        .values()));
    assertEquals("DONE " + taker, statusOf("victim"));

    // Exactly once in effect: one row per job, each with its value; nothing left to run.
    Map<String, String> effects = jdbc.sql("select subject, value from test_job_effects")
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertEquals(jobs + 2, effects.size());
    for (int i = 0; i < jobs; i++) {
      assertEquals("value-" + i, effects.get("job-" + i));
    }
    assertEquals("after", effects.get("again"));
    assertEquals("v", effects.get("victim"));
    assertEquals(Map.of("DONE", (long) jobs + 2), jdbc.sql("""
        select status, count(*) from jobs where kind = ? group by status
        """).param(kind.name()).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    assertEquals(1, jdbc.sql("select attempts from jobs where dedupe_key = ?")
        .param(kind.name() + ":again").query(Integer.class).single(),
        "the re-run counted its attempts afresh");
  }

  @Test
  void longJobsOnSeveralNodesKeepTheirLeasesWhileOthersKeepClaiming() throws Exception {
    int held = 3;
    CountDownLatch started = new CountDownLatch(held);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < held; i++) {
      hooks.put("long-" + i, node -> {
        started.countDown();
        release.await();
      });
      queue.enqueue(kind, new Work("long-" + i, "done-" + i));
    }
    List<Future<Map<Long, JobOutcome>>> holders = new ArrayList<>();
    for (int n = 0; n < held; n++) {
      holders.add(threads.submit(node("holder-" + n, 1)::runOnce));
    }
    assertTrue(started.await(60, TimeUnit.SECONDS), "each holder runs one long job");
    JobWorker idle = node("node-idle", 10);
    Duration step = defaults.lease().minusMinutes(1);
    for (int i = 0; i < 4; i++) { // four steps: several leases long
      clock.advance(step);
      awaitEveryLeaseBeyond(clock.instant().plus(step));
      assertEquals(Map.of(), idle.runOnce(), "no job claimed twice while its lease is alive");
    }
    release.countDown();
    for (var holder : holders) {
      assertEquals(List.of(JobOutcome.DONE),
          List.copyOf(holder.get(60, TimeUnit.SECONDS).values()));
    }
    assertEquals(held, runs.size(), "each ran once: " + runs);
    assertEquals(held, runs.stream().map(Run::node).distinct().count());
  }

  /** A node of its own: its name, a batch size, a heartbeat every 50 ms, the default lease. */
  private JobWorker node(String name, int batchSize) {
    JobSettings settings = new JobSettings(true, Duration.ofMillis(50), batchSize,
        defaults.maxAttempts(), defaults.lease(), Duration.ofMillis(50), name);
    JobWorker worker = new JobWorker(queue, settings, List.of(handler(name)));
    workers.add(worker);
    return worker;
  }

  /** The test kind's handler on one node: logs the run, runs the hook, writes the effect. */
  private JobHandler<Work> handler(String node) {
    return new JobHandler<>() {
      @Override
      public JobKind<Work> kind() {
        return kind;
      }

      @Override
      public void run(Work work) throws Exception {
        runs.add(new Run(work.subject(), node, work.value()));
        Hook hook = hooks.get(work.subject());
        if (hook != null) {
          hook.before(node);
        }
        jdbc.sql("""
            insert into test_job_effects (subject, value) values (?, ?)
            on conflict (subject) do update set value = excluded.value
            """).params(work.subject(), work.value()).update();
      }
    };
  }

  /** Runs rounds until the queue has nothing this node may claim; returns each round's outcomes. */
  private static List<Map<Long, JobOutcome>> drain(JobWorker worker) {
    List<Map<Long, JobOutcome>> rounds = new ArrayList<>();
    Map<Long, JobOutcome> round;
    while (!(round = worker.runOnce()).isEmpty()) {
      rounds.add(round);
    }
    return rounds;
  }

  private String statusOf(String subject) {
    return jdbc.sql("select status || ' ' || claimed_by from jobs where dedupe_key = ?")
        .param(kind.name() + ":" + subject).query(String.class).single();
  }

  /** Waits for the heartbeats to push every running test job's lease past {@code instant}. */
  private void awaitEveryLeaseBeyond(Instant instant) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      List<Instant> leases = jdbc.sql("""
          select lease_until from jobs where kind = ? and status = 'RUNNING'
          """).param(kind.name()).query((rs, n) -> Timestamps.instant(rs, "lease_until")).list();
      if (!leases.isEmpty() && leases.stream().allMatch(l -> l.isAfter(instant))) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the heartbeats did not renew every lease past " + instant);
  }
}
