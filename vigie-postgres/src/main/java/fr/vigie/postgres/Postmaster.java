package fr.vigie.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's own programs run on one data folder: {@code initdb} to create it, {@code pg_ctl}
 * to start the server, and a signal to stop it.
 *
 * <p>{@code pg_ctl} detaches the server into a session of its own, so that Ctrl-C in the
 * terminal of the process that started it does not reach it: the server outlives that process,
 * and whichever Vigie process is last stops it. PostgreSQL refuses to run as root; as root on
 * Linux the programs run in a new user namespace ({@code unshare -U}), where the same process is
 * an ordinary user.
 */
final class Postmaster {

  private final PostgresBinaries binaries;
  private final Path data;
  private final Path log;

  Postmaster(PostgresBinaries binaries, Path data, Path log) {
    this.binaries = binaries;
    this.data = data;
    this.log = log;
  }

  Path log() {
    return log;
  }

  /** Whether the data folder holds a cluster (a completed {@code initdb}). */
  boolean initialised() {
    return Files.isRegularFile(data.resolve("PG_VERSION"));
  }

  /** The cluster's major version, e.g. {@code 18}. */
  String clusterVersion() throws IOException {
    return Files.readString(data.resolve("PG_VERSION"), StandardCharsets.US_ASCII).strip();
  }

  /**
   * Creates the cluster: superuser {@code user} whose password is in {@code passwordFile},
   * password (SCRAM) sign-in for every connection, UTF-8 with the built-in C.UTF-8 locale (the
   * same order and case rules on every platform). Written into a temporary folder and renamed,
   * so that a crash part-way leaves no half-made cluster behind.
   */
  void initdb(String user, Path passwordFile) throws IOException {
    Path partial = data.resolveSibling(data.getFileName() + ".partial");
    PrivateFiles.deleteTree(partial);
    run(Duration.ofMinutes(5), List.of(binaries.bin("initdb").toString(),
        "-D", partial.toString(), "-U", user, "--pwfile=" + passwordFile,
        "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C",
        "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--no-instructions"));
    Files.move(partial, data);
  }

