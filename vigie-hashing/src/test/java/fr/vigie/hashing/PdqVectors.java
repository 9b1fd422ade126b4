package fr.vigie.hashing;

import fr.vigie.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** ThreatExchange's PDQ reference vectors, read from the shared reference data ({@code pdq/}). */
final class PdqVectors {

  private PdqVectors() {}

  static Path resource(String name) {
    return SharedData.path("pdq/" + name);
  }

  static Path image(String name) {
    return resource("images/" + name);
  }

  /** Returns the tab-separated fields of each non-comment line. */
  static List<String[]> tsv(String name) {
    try {
      return Files.readAllLines(resource(name)).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("\t"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the hashes of a file of one hex hash a line. */
  static List<PdqHash> hashes(String name) {
    try {
      return Files.readAllLines(resource(name)).stream()
          .filter(line -> !line.isBlank())
          .map(String::strip)
          .map(PdqHash::fromHex)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String describe(String[] row) {
    return Arrays.toString(row);
  }
}
