package fr.vigie.app.cli;

import picocli.CommandLine.Option;

/** Where the web server listens. */
final class ServerOptions {

  @Option(names = "--port", paramLabel = "PORT",
      description = "TCP port (default: $VIGIE_PORT, else 8080).")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDRESS",
      description = "Address to listen on (default: $VIGIE_BIND, else 127.0.0.1).")
  String bind;
}
