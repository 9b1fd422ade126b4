package fr.vigie.bench;

import fr.vigie.hashing.PdqDihedralResult;
import fr.vigie.hashing.PdqHasher;
import fr.vigie.hashing.PdqResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One question: how many images a second does one core hash with PDQ, on the 22 reference test
 * images (8 photos of 1600x1004, the rest 512 or smaller)?
 *
 * <p>Images are decoded once in setup, so {@code hash} and {@code hashDihedral} measure PDQ
 * alone (pre-resize, luminance, blur, DCT, bits), the figure to compare with the reference's
 * "from already-decoded files"; {@code decodeAndHash} adds the JDK's JPEG/PNG decoding, the figure
 * to compare with the reference command-line tool. Each operation is one image.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PdqHashBenchmark {

  /** ThreatExchange's PDQ images in the shared reference data; run from the repository root. */
  static final String IMAGES = System.getProperty("vigie.pdq.images", "../shared/data/pdq/images");
  static final int IMAGE_COUNT = 22;

  private final List<BufferedImage> images = new ArrayList<>();
  private final List<byte[]> encoded = new ArrayList<>();
  private final PdqHasher hasher = new PdqHasher();

  @Setup(Level.Trial)
  public void decodeImages() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of(IMAGES))) {
      files = s.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png"))
          .sorted().toList();
    }
    if (files.size() != IMAGE_COUNT) {
      throw new IllegalStateException("expected " + IMAGE_COUNT + " images under "
          + Path.of(IMAGES).toAbsolutePath() + ", found " + files.size());
    }
    for (Path file : files) {
      encoded.add(Files.readAllBytes(file));
      images.add(ImageIO.read(file.toFile()));
    }
  }

  @Benchmark
  @OperationsPerInvocation(IMAGE_COUNT)
  public void hash(Blackhole bh) {
    for (BufferedImage image : images) {
      PdqResult r = hasher.hash(image);
      bh.consume(r);
    }
  }

  @Benchmark
  @OperationsPerInvocation(IMAGE_COUNT)
  public void hashDihedral(Blackhole bh) {
    for (BufferedImage image : images) {
      PdqDihedralResult r = hasher.hashDihedral(image);
      bh.consume(r);
    }
  }

  @Benchmark
  @OperationsPerInvocation(IMAGE_COUNT)
  public void decodeAndHash(Blackhole bh) throws IOException {
    for (byte[] bytes : encoded) {
      bh.consume(hasher.hash(bytes));
    }
  }
}
