package fr.vigie.bench;

import fr.vigie.hashing.ContentDigester;
import fr.vigie.hashing.ContentHashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One question: how much does hashing a file once for MD5, SHA-1 and SHA-256 save over the naive
 * way, three separate passes reading the file three times?
 *
 * <p>The file sits in the page cache after the first iteration, so this measures CPU and copy
 * cost, not the disk; on a cold seized drive the single pass saves two full reads more.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ContentDigestBenchmark {

  @Param({"65536", "16777216"})
  int size;

  private Path file;
  private final ContentDigester digester = new ContentDigester();
  private final byte[] buffer = new byte[1 << 20];

  @Setup(Level.Trial)
  public void writeFile() throws IOException {
    byte[] content = new byte[size];
    new Random(42).nextBytes(content);
    file = Files.createTempFile("vigie-bench", ".bin");
    Files.write(file, content);
  }

  @TearDown(Level.Trial)
  public void deleteFile() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public ContentHashes onePass() throws IOException {
    return digester.digest(file);
  }

  @Benchmark
  public byte[][] threeSeparatePasses() throws IOException, NoSuchAlgorithmException {
    return new byte[][] {pass("MD5"), pass("SHA-1"), pass("SHA-256")};
  }

  private byte[] pass(String algorithm) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance(algorithm);
    try (var in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.digest();
  }
}