  /**
   * Writes Vigie's settings into {@code vigie.conf}, which {@code postgresql.conf} includes;
   * they take effect at the server's next start.
   */
  void configure(Map<String, String> settings) throws IOException {
    StringBuilder conf = new StringBuilder(
        "# Written by Vigie at each start (vigie-postgres): edits here are overwritten.\n");
    settings.forEach((key, value) -> conf.append(key).append(" = '")
        .append(value.replace("'", "''")).append("'\n"));
    Path file = data.resolve("vigie.conf");
    PrivateFiles.createFile(file);
    Files.writeString(file, conf, StandardCharsets.UTF_8);
    Path main = data.resolve("postgresql.conf");
    String include = "include_if_exists = 'vigie.conf'";
    if (!Files.readString(main, StandardCharsets.UTF_8).contains(include)) {
      Files.writeString(main, "\n" + include + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
    }
  }

  /** The server's lock file, if there is one that can be read. */
  Optional<PidFile> pidFile() throws IOException {
    return PidFile.read(data);
  }

  /**
   * Whether a lock file exists whose process is not this data folder's server: dead, or a
   * process id since reused by another program (after a reboot or a {@code kill -9}). PostgreSQL
   * would refuse to start over a live process's id, so such a file must go.
   */
  boolean staleLockFile() throws IOException {
    Path file = data.resolve(PidFile.NAME);
    if (!Files.exists(file)) {
      return false;
    }
    Optional<PidFile> pid = pidFile();
    return pid.isEmpty() || !isOurServer(pid.get().pid());
  }

  void removeLockFile() throws IOException {
    Files.deleteIfExists(data.resolve(PidFile.NAME));
  }

  /** Whether the process is alive and is this folder's {@code postgres}. */
  boolean isOurServer(long pid) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return false;
    }
    ProcessHandle.Info info = process.get().info();
    Optional<String> command = info.command();
    if (command.isEmpty()) {
      // Not ours to see (another user's process): ours would be visible.
      return false;
    }
    if (!Path.of(command.get()).getFileName().toString().startsWith("postgres")) {
      return false;
    }
    return info.arguments().map(args -> List.of(args).contains(data.toString())).orElse(true);
  }

  /**
   * Starts the server on the loopback address and a free port, and waits until it accepts
   * connections. Returns the port.
   */
  int start(Duration timeout) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      try {
        run(timeout.plusSeconds(10), List.of(binaries.bin("pg_ctl").toString(), "start",
            "-D", data.toString(), "-l", log.toString(), "-w", "-s",
            "-t", Long.toString(Math.max(1, timeout.toSeconds())),
            "-o", "-p " + port));
        return port;
      } catch (IOException e) {
        // Most likely the port was taken between our check and the server's bind: try another.
        last = e;
      }
    }
    throw last;
  }

  /**
   * Stops the server (PostgreSQL's "fast" shutdown: open sessions are ended, a checkpoint is
   * written) and waits for it to exit.
   */
  void stop(long pid, Duration timeout) throws IOException {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) {
      return;
    }
    if (PostgresBinaries.windows()) {
      run(timeout, List.of(binaries.bin("pg_ctl").toString(), "stop", "-D", data.toString(),
          "-m", "fast", "-w", "-s"));
    } else {
      // SIGINT is the fast shutdown; the JDK can only send SIGTERM (smart: it would wait for
      // every session to end, a psql left open included).
      runPlain(Duration.ofSeconds(30), List.of("kill", "-INT", Long.toString(pid)));
    }
    // Polled: the JDK learns of a non-child's exit only every second or so, and a server whose
    // new parent (PID 1) is slow to reap it stays a zombie for a while. Removing its lock file is
    // PostgreSQL's last act of a clean shutdown: after that the folder is free.
    long deadline = System.nanoTime() + timeout.toNanos();
    while (process.get().isAlive() && Files.exists(data.resolve(PidFile.NAME))) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the embedded PostgreSQL (process " + pid + ") did not stop within "
            + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for PostgreSQL to stop", e);
      }
    }
  }

  /** The end of the server's log, for an error message. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
  }

  private void run(Duration timeout, List<String> command) throws IOException {
    List<String> full = new ArrayList<>();
    if (RootUser.isRoot()) {
      full.addAll(RootUser.namespacePrefix());
    }
    full.addAll(command);
    runPlain(timeout, full);
  }

  private static void runPlain(Duration timeout, List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    // The programs' settings come from their arguments, never from a PG* variable of the caller.
    env.keySet().removeIf(k -> k.startsWith("PG"));
    env.put("LC_ALL", "C");
    env.put("LANG", "C");
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] output;
    try {
      output = readWithin(process, timeout);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.getFirst(), e);
    }
    if (process.exitValue() != 0) {
      String text = new String(output, StandardCharsets.UTF_8).strip();
      throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue()
          + ")" + (text.isEmpty() ? "" : ": " + text));
    }
  }

  private static byte[] readWithin(Process process, Duration timeout)
      throws IOException, InterruptedException {
    var output = new java.io.ByteArrayOutputStream();
    Thread reader = Thread.ofVirtual().start(() -> {
      try (var in = process.getInputStream()) {
        in.transferTo(output);
      } catch (IOException e) {
        // the process is gone; what was read is kept
      }
    });
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IOException(process.info().command().orElse("a PostgreSQL program")
          + " did not finish within " + timeout.toSeconds() + " s");
    }
    // pg_ctl's server inherits no handle of ours (its output goes to the log), so the pipe
    // closes with pg_ctl; the join is bounded anyway.
    reader.join(Duration.ofSeconds(5));
    synchronized (output) {
      return output.toByteArray();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return socket.getLocalPort();
    }
  }
}
