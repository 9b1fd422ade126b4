package fr.vigie.formats.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.formats.cybertip.CyberTipOutcome;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Reads a generated 30 MB JSON Lines stream — records, then one 12 MB line without a line
 * break, then records again — in a child JVM limited to {@code -Xmx32m}: the child runs out of
 * memory if the reader holds more than the current line (up to the 4 MiB line limit).
 */
class JsonLinesBoundedMemoryTest {

  static final long BYTES = 30L * 1000 * 1000;
  static final long HUGE_LINE = 12L * 1000 * 1000;

  @Test
  void reads30MegabytesWithA12MegabyteLineInA32MegabyteHeap() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        JsonLinesBoundedMemoryTest.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
    System.out.println("JsonLinesBoundedMemoryTest child: " + output.strip());
    assertTrue(output.contains("rejected=1 "), output);
  }

  /** Child: reads the generated stream and prints what it counted. */
  public static void main(String[] args) throws Exception {
    Generated in = new Generated();
    long accepted = 0;
    long rejected = 0;
    try (VigieJsonLinesReader reader = new VigieJsonLinesReader(in, "generated.jsonl")) {
      while (reader.hasNext()) {
        if (reader.next() instanceof CyberTipOutcome.Accepted) {
          accepted++;
        } else {
          rejected++;
        }
      }
    }
    System.out.printf("bytes=%d accepted=%d rejected=%d %n", in.produced, accepted, rejected);
    if (accepted != in.records || in.produced < BYTES) {
      System.exit(2);
    }
  }

  /** Distinct records, with one huge line half-way. */
  static final class Generated extends InputStream {
    private long produced;
    private long records;
    private long hugeLeft = -1;
    private byte[] chunk = new byte[0];
    private int pos;

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == chunk.length && !refill()) {
        return -1;
      }
      int n = Math.min(len, chunk.length - pos);
      System.arraycopy(chunk, pos, b, off, n);
      pos += n;
      produced += n;
      return n;
    }

    private boolean refill() {
      pos = 0;
      if (hugeLeft > 0) {
        int n = (int) Math.min(hugeLeft, 1 << 16);
        hugeLeft -= n;
        chunk = "x".repeat(n).getBytes(StandardCharsets.US_ASCII);
        if (hugeLeft == 0) {
          chunk = (new String(chunk, StandardCharsets.US_ASCII) + "\"}\n")
              .getBytes(StandardCharsets.US_ASCII);
        }
        return true;
      }
      if (produced >= BYTES) {
        return false;
      }
      if (hugeLeft < 0 && produced >= BYTES / 3) {
        hugeLeft = HUGE_LINE;
        chunk = "{\"reportId\":\"huge\",\"platform\":\"".getBytes(StandardCharsets.US_ASCII);
        return true;
      }
      records++;
      chunk = (VigieJsonLinesReaderTest.rec("R" + records, ",\"reportedPersons\":[{\"emails\":"
          + "[\"user" + records + "@example.com\"],\"ipEvents\":[{\"ip\":\"192.0.2."
          + (records % 250) + "\",\"port\":443,\"time\":\"2023-01-01T00:00:00Z\"}]}],"
          + "\"files\":[{\"md5\":\"d41d8cd98f00b204e9800998ecf8427e\"}]") + "\n")
          .getBytes(StandardCharsets.UTF_8);
      return true;
    }
  }
}
