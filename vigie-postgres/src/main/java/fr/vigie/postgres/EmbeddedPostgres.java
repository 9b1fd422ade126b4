package fr.vigie.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A lease on the PostgreSQL server of one folder ({@code $VIGIE_HOME/pg}): the first process
 * that opens one starts the server, every other process of the folder uses the same server, and
 * the last lease to close, in whichever process, stops it.
 *
 * <p>The folder holds {@code data/} (the cluster), {@code password} (the {@code vigie} account's
 * random password), {@code server.log}, and two lock files. {@code start.lock} is held while a
 * process starts or stops the server, so that two processes starting at once never start two
 * servers; every process holding a lease also holds a shared lock on {@code clients.lock}, and
 * the process that finds it can take that lock alone is the last one, which stops the server.
 * The operating system releases both locks when a process dies, even by {@code kill -9}, so a
 * crash never blocks the next start; a server left running by a crashed process is reused, and
 * a lock file left by a crashed server is recognised as stale and removed.
 *
 * <p>The folder is 0700 and every file in it 0600 (on file systems with POSIX permissions); the
 * server listens on 127.0.0.1 only, on a free port chosen at start, and no Unix socket.
 *
 * <p>Thread-safe. Within one JVM the leases of a folder share one lock, counted.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  /** The account and the database Vigie uses on its embedded server. */
  public static final String USER = "vigie";

  public static final String DATABASE = "vigie";

  private static final System.Logger LOG = System.getLogger(EmbeddedPostgres.class.getName());

  /** Leases open in this JVM, by folder; also the lock under which they open and close. */
  private static final Map<Path, Server> OPEN = new HashMap<>();

  private final Server server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgres(Server server) {
    this.server = server;
  }

  /**
   * How the server of a folder is set up.
   *
   * @param parameters PostgreSQL settings written into the cluster's {@code vigie.conf}
   * @param binariesCache where PostgreSQL's programs are unpacked (shared by every folder)
   * @param timeout how long to wait for the server to start or stop, or for another process
   *     that is starting it
   */
  public record Settings(Map<String, String> parameters, Path binariesCache, Duration timeout) {

    public Settings {
      parameters = Map.copyOf(parameters);
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
    }

    /** Vigie's defaults: loopback only, UTC, room for bulk imports between checkpoints. */
    public static Settings defaults() {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("listen_addresses", "127.0.0.1");
      if (!PostgresBinaries.windows()) {
        p.put("unix_socket_directories", "");
      }
      p.put("timezone", "UTC");
      p.put("log_timezone", "UTC");
      p.put("lc_messages", "C");
      p.put("max_connections", "100");
      // A national import writes gigabytes: fewer, spread checkpoints (measured in benchmarks).
      p.put("max_wal_size", "4GB");
      p.put("checkpoint_completion_target", "0.9");
      return new Settings(p, defaultCache(), Duration.ofSeconds(120));
    }

    /** These settings with more (or other) PostgreSQL parameters. */
    public Settings with(Map<String, String> more) {
      Map<String, String> p = new LinkedHashMap<>(parameters);
      p.putAll(more);
      return new Settings(p, binariesCache, timeout);
    }

    /** The user's cache folder for unpacked binaries ({@code ~/.cache/vigie} on Linux). */
    static Path defaultCache() {
      String override = System.getProperty("vigie.postgres.cache");
      if (override != null && !override.isBlank()) {
        return Path.of(override);
      }
      String home = System.getProperty("user.home");
      String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
      if (os.startsWith("windows")) {
        String local = System.getenv("LOCALAPPDATA");
        return Path.of(local != null ? local : home, "Vigie", "cache");
      }
      if (os.startsWith("mac")) {
        return Path.of(home, "Library", "Caches", "Vigie");
      }
      String xdg = System.getenv("XDG_CACHE_HOME");
      return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache"))
          .resolve("vigie");
    }
  }

  /** Opens a lease on the folder's server with the default settings. */
  public static EmbeddedPostgres open(Path folder) {
    return open(folder, Settings.defaults());
  }

  /**
   * Opens a lease on the folder's server, creating the cluster and starting the server if
   * needed; returns once the server accepts Vigie's connections.
   *
   * @throws EmbeddedPostgresException when the server cannot be made ready (the message says
   *     why and what to do)
   */
  public static EmbeddedPostgres open(Path folder, Settings settings) {
    Path key = folder.toAbsolutePath().normalize();
    synchronized (OPEN) {
      Server server = OPEN.get(key);
      if (server == null) {
        server = Server.start(key, settings);
        OPEN.put(key, server);
      }
      server.leases++;
      return new EmbeddedPostgres(server);
    }
  }

  /** JDBC URL of Vigie's database on this server. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + server.port + "/" + DATABASE;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return server.password;
  }

  public int port() {
    return server.port;
  }

  /** The server's version, e.g. {@code 18.6}. */
  public String serverVersion() {
    return server.version;
  }

  /** The cluster's folder ({@code data/} inside the lease's folder). */
  public Path dataDirectory() {
    return server.folder.resolve("data");
  }

  /** The file that holds the password ({@code password} inside the lease's folder, 0600). */
  public Path passwordFile() {
    return server.folder.resolve("password");
  }

  /**
   * Gives the lease back; when it was the last one open on this server in any process, stops
   * the server. Idempotent; never throws (a failure to stop is logged: the next start copes with
   * a server that is still running).
   */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    synchronized (OPEN) {
      if (--server.leases > 0) {
        return;
      }
      OPEN.remove(server.folder);
      server.release();
    }
  }

  /** One folder's server as this JVM holds it. */
  private static final class Server {

    final Path folder;
    final Settings settings;
    final Postmaster postmaster;
    final String password;
    final int port;
    final String version;
    final FileChannel clients;
    final FileLock clientLock;
    int leases;

    private Server(Path folder, Settings settings, Postmaster postmaster, String password,
        int port, String version, FileChannel clients, FileLock clientLock) {
      this.folder = folder;
      this.settings = settings;
      this.postmaster = postmaster;
      this.password = password;
      this.port = port;
      this.version = version;
      this.clients = clients;
      this.clientLock = clientLock;
    }

    static Server start(Path folder, Settings settings) {
      try {
        PrivateFiles.createDirectories(folder);
        try (StartLock ignored = StartLock.acquire(folder, settings.timeout())) {
          PostgresBinaries binaries = PostgresBinaries.unpacked(settings.binariesCache());
          Path passwordFile = folder.resolve("password");
          String password = readOrCreatePassword(passwordFile);
          Postmaster postmaster = new Postmaster(binaries, folder.resolve("data"),
              folder.resolve("server.log"));
          if (!postmaster.initialised()) {
            postmaster.initdb(USER, passwordFile);
          }
          postmaster.configure(settings.parameters());
          int port = runningPort(postmaster, passwordFile, password, settings.timeout())
              .orElseGet(() -> startServer(postmaster, settings.timeout()));
          String version = prepareDatabase(port, password, postmaster);
          FileChannel clients = clientsChannel(folder);
          FileLock shared = clients.lock(0, Long.MAX_VALUE, true);
          return new Server(folder, settings, postmaster, password, port, version, clients,
              shared);
        }
      } catch (IOException e) {
        throw new EmbeddedPostgresException("cannot start the embedded PostgreSQL in " + folder
            + ": " + e.getMessage(), e);
      }
    }

    /** Stops the server if no other process holds a lease; called under {@link #OPEN}. */
    void release() {
      try (StartLock ignored = StartLock.acquire(folder, settings.timeout())) {
        clientLock.release();
        FileLock alone = clients.tryLock();
        try {
          if (alone != null) {
            Optional<PidFile> pid = postmaster.pidFile();
            if (pid.isPresent() && postmaster.isOurServer(pid.get().pid())) {
              postmaster.stop(pid.get().pid(), settings.timeout());
            }
          }
        } finally {
          if (alone != null) {
            alone.release();
          }
          clients.close();
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "could not stop the embedded PostgreSQL in "
            + folder + " (the next start will reuse or restart it): " + e.getMessage());
      }
    }

    /**
     * The port of this folder's server when one is running and answers Vigie's password; waits
     * for a server that is still starting (started by a process that died meanwhile, say).
     */
    private static Optional<Integer> runningPort(Postmaster postmaster, Path passwordFile,
        String password, Duration timeout) throws IOException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        Optional<PidFile> pid = postmaster.pidFile();
        if (pid.isEmpty() || !postmaster.isOurServer(pid.get().pid())) {
          if (postmaster.staleLockFile()) {
            postmaster.removeLockFile();
          }
          return Optional.empty();
        }
        if (pid.get().ready()) {
          try (Connection ignored = connect(pid.get().port(), "postgres", password)) {
            return Optional.of(pid.get().port());
          } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
              throw new IOException("the server running on this folder refuses the password in "
                  + passwordFile + ": was the file replaced?", e);
            }
            // not accepting connections yet (still recovering, or stopping): wait
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("the embedded PostgreSQL (process " + pid.get().pid()
              + ") has not become ready in " + timeout.toSeconds() + " s; see server.log");
        }
        sleep(200);
      }
    }

    private static int startServer(Postmaster postmaster, Duration timeout) {
      try {
        rotateLog(postmaster);
        return postmaster.start(timeout);
      } catch (IOException e) {
        String log = postmaster.logTail();
        throw new EmbeddedPostgresException("PostgreSQL did not start: " + e.getMessage()
            + (log.isEmpty() ? "" : "\n" + log), e);
      }
    }

    /** Creates Vigie's database if missing; returns the server's version. */
    private static String prepareDatabase(int port, String password, Postmaster postmaster)
        throws IOException {
      try (Connection c = connect(port, "postgres", password);
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery(
            "select 1 from pg_database where datname = '" + DATABASE + "'")) {
          if (!rs.next()) {
            s.execute("create database " + DATABASE);
          }
        }
        try (ResultSet rs = s.executeQuery("show server_version")) {
          rs.next();
          return rs.getString(1);
        }
      } catch (SQLException e) {
        throw new IOException("cannot prepare the database " + DATABASE + ": " + e.getMessage()
            + "\n" + postmaster.logTail(), e);
      }
    }

    private static Connection connect(int port, String database, String password)
        throws SQLException {
      Properties props = new Properties();
      props.setProperty("user", USER);
      props.setProperty("password", password);
      props.setProperty("connectTimeout", "10");
      props.setProperty("socketTimeout", "60");
      Connection c = new org.postgresql.Driver()
          .connect("jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
      if (c == null) {
        throw new SQLException("the PostgreSQL driver refused the URL");
      }
      return c;
    }

    private static String readOrCreatePassword(Path file) throws IOException {
      if (Files.isRegularFile(file)) {
        PrivateFiles.restrict(file, PrivateFiles.OWNER_ONLY_FILE);
        String existing = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!existing.isEmpty()) {
          return existing;
        }
      }
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Path partial = file.resolveSibling("password.partial");
      Files.deleteIfExists(partial);
      PrivateFiles.createFile(partial);
      Files.writeString(partial, password + "\n", StandardCharsets.US_ASCII);
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return password;
    }

    private static FileChannel clientsChannel(Path folder) throws IOException {
      Path file = PrivateFiles.createFile(folder.resolve("clients.lock"));
      return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static void rotateLog(Postmaster postmaster) throws IOException {
      Path log = postmaster.log();
      if (Files.isRegularFile(log) && Files.size(log) > 16L << 20) {
        Files.move(log, log.resolveSibling(log.getFileName() + ".1"),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The folder's {@code start.lock}, held while a process starts or stops the server. */
  private record StartLock(FileChannel channel, FileLock lock) implements AutoCloseable {

    static StartLock acquire(Path folder, Duration timeout) throws IOException {
      Path file = PrivateFiles.createFile(folder.resolve("start.lock"));
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        while (true) {
          FileLock lock = channel.tryLock();
          if (lock != null) {
            return new StartLock(channel, lock);
          }
          if (System.nanoTime() > deadline) {
            throw new IOException("another Vigie process has been starting or stopping the "
                + "database for " + timeout.toSeconds() + " s (" + file + ")");
          }
          sleep(50);
        }
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
