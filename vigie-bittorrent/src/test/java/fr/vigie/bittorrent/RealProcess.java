package fr.vigie.bittorrent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program started by an interop test, its output in a log file, ended by its PID (TERM, then
 * KILL after a bounded wait) and never by name.
 */
final class RealProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private RealProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static RealProcess start(String name, Path workDir, Path logDir, List<String> command) throws IOException {
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    System.out.println("interop: started " + name + " (pid " + p.pid() + "): " + String.join(" ", command));
    return new RealProcess(name, p, log);
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Waits until the output contains {@code text}, or fails with the log. */
  void awaitOutput(String text, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (output().contains(text)) {
        return;
      }
      if (!alive()) {
        throw new IllegalStateException(name + " ended (" + process.exitValue() + "): " + output());
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(name + " did not print '" + text + "' within " + timeout + ": " + output());
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy(); // SIGTERM to this PID
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    System.out.println("interop: ended " + name + " (pid " + process.pid() + ")");
  }
}
