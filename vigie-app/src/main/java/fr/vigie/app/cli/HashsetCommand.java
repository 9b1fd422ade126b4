package fr.vigie.app.cli;

import fr.vigie.app.matching.HashSetDraft;
import fr.vigie.app.matching.HashSetFiles;
import fr.vigie.app.matching.HashSetImport;
import fr.vigie.app.matching.HashSetSummary;
import fr.vigie.app.matching.HashSets;
import fr.vigie.app.matching.ImportOutcome;
import fr.vigie.formats.hashsets.CategoryScheme;
import fr.vigie.formats.hashsets.HashCsvReader;
import fr.vigie.formats.hashsets.HashRecord;
import fr.vigie.formats.hashsets.HashRecordReader;
import fr.vigie.formats.hashsets.NsrlRdsReader;
import fr.vigie.formats.hashsets.NsrlRdsV3Reader;
import fr.vigie.formats.hashsets.VicsReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
 * {@code vigie hashset …}: import, list and retire hash sets. Every change is on the audit record
 * as {@code cli:<OS user>}. Works while a server runs on the embedded database; the server's index
 * picks the change up within {@code vigie.matching.refresh-interval}.
 */
@Command(name = "hashset", mixinStandardHelpOptions = true,
    description = "Import, list and retire hash sets; each change is recorded in the audit log.",
    subcommands = {HashsetCommand.Import.class, HashsetCommand.ListSets.class,
        HashsetCommand.Remove.class})
final class HashsetCommand implements Runnable {

