package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code vigie user} without a database: help and usage errors answer at once. */
class UserCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = VigieCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void isListedAndListsItsSubcommands() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("  user "), out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("user", "--help"));
    for (String sub : new String[] {"add", "list", "enable", "disable", "reset-totp", "token"}) {
      assertTrue(out.toString().contains("  " + sub + " "), sub + " in\n" + out);
    }
  }

  @Test
  void withoutASubcommandIsAUsageError() {
    assertEquals(2, run("user"));
    assertTrue(err.toString().contains("Missing subcommand: try 'vigie user --help'"),
        err.toString());
  }
}
