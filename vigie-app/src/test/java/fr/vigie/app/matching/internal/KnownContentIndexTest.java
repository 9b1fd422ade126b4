package fr.vigie.app.matching.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnownContentIndexTest {

  private static String hex(Random random, int digits) {
    byte[] b = new byte[digits / 2];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Test
  void findsExactlyWhatAHashMapFindsOnRandomEntries() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String[] algorithms = {"MD5", "SHA1", "SHA256"};
    int[] lengths = {32, 40, 64};
    KnownContentIndex.Builder builder = KnownContentIndex.builder(10, 31);
    Map<String, List<Long>> expected = new HashMap<>();
    List<String> listed = new ArrayList<>();
    for (long id = 1; id <= 20_000; id++) {
      int a = random.nextInt(3);
      // One in ten repeats an earlier hash, as when two sets list the same file.
      String value = !listed.isEmpty() && random.nextInt(10) == 0
          && listed.get(listed.size() - 1).startsWith(algorithms[a] + ":")
          ? listed.get(listed.size() - 1).substring(algorithms[a].length() + 1)
          : hex(random, lengths[a]);
      builder.add(id, id % 7, algorithms[a], value, (int) (id % 4));
      expected.computeIfAbsent(algorithms[a] + ":" + value, k -> new ArrayList<>()).add(id);
      listed.add(algorithms[a] + ":" + value);
    }
    KnownContentIndex index = builder.build("test");
    for (Map.Entry<String, List<Long>> e : expected.entrySet()) {
      String[] parts = e.getKey().split(":");
      List<Long> found = index.exact(parts[0], parts[1].toUpperCase()).stream()
          .map(KnownContentIndex.Hit::entryId).sorted().toList();
      assertEquals(e.getValue(), found, "seed " + seed + ", " + e.getKey());
    }
    for (int i = 0; i < 1000; i++) {
      assertTrue(index.exact("MD5", hex(random, 32)).isEmpty(), "seed " + seed);
    }
    assertTrue(index.exact("SHA1", "not hex at all, not hex at all, not hex!").isEmpty());
  }

  @Test
  void answersOnAnEmptyIndex() {
    KnownContentIndex index = KnownContentIndex.builder(0, 31).build("empty");
    assertTrue(index.exact("MD5", "0".repeat(32)).isEmpty());
    assertEquals(0, index.size());
  }

  @Test
  void ordersVersionsAsPeopleReadThem() {
    assertTrue(VersionOrder.INSTANCE.compare("2026.10", "2026.9") > 0);
    assertTrue(VersionOrder.INSTANCE.compare("v1", "v2") < 0);
    assertEquals(0, VersionOrder.INSTANCE.compare("1.0", "1.0"));
    assertTrue(VersionOrder.INSTANCE.compare("1.0.1", "1.0") > 0);
  }
}
