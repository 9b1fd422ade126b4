package fr.vigie.bench;

import fr.vigie.postgres.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * For benchmark scripts: joins (or starts) the embedded PostgreSQL of a Vigie data folder, prints
 * {@code PORT PASSWORD} on one line, and keeps its lease until standard input closes, so that a
 * script can run psql against the database Vigie's commands used.
 *
 * <p>{@code java -cp benchmarks.jar fr.vigie.bench.HoldEmbedded VIGIE_HOME}
 */
public final class HoldEmbedded {

  private HoldEmbedded() {}

  public static void main(String[] args) throws IOException {
    try (EmbeddedPostgres pg = EmbeddedPostgres.open(Path.of(args[0]).resolve("pg"))) {
      System.out.println(pg.port() + " " + pg.password());
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
