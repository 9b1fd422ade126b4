package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --json} is for scripts: run as a real process, the command's standard output is one JSON
 * object and nothing else (no log line of the application starting before it).
 */
class JsonOutputIT {

  @TempDir
  Path home;

  @Test
  void importReportsJsonIsTheWholeStandardOutput() throws Exception {
    Path examples = Path.of("..", "docs", "examples", "reports.jsonl").toAbsolutePath();
    assertTrue(Files.isRegularFile(examples), examples.toString());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path stderr = home.resolve("stderr.txt");
    Process process = new ProcessBuilder(List.of(java.toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        VigieCommand.class.getName(), "import", "reports", "--home", home.toString(),
        "--json", "--dry-run", examples.toString()))
        .redirectError(stderr.toFile())
        .start();
    String stdout;
    try {
      stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "vigie import did not finish");
    } finally {
      process.destroyForcibly();
    }
    assertEquals(0, process.exitValue(), stdout + Files.readString(stderr));
    JsonNode summary = JsonMapper.builder().build().readTree(stdout);
    assertTrue(summary.isObject(), stdout);
    assertTrue(summary.get("dryRun").asBoolean(), stdout);
    assertEquals(3, summary.get("reportsNew").asInt(), stdout);
  }
}
