package fr.vigie.app.cli;

import fr.vigie.app.statistics.Dashboard;
import fr.vigie.app.statistics.DashboardFigures;
import fr.vigie.app.storage.DatabaseServer;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Shows which database Vigie uses (engine, version, where its data lives), its schema version
 * and what it holds. Works while a server runs on the same embedded database: both use the one
 * embedded PostgreSQL of the data folder.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the database in use, its schema version and what it holds.")
final class StatusCommand implements Callable<Integer> {

  @Mixin
  HomeOption home;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (ConfigurableApplicationContext context = SpringLauncher.startWithoutWeb(home.resolve())) {
      PrintWriter out = spec.commandLine().getOut();
      Flyway flyway = context.getBean(Flyway.class);
      var current = flyway.info().current();
      DashboardFigures figures = context.getBean(Dashboard.class).figures();
      DatabaseServer server = context.getBean(DatabaseServer.class);
      String version;
      try (Connection c = context.getBean(DataSource.class).getConnection()) {
        version = c.getMetaData().getDatabaseProductName() + " "
            + c.getMetaData().getDatabaseProductVersion();
      }
      out.println("database:        " + version + server.embeddedData()
          .map(data -> ", embedded, data in " + data).orElse(", server"));
      out.println("connection:      " + withoutSecrets(server.url()) + " (user " + server.user()
          + server.embeddedData().map(data -> ", password in "
              + data.resolveSibling("password")).orElse("") + ")");
      out.println("schema version:  " + (current == null ? "none" : current.getVersion()));
      out.println("reports:         " + figures.intake().reports());
      out.println("identifiers:     " + figures.intake().identifiers());
      out.println("ip events:       " + figures.intake().ipEvents());
      out.println("media:           " + figures.intake().media());
      out.println("hash sets:       " + figures.hashSets().activeSets()
          + " (" + figures.hashSets().activeEntries() + " entries)");
      out.println("units:           " + figures.units());
      out.println("départements:    " + figures.departements());
      out.println("users:           " + figures.users());
      out.flush();
      return 0;
    }
  }

  /** Drops a password written into a JDBC URL's parameters. */
  static String withoutSecrets(String url) {
    return url == null ? "" : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
