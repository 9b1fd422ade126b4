package fr.vigie.app.cli;

import fr.vigie.app.storage.DatabaseServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code vigie database …}: the embedded database as a whole. */
@Command(name = "database", mixinStandardHelpOptions = true,
    description = "The embedded PostgreSQL of the data folder (docs/operations.md).",
    subcommands = {DatabaseCommand.Dump.class})
final class DatabaseCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'vigie database --help'");
  }

  /**
   * {@code vigie database dump --out FILE}: the embedded database as a plain SQL script that
   * {@code psql} restores into an empty database of a PostgreSQL 15+ server, the way from the
   * embedded database to a server of one's own.
   */
  @Command(name = "dump", mixinStandardHelpOptions = true,
      description = {"Write the embedded database as a SQL script (pg_dump, plain format, no "
          + "owners or grants) that psql restores into an empty database of a PostgreSQL 15+ "
          + "server: docs/operations.md, \"Moving to a PostgreSQL server\".",
          "Needs pg_dump of PostgreSQL 18 or newer (postgresql-client-18): on the PATH, in "
          + "VIGIE_PG_DUMP, or --pg-dump. The file is created 0600: it holds personal data."})
  static final class Dump implements Callable<Integer> {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    @Mixin
    HomeOption home;

    @Option(names = "--out", required = true, paramLabel = "FILE",
        description = "The SQL script to write (must not exist).")
    Path out;

    @Option(names = "--pg-dump", paramLabel = "PATH",
        description = "The pg_dump program (default: $VIGIE_PG_DUMP, else pg_dump on the PATH).")
    String pgDump;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      String url = System.getenv("VIGIE_DB_URL");
      if (url != null && !url.isBlank()) {
        throw new Refused("VIGIE_DB_URL names a server of your own: back it up with pg_dump "
            + "against it directly (docs/operations.md, \"Backups\")");
      }
      if (Files.exists(out)) {
        throw new Refused(out + " exists already: choose another file");
      }
      String program = pgDump != null ? pgDump
          : System.getenv("VIGIE_PG_DUMP") != null ? System.getenv("VIGIE_PG_DUMP") : "pg_dump";
      try (DatabaseServer.Embedded server = DatabaseServer.Embedded.open(home.resolve())) {
        int needed = major(server.version());
        int found = pgDumpMajor(program);
        if (found < needed) {
          throw new Refused(program + " is PostgreSQL " + found + "'s, which cannot dump the "
              + "embedded PostgreSQL " + server.version() + ": install pg_dump " + needed
              + " or newer (postgresql-client-" + needed + ") and give it with --pg-dump");
        }
        createPrivate(out);
        ProcessBuilder pb = new ProcessBuilder(List.of(program, "--host=127.0.0.1",
            "--port=" + server.port(), "--username=" + server.user(),
            "--dbname=" + server.database(), "--format=plain", "--no-owner", "--no-privileges"))
            .redirectError(ProcessBuilder.Redirect.PIPE);
        // The password through the environment, never on a command line others can list.
        pb.environment().put("PGPASSWORD", server.password());
        Process p = pb.start();
        var errors = new java.io.ByteArrayOutputStream();
        Thread drain = Thread.ofVirtual().start(() -> {
          try (var err = p.getErrorStream()) {
            err.transferTo(errors);
          } catch (IOException e) {
            // pg_dump is gone; its exit code tells
          }
        });
        try (var in = new java.io.BufferedInputStream(p.getInputStream(), 1 << 16);
            var file = Files.newOutputStream(out)) {
          copyForEveryServer(in, file);
        }
        drain.join();
        if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
          Files.deleteIfExists(out);
          throw new Refused("pg_dump failed: " + errors.toString(StandardCharsets.UTF_8).strip());
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%s: the embedded PostgreSQL %s (%s), %d bytes.%n", out, server.version(),
            server.embeddedData().orElseThrow(), Files.size(out));
        w.println("Restore it into an empty database of the server with: psql -v ON_ERROR_STOP=1"
            + " --single-transaction -f " + out.getFileName() + " (docs/operations.md)");
        w.flush();
        return 0;
      }
    }

    /**
     * Copies the script, leaving out the session settings of its header that servers older than
     * the dumping {@code pg_dump} do not know ({@code transaction_timeout}, PostgreSQL 17+): a
     * restore with {@code ON_ERROR_STOP} into a PostgreSQL 15 or 16 server would stop there. The
     * data and the schema are copied byte for byte.
     */
    static void copyForEveryServer(java.io.InputStream in, java.io.OutputStream out)
        throws IOException {
      for (int line = 0; line < 64; line++) {
        byte[] bytes = readLine(in);
        if (bytes == null) {
          return;
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (!NEWER_SETTINGS.contains(text)) {
          out.write(bytes);
        }
        if (text.startsWith("CREATE") || text.startsWith("COPY")) {
          break;
        }
      }
      in.transferTo(out);
    }

    private static final java.util.Set<String> NEWER_SETTINGS =
        java.util.Set.of("SET transaction_timeout = 0;");

    /** One line with its newline, or null at the end. */
    private static byte[] readLine(java.io.InputStream in) throws IOException {
      var line = new java.io.ByteArrayOutputStream(128);
      for (int b; (b = in.read()) >= 0; ) {
        line.write(b);
        if (b == '\n') {
          return line.toByteArray();
        }
      }
      return line.size() == 0 ? null : line.toByteArray();
    }

    private static int pgDumpMajor(String program) throws IOException, InterruptedException {
      Process p;
      try {
        p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new Refused("no pg_dump (" + program + "): install PostgreSQL 18's client "
            + "programs (postgresql-client-18), or give one with --pg-dump");
      }
      String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(1, TimeUnit.MINUTES);
      Matcher m = VERSION.matcher(version);
      if (!m.find()) {
        throw new Refused(program + " --version said " + version.strip() + ": not a pg_dump");
      }
      return Integer.parseInt(m.group(1));
    }

    private static int major(String version) {
      return Integer.parseInt(version.split("\\.")[0].replaceAll("\\D.*", ""));
    }

    private static void createPrivate(Path file) throws IOException {
      if (file.toAbsolutePath().getParent().getFileSystem().supportedFileAttributeViews()
          .contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    }
  }
}
