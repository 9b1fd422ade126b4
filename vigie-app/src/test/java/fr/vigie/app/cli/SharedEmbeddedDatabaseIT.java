package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fr.vigie.app.support.GeneratedTips;
import fr.vigie.postgres.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code vigie} processes on one data folder, as an operator runs them: the server and the
 * commands share the folder's one embedded PostgreSQL whichever starts first and whichever ends
 * first; a process killed with {@code kill -9} leaves nothing that blocks the next; two commands
 * started at the same moment on a new folder make one cluster between them; and the last process
 * to leave stops the server.
 */
class SharedEmbeddedDatabaseIT {

  private static final Pattern URL = Pattern.compile("Vigie : (http://\\S+)");

  @TempDir
  Path temp;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void endProcesses() throws Exception {
    for (Process p : started) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    // A server left running by a killed process: one last command is the last to leave.
    if (serverRunning(temp.resolve("home"))) {
      vigie(temp.resolve("home"), "status");
    }
  }

  @Test
  void anImportGoesOnWhenTheServerStopsFirstAndTheLastProcessStopsTheDatabase() throws Exception {
    Path home = temp.resolve("home");
    Path tips = GeneratedTips.write(temp.resolve("tips.xml"), 3000, 7_000_000, 5, "ExampleChat");
    Running server = serve(home);
    long postmaster = postmasterPid(home);

    Process importing = start(home, temp.resolve("import.log"), "import", "reports",
        tips.toString());
    Thread.sleep(3000);
    assertTrue(importing.isAlive(), "the import should still be running: "
        + Files.readString(temp.resolve("import.log")));
    server.process().destroy();
    assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "the server did not stop");
    assertTrue(importing.isAlive(), "the import outlives the server");
    assertEquals(postmaster, postmasterPid(home), "the database goes on for the import");

    assertTrue(importing.waitFor(5, TimeUnit.MINUTES), "the import did not finish");
    String log = Files.readString(temp.resolve("import.log"));
    assertEquals(0, importing.exitValue(), log);
    assertTrue(log.contains("Reports: 3000 new"), log);
    assertTrue(awaitStopped(home), "the import, last to leave, stops the database");

    Result status = vigie(home, "status");
    assertEquals(0, status.exit(), status.output());
    assertTrue(status.output().contains("reports:         3000"), status.output());
    assertTrue(awaitStopped(home));
  }

  @Test
  void theServerGoesOnWhenACommandEndsFirstAndAKilledServerOrDatabaseBlocksNothing()
      throws Exception {
    Path home = temp.resolve("home");
    Running server = serve(home);
    Result status = vigie(home, "status");
    assertEquals(0, status.exit(), status.output());
    assertTrue(status.output().contains("PostgreSQL 18."), status.output());
    assertTrue(status.output().contains("embedded, data in " + home.resolve("pg/data")),
        status.output());
    assertTrue(get(server.url() + "actuator/health").contains("\"UP\""));
    assertTrue(get(server.url() + "login").contains("name=\"password\""));

    // The server killed: the database it started runs on, and the next command uses it.
    server.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Result after = vigie(home, "status");
    assertEquals(0, after.exit(), after.output());
    assertTrue(after.output().contains("départements:    101"), after.output());
    assertTrue(awaitStopped(home), "the command, last to leave, stops it");

    // The database itself killed: the next command starts it again, with crash recovery.
    try (EmbeddedPostgres running = EmbeddedPostgres.open(home.resolve("pg"))) {
      ProcessHandle.of(postmasterPid(home)).orElseThrow().destroyForcibly();
    }
    Result recovered = vigie(home, "status");
    assertEquals(0, recovered.exit(), recovered.output());
    assertTrue(recovered.output().contains("départements:    101"), recovered.output());
  }

  @Test
  void twoCommandsStartedAtTheSameMomentOnANewFolderMakeOneDatabase() throws Exception {
    Path home = temp.resolve("home");
    Process a = start(home, temp.resolve("a.log"), "status");
    Process b = start(home, temp.resolve("b.log"), "status");
    assertTrue(a.waitFor(3, TimeUnit.MINUTES) && b.waitFor(3, TimeUnit.MINUTES));
    String logA = Files.readString(temp.resolve("a.log"));
    String logB = Files.readString(temp.resolve("b.log"));
    assertEquals(0, a.exitValue(), logA);
    assertEquals(0, b.exitValue(), logB);
    for (String log : List.of(logA, logB)) {
      assertTrue(log.contains("départements:    101"), log);
      assertTrue(log.contains("units:           13"), log);
    }
    assertTrue(awaitStopped(home));
  }

  @Test
  void aFolderLeftByAnH2DemoGetsOneSentenceAndStaysAsItWas() throws Exception {
    Path home = temp.resolve("home");
    Path h2 = Files.createDirectories(home.resolve("db")).resolve("vigie.mv.db");
    Files.write(h2, new byte[] {'H', '2'});

    CliRun.Result result = CliRun.vigie(home, "status");

    assertEquals(1, result.exitCode());
    assertTrue(result.err().startsWith("vigie: " + home.resolve("db")
        + " holds the H2 database of an earlier Vigie"), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertFalse(result.err().contains("Exception"), result.err());
    assertTrue(Files.exists(h2));
    assertFalse(Files.exists(home.resolve("pg")), "nothing started beside it");
  }

  // ------------------------------------------------------------------ helpers

  record Running(Process process, String url) {}

  record Result(int exit, String output) {}

  private Running serve(Path home) throws Exception {
    Path log = temp.resolve("serve-" + started.size() + ".log");
    Process p = start(home, log, "serve", "--port", "0");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      Matcher m = URL.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return new Running(p, m.group(1));
      }
      if (!p.isAlive()) {
        fail("vigie serve ended: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    fail("vigie serve did not start: " + Files.readString(log));
    return null;
  }

  private Process start(Path home, Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        // Short commands: the quick compiler alone starts them a fifth sooner.
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), VigieCommand.class.getName()));
    command.addAll(List.of(args));
    command.addAll(List.of("--home", home.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().remove("VIGIE_DB_URL");
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private Result vigie(Path home, String... args) throws Exception {
    Path log = temp.resolve("command-" + started.size() + ".log");
    Process p = start(home, log, args);
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "vigie " + String.join(" ", args));
    return new Result(p.exitValue(), Files.readString(log));
  }

  private static long postmasterPid(Path home) throws IOException {
    return Long.parseLong(Files.readAllLines(home.resolve("pg/data/postmaster.pid")).get(0)
        .strip());
  }

  private static boolean serverRunning(Path home) throws IOException {
    Path pid = home.resolve("pg/data/postmaster.pid");
    return Files.exists(pid) && ProcessHandle.of(postmasterPid(home))
        .map(ProcessHandle::isAlive).orElse(false);
  }

  /** Whether the server has stopped: PostgreSQL removes its lock file last when it does. */
  private static boolean awaitStopped(Path home) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Files.exists(home.resolve("pg/data/postmaster.pid"))) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private static String get(String url) throws Exception {
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .build()) {
      return client.send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }
  }
}
