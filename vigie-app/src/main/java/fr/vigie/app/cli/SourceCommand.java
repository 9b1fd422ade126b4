package fr.vigie.app.cli;

import fr.vigie.app.intake.ReportSources;
import fr.vigie.formats.cybertip.ReportSource;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigie source …}: the sources reports are filed under. A partner that sends provider
 * documents (a bare {@code <report>}, which does not say who sent it) must be registered here
 * before its files are imported with {@code --source}: an unknown code is refused at import,
 * never created there (a typo would split one partner's reports between two sources).
 */
@Command(name = "source", mixinStandardHelpOptions = true,
    description = "List or register the sources of reports.",
    subcommands = {SourceCommand.ListSources.class, SourceCommand.Add.class})
final class SourceCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'vigie source --help'");
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the sources: code, kind, country, name; * marks those --source takes.")
  static final class ListSources implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        PrintWriter out = spec.commandLine().getOut();
        for (ReportSource s : context.getBean(ReportSources.class).all()) {
          out.println(String.format(Locale.ROOT, "%s %-32s %-14s %-2s  %s",
              ReportSources.SENDER_KINDS.contains(s.kind()) ? "*" : " ", s.code(), s.kind(),
              s.country() == null ? "" : s.country(), s.name()));
        }
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Register a source that sends reports (a platform, a partner service, a "
          + "foreign police force); on the audit record as cli:<OS user>.",
          "Exit 0 registered, 1 refused (exists already, bad name or country), 2 usage error."})
  static final class Add implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CODE",
        description = "1 to 32 of A-Z 0-9 _ - . (upper-cased), e.g. PHAROS.")
    String code;

    @Option(names = "--name", required = true, paramLabel = "NAME",
        description = "The readable name, 1 to 200 characters.")
    String name;

    @Option(names = "--kind", required = true, paramLabel = "KIND",
        description = "PLATFORM, PARTNER or FOREIGN_POLICE.")
    String kind;

    @Option(names = "--country", paramLabel = "CC",
        description = "ISO 3166-1 alpha-2 country code, e.g. FR.")
    String country;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        return switch (context.getBean(ReportSources.class).register(code, name, kind, country,
            AccountAdministration.operatingSystemActor())) {
          case ReportSources.Registration.Registered r -> {
            spec.commandLine().getOut().println("registered " + r.source().code() + " ("
                + r.source().kind() + "): " + r.source().name());
            spec.commandLine().getOut().flush();
            yield 0;
          }
          case ReportSources.Registration.Invalid i -> throw new Refused(i.reason());
        };
      }
    }
  }
}
