package fr.vigie.app.jobs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobKind;
import fr.vigie.app.jobs.JobPayload;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.jobs.JobSettings;
import fr.vigie.app.support.TestClock;
import fr.vigie.app.storage.Timestamps;
import fr.vigie.app.support.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The worker as a node runs it: real handlers, bad payloads, leases. */
@Import(TestClock.Config.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vigie.jobs.worker-enabled=false")
class JobWorkerIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  JobQueue queue;

  @Autowired
  List<JobHandler<?>> handlers;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  TestClock clock;

  @Autowired
  JobSettings settings;

  @Test
  void aJobWhosePayloadCannotBeReadFailsAtOnceWithTheReasonAndTheOthersRun() {
    jdbc.sql("delete from jobs").update();
    jdbc.sql("""
        insert into jobs (kind, payload, dedupe_key, status, attempts, run_after)
        values ('match-import', '{"importJobId":"douze"}', 'match-import:bad', 'READY', 0, ?)
        """).param(fr.vigie.app.storage.Timestamps.utc(clock.instant())).update();
    jdbc.sql("""
        insert into jobs (kind, payload, dedupe_key, status, attempts, run_after)
        values ('match-import', '{"importJobId":424243}', 'match-import:424243', 'READY', 0, ?)
        """).param(fr.vigie.app.storage.Timestamps.utc(clock.instant())).update();
    JobWorker worker = new JobWorker(queue, node("node-a"),
        handlers.stream().filter(h -> h.kind().name().equals("match-import")).toList());
    assertEquals(2, worker.runOnce().size());
    String bad = jdbc.sql("""
        select status || ' ' || attempts || ' ' || last_error from jobs where dedupe_key = ?
        """).param("match-import:bad").query(String.class).single();
    assertTrue(bad.startsWith("FAILED 1 job ") && bad.contains("(match-import)")
        && bad.contains("field importJobId") && bad.contains("douze"),
        "given up at the first attempt, the job, its kind and the field named: " + bad);
    assertEquals("DONE", jdbc.sql("select status from jobs where dedupe_key = ?")
        .param("match-import:424243").query(String.class).single());
  }

  @Test
  void aJobThatRunsLongerThanTheLeaseKeepsItWhileItsWorkerBeats() throws Exception {
    JobKind<Step> kind = new JobKind<>("test-slow-" + UUID.randomUUID().toString()
        .substring(0, 8), Step.class);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    JobHandler<Step> slow = new JobHandler<>() {
      @Override
      public JobKind<Step> kind() {
        return kind;
      }

      @Override
      public void run(Step step) throws InterruptedException {
        started.countDown();
        release.await();
      }
    };
    queue.enqueue(kind, new Step(1));
    JobWorker worker = new JobWorker(queue, node("node-a"), List.of(slow));
    Thread running = Thread.ofPlatform().start(worker::runOnce);
    try {
      started.await();
      long id = jdbc.sql("select id from jobs where dedupe_key = ?").param(kind.name() + ":1")
          .query(Long.class).single();
      Duration step = settings.lease().minusMinutes(1);
      for (int i = 0; i < 3; i++) {
        clock.advance(step); // three steps: past the first lease by far
        awaitLeaseBeyond(id, clock.instant().plus(step));
        assertTrue(queue.claim(List.of(kind.name()), "node-b", 10).isEmpty(),
            "the job is still held by its live worker");
      }
    } finally {
      release.countDown();
      running.join();
      worker.stop();
    }
    assertEquals("DONE node-a", jdbc.sql(
        "select status || ' ' || claimed_by from jobs where dedupe_key = ?")
        .param(kind.name() + ":1").query(String.class).single());
  }

  /** The payload of the tests' own kinds. */
  record Step(int number) implements JobPayload {
    @Override
    public String key() {
      return Integer.toString(number);
    }
  }

  /** Waits for the worker's heartbeat to push the job's lease past {@code instant}. */
  private void awaitLeaseBeyond(long jobId, Instant instant) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Instant until = jdbc.sql("select lease_until from jobs where id = ?").param(jobId)
          .query((rs, n) -> Timestamps.instant(rs, "lease_until")).single();
      if (until.isAfter(instant)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no heartbeat renewed the lease of job " + jobId);
  }

  /** A node's settings: its own name, a heartbeat every 50 ms, the default lease. */
  private JobSettings node(String name) {
    return new JobSettings(true, Duration.ofMillis(50), settings.batchSize(),
        settings.maxAttempts(), settings.lease(), Duration.ofMillis(50), name);
  }
}
