package fr.vigie.app.cli;

import fr.vigie.hashing.PdqHasher;
import fr.vigie.hashing.PdqResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints the PDQ hash of each image: {@code HEX QUALITY PATH}, one line per image, in the order
 * given. A file that cannot be read or decoded gets a line on standard error and makes the exit
 * code 1; the others are still hashed. No database, no Spring: it answers at once.
 */
@Command(name = "pdq", mixinStandardHelpOptions = true,
    description = "Print the PDQ perceptual hash of images: HEX QUALITY PATH (quality 0-100; "
        + "below 50 the hash is not trusted for matching).")
final class PdqCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Images (JPEG, PNG, GIF, BMP).")
  List<Path> files;

  @Option(names = "--full-resolution",
      description = "Hash the full image instead of the reference's 512x512 downsample.")
  boolean fullResolution;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PdqHasher hasher = new PdqHasher(fullResolution
        ? PdqHasher.Resize.FULL_RESOLUTION : PdqHasher.Resize.REFERENCE_512);
    int exit = 0;
    for (Path file : files) {
      try {
        PdqResult result = hasher.hash(file);
        out.println(result.hash().toHex() + " " + result.quality() + " " + file);
      } catch (NoSuchFileException e) {
        err.println("vigie pdq: " + file + ": no such file");
        exit = 1;
      } catch (IOException | RuntimeException e) {
        err.println("vigie pdq: " + file + ": " + e.getMessage());
        exit = 1;
      }
    }
    out.flush();
    err.flush();
    return exit;
  }
}
