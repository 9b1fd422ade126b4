package fr.vigie.app.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs the real {@code vigie} command line in-process on a home folder, as the ITs need it. */
final class CliRun {

  /** What a run printed (stripped) and its exit code. */
  record Result(int exitCode, String out, String err) {}

  private CliRun() {}

  /** Runs {@code vigie ARGS --home HOME}. */
  static Result vigie(Path home, String... args) {
    return vigieWithInput(home, "", args);
  }

  /** Runs {@code vigie ARGS --home HOME} with {@code stdin} as standard input. */
  static Result vigieWithInput(Path home, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = VigieCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] withHome = Stream.concat(Stream.of(args), Stream.of("--home", home.toString()))
        .toArray(String[]::new);
    InputStream realIn = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return new Result(cli.execute(withHome), out.toString().strip(), err.toString().strip());
    } finally {
      System.setIn(realIn);
    }
  }
}
