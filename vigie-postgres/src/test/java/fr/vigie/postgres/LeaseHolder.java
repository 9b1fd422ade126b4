package fr.vigie.postgres;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

/**
 * A second process for the tests: opens a lease on the folder given, prints
 * {@code READY <port>}, then obeys its standard input: {@code query} runs a query on the server
 * and prints {@code OK <n>}, {@code exit} closes the lease and exits. A test may also kill it.
 */
public final class LeaseHolder {

  public static void main(String[] args) throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.open(Path.of(args[0]))) {
      System.out.println("READY " + pg.port());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.equals("exit")) {
          break;
        }
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
            ResultSet rs = c.createStatement().executeQuery("select count(*) from pg_database")) {
          rs.next();
          System.out.println("OK " + rs.getLong(1));
        } catch (Exception e) {
          System.out.println("FAILED " + e.getMessage());
        }
        System.out.flush();
      }
    }
    System.out.println("CLOSED");
    System.out.flush();
  }
}
