package fr.vigie.formats.cybertip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the third-party encoder ({@code @civitai/cybertipline-tools} 0.1.0, through
 * src/test/node/generate.mjs) and reads every document it writes: each value must land in its
 * field ({@link EncoderDocuments}), and the copies kept for the unit tests must be byte for byte
 * what it writes. Needs node and {@code npm ci} run in src/test/node; without them it is
 * skipped, unless VIGIE_TEST_STRICT=1 (CI), where it fails.
 */
class CyberTipInteropIT {

  static final Path SCRIPT_DIR = Path.of("src", "test", "node");
  static final String INSTALL = "node (Debian: apt-get install nodejs npm) and the encoder: "
      + "npm ci --prefix vigie-formats/src/test/node";

  @TempDir
  Path out;

  @Test
  void readsEveryDocumentTheEncoderWrites() throws Exception {
    String missing = missing();
    if (missing != null) {
      if ("1".equals(System.getenv("VIGIE_TEST_STRICT"))) {
        fail(missing + " (VIGIE_TEST_STRICT=1): install " + INSTALL);
      }
      Assumptions.abort(missing + ": skipped; install " + INSTALL);
    }
    Process node = new ProcessBuilder("node", "generate.mjs", out.toAbsolutePath().toString())
        .directory(SCRIPT_DIR.toFile()).redirectErrorStream(true).start();
    String log = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node generate.mjs did not end in 60 s");
    assertEquals(0, node.exitValue(), log);

    EncoderDocuments.checkAll(out);

    List<Path> written = files(out);
    assertEquals(files(EncoderDocumentsTest.KEPT).stream().map(Path::toString).toList(),
        written.stream().map(Path::toString).toList(), "the kept copies are every document");
    for (Path p : written) {
      assertArrayEquals(Files.readAllBytes(out.resolve(p)),
          Files.readAllBytes(EncoderDocumentsTest.KEPT.resolve(p)),
          () -> "src/test/resources/cybertip/encoder/" + p + " is not what the encoder writes now");
    }
  }

  /** Why the encoder cannot run here, or null. */
  private static String missing() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "node does not run";
      }
    } catch (IOException e) {
      return "node is not installed";
    }
    Path pkg = SCRIPT_DIR.resolve("node_modules/@civitai/cybertipline-tools/package.json");
    try {
      if (!Files.readString(pkg).contains("\"version\": \"0.1.0\"")) {
        return "@civitai/cybertipline-tools in src/test/node is not version 0.1.0";
      }
    } catch (IOException e) {
      return "@civitai/cybertipline-tools is not installed in src/test/node";
    }
    return null;
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
