package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VigieCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = VigieCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void helpListsEverySubcommand() {
    assertEquals(0, run("--help"));
    for (String command : new String[] {"audit", "demo", "pdq", "serve", "status", "version"}) {
      assertTrue(out.toString().contains("  " + command + " "), command + " in\n" + out);
    }
  }

  @Test
  void everySubcommandHasHelp() {
    for (String command : new String[] {"audit", "demo", "pdq", "serve", "status", "version"}) {
      out.getBuffer().setLength(0);
      assertEquals(0, run(command, "--help"), command);
      assertTrue(out.toString().startsWith("Usage: vigie " + command), out.toString());
    }
  }

  @Test
  void unknownOptionIsAUsageErrorWithAClearMessage() {
    assertEquals(2, run("--bogus"));
    assertTrue(err.toString().contains("Unknown option: '--bogus'"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(2, run("serve", "--port", "not-a-number"));
    assertTrue(err.toString().contains("--port"), err.toString());
  }

  @Test
  void noSubcommandIsAUsageError() {
    assertEquals(2, run());
    assertTrue(err.toString().contains("Missing subcommand"), err.toString());
  }

  @Test
  void versionNamesVigieAndTheJava() {
    assertEquals(0, run("version"));
    assertTrue(out.toString().startsWith("Vigie "), out.toString());
    assertTrue(out.toString().contains("Java " + Runtime.version().feature()), out.toString());
  }

  @Test
  void statusHidesPasswordsWrittenInTheUrl() {
    assertEquals("jdbc:postgresql://h/db?user=vigie&password=***&ssl=true",
        StatusCommand.withoutSecrets("jdbc:postgresql://h/db?user=vigie&password=s3cret&ssl=true"));
  }
}
