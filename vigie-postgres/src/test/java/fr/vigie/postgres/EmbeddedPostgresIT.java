package fr.vigie.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server as Vigie's processes share it: a real PostgreSQL 18 started from the
 * binaries on the class path, in a folder of the test's own, reached by other JVMs
 * ({@link LeaseHolder}) started, stopped and killed by the test.
 */
class EmbeddedPostgresIT {

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  @TempDir
  Path temp;

  private final List<Holder> holders = new ArrayList<>();

  @AfterEach
  void endHolders() throws Exception {
    for (Holder h : holders) {
      h.process.destroyForcibly();
      h.process.waitFor(30, TimeUnit.SECONDS);
    }
    // A server a test left running (killed holders) is stopped by one last lease.
    try (Stream<Path> folders = Files.list(temp)) {
      for (Path folder : folders.filter(f -> Files.isDirectory(f.resolve("data"))).toList()) {
        EmbeddedPostgres.open(folder).close();
      }
    }
  }

  @Test
  void startsPostgres18OnLoopbackWithARandomPasswordAndVigiesDatabase() throws Exception {
    Path folder = temp.resolve("pg");
    try (EmbeddedPostgres pg = EmbeddedPostgres.open(folder);
        Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        Statement s = c.createStatement()) {
      assertTrue(pg.serverVersion().startsWith("18."), pg.serverVersion());
      assertEquals("vigie", single(s, "select current_database()"));
      assertEquals("127.0.0.1", single(s, "show listen_addresses"));
      assertEquals("", single(s, "show unix_socket_directories"));
      assertEquals("UTF8", single(s, "show server_encoding"));
      assertEquals("école", single(s, "select lower('ÉCOLE')"));
      assertTrue(pg.password().length() >= 32, "a random password of 24 bytes, base64");
      assertEquals(pg.password(), Files.readString(folder.resolve("password")).strip());
      SQLException refused = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "not-the-password"));
      assertEquals("28P01", refused.getSQLState(), "password authentication failed");
    }
  }

  @Test
  void keepsTheFolderAndEveryFileInItPrivateWhateverTheUmask() throws Exception {
    Path folder = temp.resolve("pg");
    try (EmbeddedPostgres pg = EmbeddedPostgres.open(folder)) {
      if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        return;
      }
      List<String> open = new ArrayList<>();
      try (Stream<Path> all = Files.walk(folder)) {
        all.forEach(p -> {
          try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (perms.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
              open.add(folder.relativize(p) + " " + perms);
            }
          } catch (IOException e) {
            // a file the server removed while we walked
          }
        });
      }
      assertEquals(List.of(), open, "files others can read");
      assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE), Files.getPosixFilePermissions(folder));
    }
  }

  @Test
  void twoLeasesInOneJvmShareOneServerWhichStopsWithTheLast() throws Exception {
    Path folder = temp.resolve("pg");
    EmbeddedPostgres first = EmbeddedPostgres.open(folder);
    EmbeddedPostgres second = EmbeddedPostgres.open(folder);
    assertEquals(first.port(), second.port());
    long pid = postmasterPid(folder);
    first.close();
    first.close();
    assertTrue(queryDatabases(second) > 0, "the second lease still works");
    second.close();
    assertTrue(gone(pid),
        "the last lease stops the server");
    assertFalse(Files.exists(folder.resolve("data/postmaster.pid")));
  }

  @Test
  void keepsTheDataAcrossRestarts() throws Exception {
    Path folder = temp.resolve("pg");
    try (EmbeddedPostgres pg = EmbeddedPostgres.open(folder)) {
      execute(pg, "create table kept (v text)", "insert into kept values ('still here')");
    }
    try (EmbeddedPostgres pg = EmbeddedPostgres.open(folder);
        Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        Statement s = c.createStatement()) {
      assertEquals("still here", single(s, "select v from kept"));
    }
  }

  @Test
  void aKilledServerIsStartedAgainByTheNextLeaseWithItsCommittedData() throws Exception {
    Path folder = temp.resolve("pg");
    EmbeddedPostgres pg = EmbeddedPostgres.open(folder);
    execute(pg, "create table kept (v text)", "insert into kept values ('committed')");
    long pid = postmasterPid(folder);
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    ProcessHandle.of(pid).orElseThrow().onExit().get(30, TimeUnit.SECONDS);
    pg.close();
    assertTrue(Files.exists(folder.resolve("data/postmaster.pid")), "kill -9 leaves its lock file");
    try (EmbeddedPostgres again = EmbeddedPostgres.open(folder);
        Connection c = DriverManager.getConnection(again.jdbcUrl(), again.user(),
            again.password());
        Statement s = c.createStatement()) {
      assertNotEquals(pid, postmasterPid(folder));
      assertEquals("committed", single(s, "select v from kept"));
    }
  }

  @Test
  void aLockFileNamingAProcessThatIsNotOurServerIsRemoved() throws Exception {
    Path folder = temp.resolve("pg");
    EmbeddedPostgres.open(folder).close();
    // After a reboot the old server's process id may belong to any program.
    Process other = new ProcessBuilder(javaCommand("-version")).start();
    long otherPid = other.pid();
    Path lock = folder.resolve("data/postmaster.pid");
    Files.writeString(lock, otherPid + "\n" + folder.resolve("data") + "\n1\n5432\n\n127.0.0.1\n"
        + "  0 0\nready\n");
    try (EmbeddedPostgres pg = EmbeddedPostgres.open(folder)) {
      assertTrue(queryDatabases(pg) > 0);
      assertNotEquals(otherPid, postmasterPid(folder));
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void twoProcessesStartingAtTheSameMomentShareOneServer() throws Exception {
    Path folder = temp.resolve("pg");
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Holder> start = () -> {
        go.await();
        return startHolder(folder);
      };
      Future<Holder> a = pool.submit(start);
      Future<Holder> b = pool.submit(start);
      go.countDown();
      Holder first = a.get(3, TimeUnit.MINUTES);
      Holder second = b.get(3, TimeUnit.MINUTES);
      assertEquals(first.port, second.port, "one server, one port");
      assertEquals(1, postmastersOf(folder), "one postmaster for the folder");
      assertTrue(first.query().startsWith("OK"));
      assertTrue(second.query().startsWith("OK"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eitherProcessMayStopFirstAndTheLastStopsTheServer() throws Exception {
    Path folder = temp.resolve("pg");
    Holder server = startHolder(folder);
    Holder command = startHolder(folder);
    long pid = postmasterPid(folder);
    server.exit();
    assertTrue(command.query().startsWith("OK"), "the other process keeps working");
    assertTrue(ProcessHandle.of(pid).orElseThrow().isAlive());
    Holder third = startHolder(folder);
    assertEquals(pid, postmasterPid(folder), "a later process joins the running server");
    third.exit();
    command.exit();
    assertTrue(gone(pid),
        "the last process stops it");
  }

  @Test
  void aKilledProcessLeavesNothingThatBlocksTheOthersOrTheNextStart() throws Exception {
    Path folder = temp.resolve("pg");
    Holder killed = startHolder(folder);
    Holder survivor = startHolder(folder);
    long pid = postmasterPid(folder);
    killed.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertTrue(survivor.query().startsWith("OK"));
    survivor.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    // Both holders died without closing: the server runs on, unleased; the next start reuses it.
    assertTrue(ProcessHandle.of(pid).orElseThrow().isAlive());
    try (EmbeddedPostgres pg = EmbeddedPostgres.open(folder)) {
      assertEquals(pid, postmasterPid(folder));
      assertTrue(queryDatabases(pg) > 0);
    }
    assertTrue(gone(pid),
        "and stops it when it is the last");
  }

  // ------------------------------------------------------------------ helpers

  private record Holder(Process process, BufferedReader out, PrintWriter in, int port) {

    String query() throws IOException {
      in.println("query");
      return readLine(out, Duration.ofSeconds(60));
    }

    void exit() throws Exception {
      in.println("exit");
      assertEquals("CLOSED", readLine(out, Duration.ofSeconds(60)));
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, process.exitValue());
    }
  }

  private Holder startHolder(Path folder) throws IOException {
    Process p = new ProcessBuilder(javaCommand(LeaseHolder.class.getName(), folder.toString()))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    PrintWriter in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
    String ready = readLine(out, Duration.ofMinutes(2));
    if (ready == null || !ready.startsWith("READY ")) {
      p.destroyForcibly();
      fail("the holder did not start: " + ready);
    }
    Holder h = new Holder(p, out, in, Integer.parseInt(ready.substring(6)));
    synchronized (holders) {
      holders.add(h);
    }
    return h;
  }

  private static String readLine(BufferedReader out, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!out.ready()) {
      if (System.nanoTime() > deadline) {
        fail("no answer within " + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    return out.readLine();
  }

  private static List<String> javaCommand(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Whether the process has ended, within a few seconds: the JDK sees a non-child's exit late,
   * and a zombie (ended, not yet reaped by PID 1) counts as ended.
   */
  private static boolean gone(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !zombie(pid)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static long postmasterPid(Path folder) throws IOException {
    return Long.parseLong(Files.readAllLines(folder.resolve("data/postmaster.pid")).get(0).strip());
  }

  /** Postmaster processes (not their children) whose command line names the folder's data. */
  private static long postmastersOf(Path folder) {
    String data = folder.resolve("data").toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")
            || c.endsWith("\\postgres.exe")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(data)).orElse(false))
        .count();
  }

  private static long queryDatabases(EmbeddedPostgres pg) throws SQLException {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        ResultSet rs = c.createStatement().executeQuery("select count(*) from pg_database")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(EmbeddedPostgres pg, String... sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        Statement s = c.createStatement()) {
      for (String one : sql) {
        s.execute(one);
      }
    }
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }
}
