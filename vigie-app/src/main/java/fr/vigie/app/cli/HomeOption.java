package fr.vigie.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --home}: where the embedded database and Vigie's files live. */
final class HomeOption {

  @Option(names = "--home", paramLabel = "DIR",
      description = "Vigie's data folder (default: $VIGIE_HOME, else ./vigie-data).")
  Path home;

  /** Returns the absolute data folder, created if missing. */
  Path resolve() throws IOException {
    Path chosen = home;
    if (chosen == null) {
      String env = System.getenv("VIGIE_HOME");
      chosen = Path.of(env == null || env.isBlank() ? "vigie-data" : env);
    }
    Path absolute = chosen.toAbsolutePath().normalize();
    Files.createDirectories(absolute);
    return absolute;
  }
}
