package fr.vigie.formats.cybertip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Reads a generated 200 MB stream of cyberTips in a child JVM limited to {@code -Xmx48m}: the
 * child runs out of memory if the reader holds the document, and prints the peak heap it used
 * (the sum over heap pools of {@link MemoryPoolMXBean#getPeakUsage()}).
 */
class BoundedMemoryTest {

  static final long BYTES = 200L * 1000 * 1000;

  @Test
  void reads200MegabytesInA48MegabyteHeap() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx48m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), BoundedMemoryTest.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
    System.out.println("BoundedMemoryTest child: " + output.strip());
    assertTrue(output.contains("rejected=0"), output);
  }

  /** Child: reads the generated stream and prints what it counted and its peak heap. */
  public static void main(String[] args) throws IOException {
    long accepted = 0;
    long rejected = 0;
    GeneratedStream in = new GeneratedStream(BYTES);
    try (CyberTipReader reader = new CyberTipReader(in, "generated.xml")) {
      while (reader.hasNext()) {
        if (reader.next() instanceof CyberTipOutcome.Accepted) {
          accepted++;
        } else {
          rejected++;
        }
      }
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("bytes=%d accepted=%d rejected=%d peakHeapMiB=%d%n", in.produced,
        accepted, rejected, peak >> 20);
    if (accepted != in.records || in.produced < BYTES) {
      System.exit(2);
    }
  }

  /** {@code <cyberTips>} followed by distinct records until at least {@code size} bytes. */
  static final class GeneratedStream extends InputStream {
    private final long size;
    private long produced;
    private long records;
    private byte[] chunk = "<cyberTips>\n".getBytes(StandardCharsets.UTF_8);
    private int pos;
    private boolean closed;

    GeneratedStream(long size) {
      this.size = size;
    }

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
      if (closed) {
        return false;
      }
      pos = 0;
      if (produced >= size) {
        closed = true;
        chunk = "</cyberTips>\n".getBytes(StandardCharsets.UTF_8);
        return true;
      }
      records++;
      String id = String.valueOf(100_000_000L + records);
      chunk = CyberTipReaderTest.tip(id, ("<personOrUserReported><personOrUserReportedPerson>"
          + "<email>user" + records + "@example.com</email><phone>0612345678</phone>"
          + "</personOrUserReportedPerson><ipCaptureEvent><ipAddress>192.0.2." + (records % 250)
          + "</ipAddress><port>443</port><dateTime>2023-01-01T00:00:00Z</dateTime>"
          + "</ipCaptureEvent></personOrUserReported>"), ("<fileDetails><reportId>" + id
          + "</reportId><fileId>f</fileId><originalFileHash hashType=\"MD5\">"
          + "d41d8cd98f00b204e9800998ecf8427e</originalFileHash></fileDetails>").repeat(3))
          .concat("\n").getBytes(StandardCharsets.UTF_8);
      return true;
    }
  }
}