  /** Rejections printed one by one; the rest are counted. */
  static final int REJECTS_SHOWN = 20;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'vigie hashset --help'");
  }

  enum Format { VICS, CSV, NSRL }

  // No standard help mixin here: its --version would clash with the set's --version.
  @Command(name = "import",
      description = {"Import a hash set. A newer version of the same name replaces the active "
          + "one (retired, its matches inactive, history kept); the same version again changes "
          + "nothing.", "Exit 0 when every entry went in, 1 when some were rejected (the others "
          + "are imported) or nothing could be imported, 2 on a usage error."})
  static final class Import implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--format", required = true, paramLabel = "vics|csv|nsrl",
        converter = FormatConverter.class,
        description = "vics: Project VIC JSON 1.x/2.0; csv: header with md5, sha1, sha256, pdq, "
            + "category, series; nsrl: NSRL RDS v3 SQLite .db, or v2 NSRLFile.txt or its zip "
            + "(known files, only exclude; v3 told by the SQLite header).")
    Format format;

    @Option(names = "--name", required = true, paramLabel = "NAME")
    String name;

    @Option(names = "--version", paramLabel = "V",
        description = "The publisher's version (default: today's date, UTC).")
    String version;

    @Option(names = "--authority", paramLabel = "A",
        description = "Who publishes the set (default: Project VIC, NIST NSRL, or unspecified).")
    String authority;

    @Option(names = "--legal-basis", paramLabel = "L",
        description = "The legal basis for holding and using the set.")
    String legalBasis;

    @Option(names = "--scheme", paramLabel = "us|dhs|caid|vigie",
        description = "How the set's categories read (required for vics and csv, never "
            + "guessed): Project VIC US, the older DHS scheme, UK CAID A/B/C, or Vigie's 0-3.")
    String scheme;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      CategoryScheme categories = categoryScheme();
      if (name.isBlank() || name.length() > 200) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--name must be 1-200 characters");
      }
      String v = version == null || version.isBlank()
          ? LocalDate.now(ZoneOffset.UTC).toString() : version.strip();
      if (v.length() > 64) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--version must be at most 64 characters");
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Read read = read(categories, err);
      if (read.entries().isEmpty()) {
        throw new Refused("no entry could be imported from " + file + " (" + read.rejected()
            + " rejected, " + read.skipped() + " skipped): nothing was changed");
      }
      HashSetDraft draft = new HashSetDraft(name.strip(), v, format.name(),
          format == Format.NSRL ? "KNOWN_GOOD" : "NOTABLE", authority(), null,
          legalBasis == null || legalBasis.isBlank() ? null : legalBasis.strip(),
          read.entries());
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        ImportOutcome outcome = context.getBean(HashSets.class).importVersion(
            new HashSetImport(draft, categories == null ? null : categories.name(),
                read.rejected(), read.skipped()),
            AccountAdministration.operatingSystemActor());
        switch (outcome) {
          case ImportOutcome.Unchanged u -> {
            out.println(draft.name() + " " + v + " is already known (" + u.status()
                + "): nothing was changed");
            out.flush();
            return 0;
          }
          case ImportOutcome.Older o -> throw new Refused("the active version of " + draft.name()
              + " is " + o.activeVersion() + ", newer than " + v + ": nothing was changed");
          case ImportOutcome.Imported i -> {
            out.println("imported " + draft.name() + " " + v + ": " + draft.entries().size()
                + " hashes, " + read.rejected() + " rejected, " + read.skipped() + " skipped"
                + (read.duplicates() == 0 ? "" : ", " + read.duplicates() + " duplicates merged")
                + (i.retiredVersions().isEmpty() ? ""
                    : "; retired " + String.join(", ", i.retiredVersions())));
            out.flush();
            return read.rejected() == 0 ? 0 : 1;
          }
        }
      }
    }

    private CategoryScheme categoryScheme() {
      if (format == Format.NSRL) {
        if (scheme != null) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--scheme does not apply to nsrl: known files have no category");
        }
        return null;
      }
      if (scheme == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--scheme is required for "
            + format.name().toLowerCase(Locale.ROOT) + ": us, dhs, caid or vigie (never guessed)");
      }
      try {
        return CategoryScheme.of(scheme);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "unknown scheme '" + scheme + "': us, dhs, caid or vigie");
      }
    }

    private String authority() {
      if (authority != null && !authority.isBlank()) {
        return authority.strip();
      }
      return switch (format) {
        case VICS -> "Project VIC";
        case NSRL -> "NIST NSRL";
        case CSV -> "unspecified";
      };
    }

    record Read(List<HashSetDraft.Entry> entries, long rejected, long skipped,
        long duplicates) {}

    /** Reads the whole file, printing warnings and the first rejections on {@code err}. */
    private Read read(CategoryScheme categories, PrintWriter err) throws IOException {
      HashSetFiles.Read read;
      long[] shown = {0};
      try (HashRecordReader reader = open()) {
        rows = reader instanceof NsrlRdsV3Reader;
        read = HashSetFiles.read(reader, categories, new HashSetFiles.Notes() {
          @Override
          public void rejected(long position, String reason) {
            if (++shown[0] <= REJECTS_SHOWN) {
              err.println("rejected " + where(position) + ": " + reason);
            }
          }

          @Override
          public void skipped(long position, String reason) {
            err.println("warning: skipped " + where(position) + ": " + reason);
          }
        });
      } catch (NoSuchFileException e) {
        throw new Refused("no such file: " + file);
      }
      if (read.rejected() > REJECTS_SHOWN) {
        err.println("… and " + (read.rejected() - REJECTS_SHOWN) + " more rejected");
      }
      err.flush();
      return new Read(read.entries(), read.rejected(), read.skipped(), read.duplicates());
    }

    /** NSRL RDS v3 positions are rows of its FILE view, not lines. */
    private boolean rows;

    private String where(long position) {
      return format == Format.VICS ? "Media #" + position
          : (rows ? "row " : "line ") + position;
    }

    private HashRecordReader open() throws IOException {
      if (format == Format.NSRL) {
        try {
          return NsrlRdsReader.open(file);
        } catch (NoSuchFileException e) {
          throw e;
        } catch (IOException e) {
          // The v3 reader's messages already start with the file.
          String reason = String.valueOf(e.getMessage());
          throw new Refused(reason.startsWith(file.toString()) ? reason : file + ": " + reason);
        }
      }
      InputStream in = Files.newInputStream(file);
      try {
        return switch (format) {
          case VICS -> new VicsReader(in);
          case CSV -> new HashCsvReader(new InputStreamReader(in, StandardCharsets.UTF_8));
          case NSRL -> throw new IllegalStateException("handled above");
        };
      } catch (IOException e) {
        in.close();
        throw new Refused(file + ": " + e.getMessage());
      }
    }
  }

  /** Reads a format whatever its case; an unknown one is a usage error. */
  static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("unknown format '" + value
            + "': vics, csv or nsrl");
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the hash sets: name, version, kind, authority, entries per category "
          + "(0 not pertinent, 1 to review, 2 abuse, 3 most severe) and status.")
  static final class ListSets implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        PrintWriter out = spec.commandLine().getOut();
        lines(context.getBean(HashSets.class).list()).forEach(out::println);
        out.flush();
        return 0;
      }
    }

    static List<String> lines(List<HashSetSummary> sets) {
      List<String> lines = new ArrayList<>();
      String format = "%-30s %-12s %-10s %-24s %9s %9s %9s %9s %s";
      lines.add(String.format(Locale.ROOT, format, "NAME", "VERSION", "KIND", "AUTHORITY",
          "CAT0", "CAT1", "CAT2", "CAT3", "STATUS"));
      for (HashSetSummary s : sets) {
        lines.add(String.format(Locale.ROOT, format, s.name(), s.version(), s.kind(),
            s.authority(), s.entriesIn(0), s.entriesIn(1), s.entriesIn(2), s.entriesIn(3),
            s.status()));
      }
      return lines;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Retire the active version of a set: it no longer matches, its matches go "
          + "inactive, its history stays.")
  static final class Remove implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin
    HomeOption home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext context =
               SpringLauncher.startWithoutWeb(home.resolve())) {
        List<String> retired = context.getBean(HashSets.class).retire(name,
            AccountAdministration.operatingSystemActor());
        if (retired.isEmpty()) {
          throw new Refused("no active hash set named " + name
              + " (vigie hashset list shows the sets)");
        }
        spec.commandLine().getOut().println("retired " + name + " " + String.join(", ", retired));
        spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }
}
