package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code vigie scan} on a generated tree, matching against a hash set imported with
 * {@code vigie hashset import}, on the embedded database of a home folder. Content is random.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ScanCommandIT {

  static Path home;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useEmbeddedHome(registry);
  }

  private static CliRun.Result vigie(String... args) {
    return CliRun.vigie(home, args);
  }

  private static String md5(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
  }

  @Test
  void findsTheKnownFileInATreeAndSummarisesByCategory(@TempDir Path work) throws Exception {
    Path tree = Files.createDirectories(work.resolve("saisie/dossier"));
    Random random = new Random(7);
    byte[] known = new byte[5000];
    random.nextBytes(known);
    Files.write(tree.resolve("connu.bin"), known);
    for (int i = 0; i < 5; i++) {
      byte[] other = new byte[100 + i];
      random.nextBytes(other);
      Files.write(tree.resolve("autre-" + i + ".bin"), other);
    }
    Path set = work.resolve("set.json");
    Files.writeString(set, """
        {"odata.metadata":"http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media",\
        "value":[{"MD5":"%s","Category":1}]}""".formatted(md5(known)), StandardCharsets.UTF_8);
    assertEquals(0, vigie("hashset", "import", set.toString(), "--format", "vics", "--name",
        "Jeu test scan", "--version", "1", "--scheme", "us").exitCode());

    Path out = work.resolve("resultats.csv");
    CliRun.Result scan = vigie("scan", work.resolve("saisie").toString(), "--out", out.toString(),
        "--threads", "2");
    assertEquals(0, scan.exitCode(), scan.out() + scan.err());
    assertTrue(scan.out().contains("6 files hashed"), scan.out());
    assertTrue(scan.out().contains("vigie-2: 1 files"), scan.out());
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(7, lines.size(), "a header and one line per file: " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.contains("connu.bin") && l.contains("Jeu test scan")),
        String.join("\n", lines));

    CliRun.Result otherSet = vigie("scan", work.resolve("saisie").toString(), "--hashsets", "Autre jeu");
    assertTrue(otherSet.out().contains("no known content"), otherSet.out());
  }

  @Test
  void hashesWithoutTheDatabaseAndNeverWritesIntoTheTree(@TempDir Path work) throws Exception {
    Path tree = Files.createDirectories(work.resolve("saisie"));
    Files.writeString(tree.resolve("a.txt"), "a");
    CliRun.Result scan = vigie("scan", tree.toString(), "--no-match");
    assertEquals(0, scan.exitCode(), scan.err());
    assertTrue(scan.out().contains("1 files hashed"), scan.out());
    CliRun.Result inside = vigie("scan", tree.toString(), "--no-match", "--out",
        tree.resolve("out.json").toString());
    assertEquals(2, inside.exitCode());
    assertTrue(inside.err().contains("outside the scanned tree"), inside.err());
    try (Stream<Path> files = Files.list(tree)) {
      assertEquals(List.of(tree.resolve("a.txt")), files.toList());
    }
  }
}
