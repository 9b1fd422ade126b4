package fr.vigie.hashing.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ScanMemoryTest {

  static final int DIRS = 200;
  static final int FILES_PER_DIR = 1000;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void scansTwoHundredThousandFilesInA64MegabyteHeapWithoutGrowing(@TempDir Path root)
      throws Exception {
    for (int d = 0; d < DIRS; d++) {
      Path dir = Files.createDirectories(root.resolve("d" + d / 20).resolve("e" + d));
      for (int f = 0; f < FILES_PER_DIR; f++) {
        Files.createFile(dir.resolve("f" + f));
      }
    }
    int total = DIRS * FILES_PER_DIR;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), ScanMemoryProbe.class.getName(),
        root.toString(), Integer.toString(total / 10), Integer.toString(total - 1000))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), out);
    Map<String, Long> figures = parse(out);
    System.out.println("ScanMemoryProbe: " + out);

    assertEquals(total, figures.get("entries"), out);
    assertEquals(total, figures.get("hashed"), out);
    long growth = figures.get("usedLate") - figures.get("usedEarly");
    // A list of 180,000 more paths would be some 20 MB; the queue and buffers are fixed.
    assertTrue(growth < 4L << 20, "heap grew by " + growth + " bytes: " + out);
  }

  private static Map<String, Long> parse(String line) throws IOException {
    Map<String, Long> m = new HashMap<>();
    for (String kv : line.lines().reduce((a, b) -> b).orElse("").split(" ")) {
      String[] parts = kv.split("=");
      if (parts.length == 2) {
        m.put(parts[0], Long.parseLong(parts[1]));
      }
    }
    return m;
  }
}
