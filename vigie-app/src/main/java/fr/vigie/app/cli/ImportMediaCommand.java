package fr.vigie.app.cli;

import fr.vigie.app.media.MediaImport;
import fr.vigie.app.media.MediaImportSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigie import media PATH...}: the content of reported files, into the encrypted store.
 *
 * <p>Exit codes: 0 every file belonged to a media row, 1 some files matched no row or could not
 * be read (the others went in), 2 usage error.
 */
@Command(name = "media", mixinStandardHelpOptions = true,
    description = {"Store the content of reported files (files, folders recursively, or zips): "
        + "each file is hashed (MD5, SHA-1, SHA-256, PDQ for images), attached to every media row "
        + "that declared one of its hashes, encrypted into $VIGIE_HOME/media and queued for "
        + "matching. Files no report declares are listed and not kept.",
        "Exit 0 when every file belonged to a media row, 1 when some did not or could not be "
            + "read, 2 on a usage error."})
final class ImportMediaCommand implements Callable<Integer> {

  /** File names printed per list in the summary. */
  static final int SHOWN = 20;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, folders or zips.")
  List<Path> paths;

  @Mixin
  HomeOption home;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path homeDir = home.resolve();
    PrintWriter out = spec.commandLine().getOut();
    Path storeRoot = homeDir.resolve("media");
    List<Path> files = inputs(storeRoot);
    long started = System.nanoTime();
    MediaImportSummary s;
    try (ConfigurableApplicationContext context = SpringLauncher.startWithoutWeb(homeDir)) {
      s = context.getBean(MediaImport.class).importFiles(files,
          AccountAdministration.operatingSystemActor(), new LongAdder());
    }
    String nl = System.lineSeparator();
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Files: %d (%d stored, %d already stored, %d matched "
        + "no media row, %d unreadable)%n", s.files(), s.stored(), s.alreadyStored(),
        s.unmatched().size(), s.unreadable().size()));
    b.append(String.format(Locale.ROOT, "Media rows with content: %d (matching queued)%n",
        s.attachedRows()));
    list(b, "unmatched ", s.unmatched(), nl);
    list(b, "hash mismatch: ", s.mismatches(), nl);
    list(b, "unreadable ", s.unreadable(), nl);
    b.append(String.format(Locale.ROOT, "%.1f s%n", (System.nanoTime() - started) / 1e9));
    out.print(b);
    out.flush();
    return s.unmatched().isEmpty() && s.unreadable().isEmpty() ? 0 : 1;
  }

  private static void list(StringBuilder b, String prefix, List<String> lines, String nl) {
    lines.stream().limit(SHOWN).forEach(l -> b.append(prefix).append(l).append(nl));
    if (lines.size() > SHOWN) {
      b.append("… and ").append(lines.size() - SHOWN).append(" more").append(nl);
    }
  }

  /**
   * The files to read, in order: the media store itself is never walked (nor written into a
   * scanned tree: the store lives in $VIGIE_HOME); a missing path is a usage error.
   */
  private List<Path> inputs(Path storeRoot) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      Path abs = p.toAbsolutePath().normalize();
      if (abs.startsWith(storeRoot)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "inside the media store, not an input: " + p);
      }
      if (Files.isDirectory(p)) {
        try (Stream<Path> tree = Files.walk(p)) {
          tree.filter(f -> !f.toAbsolutePath().normalize().startsWith(storeRoot))
              .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted()
              .forEach(files::add);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "no such file or folder: " + p);
      }
    }
    if (files.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no file in " + paths);
    }
    return files;
  }
}
