package fr.vigie.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reference data that comes from other projects (MaxMind's GeoIP test databases, ThreatExchange's
 * PDQ images and hashes, the vPDQ samples, France's départements), kept with its licences and
 * provenance in {@code ../shared/data} beside the checkout and never copied into it.
 *
 * <p>The folder is found once: {@code VIGIE_SHARED_DATA} when set, else {@value #BESIDE_CHECKOUT}
 * from the repository's root (the working directory, or the
 * parent whose {@code pom.xml} is the build's root). When it is absent the tests that need it are skipped with one line, or fail
 * under {@code VIGIE_TEST_STRICT=1}.
 */
public final class SharedData {

  /** Where the reference data lives, relative to the repository's root. */
  public static final String BESIDE_CHECKOUT = "../shared/data";

  public static final String VARIABLE = "VIGIE_SHARED_DATA";

  private static final Optional<Path> FOLDER = locate();

  private SharedData() {}

  /**
   * Returns a file or folder of the reference data, e.g. {@code path("pdq/expected.tsv")}; skips
   * the test (fails it when strict) when the reference data is not there at all, and fails it
   * when the data is there but lacks this entry (a wrong name is a bug, not a missing download).
   */
  public static Path path(String relative) {
    Strictness.require(FOLDER.isPresent(), "the reference data of other projects is not at "
        + BESIDE_CHECKOUT + " beside the checkout (or " + VARIABLE + "): it holds the GeoIP, "
        + "PDQ and vPDQ test files that the project does not copy");
    Path path = FOLDER.get().resolve(relative);
    if (!Files.exists(path)) {
      fail("no " + relative + " in the reference data at " + FOLDER.get());
    }
    return path;
  }

  /** The folder, when there is one. */
  public static Optional<Path> folder() {
    return FOLDER;
  }

  private static Optional<Path> locate() {
    String override = System.getenv(VARIABLE);
    if (override != null && !override.isBlank()) {
      Path folder = Path.of(override).toAbsolutePath().normalize();
      return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }
    Path root = Path.of("").toAbsolutePath();
    while (root.getParent() != null && Files.isRegularFile(root.getParent().resolve("pom.xml"))) {
      root = root.getParent();
    }
    Path folder = root.resolve(BESIDE_CHECKOUT).normalize();
    return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
  }
}
