package fr.vigie.app.cli;

import fr.vigie.app.VigieApplication;
import fr.vigie.app.storage.DatabaseServer;
import fr.vigie.app.storage.OpenedEmbeddedServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/** Starts the Spring application for a command, with the command's settings. */
final class SpringLauncher {

  private SpringLauncher() {}

  /** Starts Vigie without a web server (for commands that only need the database). */
  static ConfigurableApplicationContext startWithoutWeb(Path home) {
    Map<String, Object> properties = baseProperties(home);
    // A one-shot command leaves the queued work to the server's worker.
    properties.put("vigie.jobs.worker-enabled", "false");
    // Nor does it probe the watchlist: that is the server's sensor (vigie.p2p.sensor-enabled).
    properties.put("vigie.p2p.sensor-enabled", "false");
    // Its standard output is its answer (a summary, --json for scripts): the application's
    // informational log lines, which Spring writes there too, would get in the way.
    properties.put("logging.level.fr.vigie", "WARN");
    return run(new SpringApplicationBuilder(VigieApplication.class)
        .web(WebApplicationType.NONE)
        .logStartupInfo(false), home, properties);
  }

  /** Starts the web server and returns once it listens. */
  static ConfigurableApplicationContext startServer(Path home, ServerOptions server,
      Map<String, Object> extra) {
    Map<String, Object> properties = baseProperties(home);
    if (server.port != null) {
      properties.put("server.port", server.port);
    }
    if (server.bind != null) {
      properties.put("server.address", server.bind);
    }
    properties.putAll(extra);
    return run(new SpringApplicationBuilder(VigieApplication.class)
        .web(WebApplicationType.SERVLET)
        .logStartupInfo(false), home, properties);
  }

  /**
   * Runs the application. Without {@code VIGIE_DB_URL}, the data folder's embedded PostgreSQL is
   * opened first, here, so that a failure to start it is one line on the terminal; the
   * application then owns it and gives it back when it closes.
   */
  private static ConfigurableApplicationContext run(SpringApplicationBuilder builder, Path home,
      Map<String, Object> properties) {
    String url = System.getenv("VIGIE_DB_URL");
    if (url != null && !url.isBlank()) {
      return builder.run(asArguments(properties));
    }
    DatabaseServer.Embedded server = DatabaseServer.Embedded.open(home);
    try {
      return builder.initializers(context -> context.getBeanFactory()
          .registerSingleton("openedEmbeddedServer", new OpenedEmbeddedServer(server)))
          .run(asArguments(properties));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Returns the URL the server answers on. */
  static String url(ConfigurableApplicationContext context) {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    String address = context.getEnvironment().getProperty("server.address", "127.0.0.1");
    String host = address.contains(":") ? "[" + address + "]" : address;
    boolean tls = context.getEnvironment().getProperty("server.ssl.enabled", Boolean.class, false)
        && context.getEnvironment().containsProperty("server.ssl.key-store");
    return (tls ? "https://" : "http://") + host + ":" + port + "/";
  }

  /** Blocks until the application is closed (Ctrl-C runs Spring's shutdown hook). */
  static void awaitClose(ConfigurableApplicationContext context) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    context.addApplicationListener(event -> {
      if (event instanceof ContextClosedEvent) {
        closed.countDown();
      }
    });
    if (context.isActive()) {
      closed.await();
    }
  }

  /**
   * Returns the settings as Spring command-line arguments, which take precedence over
   * application.yml and the environment (default properties would not).
   */
  private static String[] asArguments(Map<String, Object> properties) {
    return properties.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }

  private static Map<String, Object> baseProperties(Path home) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("vigie.home", home.toString());
    return properties;
  }
}
