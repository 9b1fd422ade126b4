package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PdqCommandTest {

  /** expected.tsv of the PDQ reference vectors, row bridge-mods/square-128x128.jpg. */
  static final String REFERENCE =
      "d8f8f1eec0f4a84f0e37022a078f63f0b36e2ed596621e1d33e6239c4e9c9b22";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = VigieCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static Path copyVector(Path dir) throws Exception {
    Path image = dir.resolve("square-128x128.jpg");
    Files.copy(SharedData.path("pdq/images/bridge-mods/square-128x128.jpg"), image);
    return image;
  }

  @Test
  void printsHexQualityAndPathAsTheReferenceDoes(@TempDir Path dir) throws Exception {
    Path image = copyVector(dir);
    assertEquals(0, run("pdq", image.toString()));
    assertEquals(REFERENCE + " 100 " + image + System.lineSeparator(), out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void reportsUnreadableFilesOnStandardErrorAndGoesOn(@TempDir Path dir) throws Exception {
    Path image = copyVector(dir);
    byte[] bytes = Files.readAllBytes(image);
    Path truncated = Files.write(dir.resolve("truncated.jpg"),
        Arrays.copyOf(bytes, bytes.length / 3));
    Path notAnImage = Files.writeString(dir.resolve("notes.jpg"), "not an image at all");
    Path missing = dir.resolve("missing.png");

    assertEquals(1, run("pdq", truncated.toString(), missing.toString(), image.toString(),
        notAnImage.toString()));
    assertEquals(REFERENCE + " 100 " + image + System.lineSeparator(), out.toString(),
        "the good image is still hashed, and only it goes to standard output");
    String errors = err.toString();
    assertTrue(errors.contains(truncated + ": "), errors);
    assertTrue(errors.contains(missing + ": no such file"), errors);
    assertTrue(errors.contains(notAnImage + ": "), errors);
    assertEquals(3, errors.lines().count(), errors);
  }

  @Test
  void needsAtLeastOneFile() {
    assertEquals(2, run("pdq"));
  }
}
