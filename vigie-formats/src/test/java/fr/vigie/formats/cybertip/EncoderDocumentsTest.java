package fr.vigie.formats.cybertip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documents of the third-party encoder kept in the test resources (written by
 * src/test/node/generate.mjs; CyberTipInteropIT checks they are still what it writes), read
 * without node.
 */
class EncoderDocumentsTest {

  static final Path KEPT = Path.of("src", "test", "resources", "cybertip", "encoder");

  @Test
  void readsEveryValueTheEncoderWritesIntoItsField() throws Exception {
    EncoderDocuments.checkAll(KEPT);
  }

  @Test
  void keepsACopyOfEveryBatchTheScriptWrites() throws Exception {
    try (Stream<Path> dirs = Files.walk(KEPT)) {
      List<String> batches = dirs.filter(d -> Files.isRegularFile(d.resolve("report.xml")))
          .map(d -> KEPT.relativize(d).toString().replace('\\', '/')).sorted().toList();
      assertEquals(EncoderDocuments.BATCHES.stream().sorted().toList(), batches);
    }
  }
}
