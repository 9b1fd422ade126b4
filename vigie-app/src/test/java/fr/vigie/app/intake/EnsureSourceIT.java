package fr.vigie.app.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.vigie.app.support.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Several first writers of one source at once (three P2P sensors pushing their first lines
 * together, as the whole-chain benchmark does): none fails on the source's unique code, and the
 * source exists once. Before, the check-then-insert answered 500 to all but one of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "vigie.jobs.worker-enabled=false")
class EnsureSourceIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabases.useFreshDatabase(registry);
  }

  @Autowired
  Reports reports;

  @Autowired
  JdbcClient jdbc;

  @Test
  void firstWritersAtOnceAllSucceedAndTheSourceExistsOnce() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < 10; round++) {
        String code = "RACE-" + round;
        CyclicBarrier together = new CyclicBarrier(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          done.add(pool.submit(() -> {
            together.await();
            reports.ensureSource(code, "Source de course " + code, "P2P_SENSOR", null);
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get(); // throws if a writer failed on the unique code
        }
        assertEquals(1L, jdbc.sql("select count(*) from sources where code = ?").param(code)
            .query(Long.class).single());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
