package fr.vigie.app.storage;

import fr.vigie.postgres.EmbeddedPostgres;
import fr.vigie.postgres.EmbeddedPostgresException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The PostgreSQL server Vigie's connections go to: the embedded one of the data folder (the
 * default), or the server {@code VIGIE_DB_URL} names (production). Closing it gives the embedded
 * server's lease back, which stops that server when no other Vigie process uses it.
 */
public sealed interface DatabaseServer extends AutoCloseable {

  String url();

  String user();

  String password();

  /** The embedded cluster's folder, or empty for a server of one's own. */
  Optional<Path> embeddedData();

  @Override
  void close();

  /** The embedded server of a data folder, in {@code $VIGIE_HOME/pg}. */
  final class Embedded implements DatabaseServer {

    private final EmbeddedPostgres lease;

    private Embedded(EmbeddedPostgres lease) {
      this.lease = lease;
    }

    /**
     * Opens (and starts, if no other process has) the embedded server of {@code home}.
     *
     * @throws EmbeddedPostgresException when it cannot, or when the folder still holds the H2
     *     database of an earlier Vigie (the message says what to do)
     */
    public static Embedded open(Path home) {
      Path h2 = home.resolve("db").resolve("vigie.mv.db");
      if (Files.exists(h2)) {
        throw new EmbeddedPostgresException(home.resolve("db") + " holds the H2 database of an "
            + "earlier Vigie, which this version no longer reads (its embedded database is now "
            + "PostgreSQL, in " + home.resolve("pg") + "): if it held only the demo, delete that "
            + "folder; otherwise keep it and see docs/operations.md, \"Leaving H2\".");
      }
      return new Embedded(EmbeddedPostgres.open(home.resolve("pg")));
    }

    @Override
    public String url() {
      return lease.jdbcUrl();
    }

    @Override
    public String user() {
      return lease.user();
    }

    @Override
    public String password() {
      return lease.password();
    }

    @Override
    public Optional<Path> embeddedData() {
      return Optional.of(lease.dataDirectory());
    }

    /** The server's version, e.g. {@code 18.6}. */
    public String version() {
      return lease.serverVersion();
    }

    public int port() {
      return lease.port();
    }

    public String database() {
      return EmbeddedPostgres.DATABASE;
    }

    @Override
    public void close() {
      lease.close();
    }

    @Override
    public String toString() {
      return "embedded PostgreSQL " + lease.serverVersion() + " in " + lease.dataDirectory();
    }
  }

  /** A server of one's own, named by its JDBC URL. */
  record External(String url, String user, String password) implements DatabaseServer {

    @Override
    public Optional<Path> embeddedData() {
      return Optional.empty();
    }

    @Override
    public void close() {
      // the server is not ours to stop
    }

    @Override
    public String toString() {
      return "PostgreSQL server " + url;
    }
  }
}
