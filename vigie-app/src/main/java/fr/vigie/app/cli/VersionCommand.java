package fr.vigie.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "version", mixinStandardHelpOptions = true,
    description = "Print Vigie's version and the Java it runs on.")
final class VersionCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    for (String line : new VigieVersion().getVersion()) {
      spec.commandLine().getOut().println(line);
    }
    return 0;
  }
}
