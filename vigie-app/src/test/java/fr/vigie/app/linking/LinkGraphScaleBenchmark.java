package fr.vigie.app.linking;

import fr.vigie.app.linking.FellegiSunter.Traits;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The in-memory half of the linking benchmark (no database): the same synthetic records as
 * {@code LinkingScaleBenchmark}, linked by {@link LinkGraph} alone; prints wall and CPU time,
 * asserts nothing. Never part of the suite (its name is neither {@code *Test} nor {@code *IT}):
 * {@code -Dtest=LinkGraphScaleBenchmark}.
 */
class LinkGraphScaleBenchmark {

  @Test
  void linksInMemory() {
    String n = System.getenv(LinkingScaleBenchmark.VARIABLE);
    int reports = n == null || n.isBlank() ? 250_000 : Integer.parseInt(n.strip());
    int people = reports * 3 / 5;
    for (int round = 0; round < 3; round++) {
      List<LinkGraph.PersonRecord> records = records(reports, people);
      var bean = ManagementFactory.getThreadMXBean();
      long cpu = bean.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      LinkGraph graph = new LinkGraph();
      records.forEach(graph::add);
      LinkGraph.Result r = graph.solve();
      System.out.printf(Locale.ROOT, "LINKGRAPH BENCH: %d reports, %d identifiers, %d clusters,"
          + " %d links: %d ms wall, %d ms CPU%n", reports, r.firstSeen().size(),
          r.clusters().size(), r.links().size(), (System.nanoTime() - t) / 1_000_000,
          (bean.getCurrentThreadCpuTime() - cpu) / 1_000_000);
    }
  }

  static List<LinkGraph.PersonRecord> records(int reports, int people) {
    Random random = new Random(42);
    List<LinkGraph.PersonRecord> out = new ArrayList<>(reports);
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (long r = 1; r <= reports; r++) {
      double u = random.nextDouble();
      int person = (int) (people * u * u);
      int identity = person % 50 == 0 ? person + 1 : person;
      boolean named = random.nextInt(2) == 0;
      Traits traits = new Traits(named ? LinkingScaleBenchmark.FIRST[identity % 20] : null,
          named ? LinkingScaleBenchmark.LAST[(identity / 20) % 40] : null,
          named ? LocalDate.of(1960 + identity % 45, 1 + identity % 12, 1 + identity % 28) : null,
          null, named ? String.format(Locale.ROOT, "%05d", 1000 + (identity % 3000) * 31) : null);
      List<String> keys = new ArrayList<>(List.of("EMAIL|p" + person + "@example.org",
          String.format(Locale.ROOT, "PHONE|+336%08d", person), "ACCOUNT_ID|chatapp:" + person,
          "SCREEN_NAME|chatapp:user" + person, "DEVICE_ID|imei" + person,
          "URL|chatapp:https://chat.example/r/" + r));
      Collections.shuffle(keys, random);
      out.add(new LinkGraph.PersonRecord(r, r, t, List.copyOf(keys.subList(0, 4)), traits,
          false));
    }
    return out;
  }
}
