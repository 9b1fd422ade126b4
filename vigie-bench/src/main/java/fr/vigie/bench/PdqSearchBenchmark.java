package fr.vigie.bench;

import fr.vigie.hashing.BruteForcePdqSearch;
import fr.vigie.hashing.PdqEntries;
import fr.vigie.hashing.PdqHash;
import fr.vigie.hashing.PdqIndex;
import fr.vigie.hashing.PdqMatch;
import java.util.List;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One question: how many queries a second at distance 31 does {@link PdqIndex} answer, against a
 * scan of every hash, over N random PDQ hashes?
 *
 * <p>Half the queries are stored hashes with 0 to 30 bits flipped (a match exists), half are
 * fresh random hashes (the common case in casework: most files are not known). Each operation is
 * one query. Random hashes are the index's worst realistic case: real hash sets cluster, which
 * only adds true matches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx3g", "-XX:+UseTransparentHugePages"})
public class PdqSearchBenchmark {

  @Param({"100000", "1000000"})
  int size;

  private PdqIndex index;
  private BruteForcePdqSearch bruteForce;
  private PdqHash[] queries;
  private int next;

  @Setup(Level.Trial)
  public void build() {
    SplittableRandom random = new SplittableRandom(42);
    PdqEntries.Builder builder = PdqEntries.builder(size);
    for (int i = 0; i < size; i++) {
      builder.add(i, random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }
    PdqEntries entries = builder.build();
    index = new PdqIndex(entries);
    bruteForce = new BruteForcePdqSearch(entries);
    queries = queries(entries, random, 1024);
  }

  static PdqHash[] queries(PdqEntries entries, SplittableRandom random, int count) {
    PdqHash[] queries = new PdqHash[count];
    for (int i = 0; i < count; i++) {
      if (i % 2 == 0) {
        long[] w = words(entries.hash(random.nextInt(entries.size())));
        int flips = random.nextInt(31);
        for (int f = 0; f < flips; f++) {
          int k = random.nextInt(256);
          w[k >>> 6] ^= 1L << (k & 63);
        }
        queries[i] = new PdqHash(w[0], w[1], w[2], w[3]);
      } else {
        queries[i] = new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(),
            random.nextLong());
      }
    }
    return queries;
  }

  private static long[] words(PdqHash h) {
    return new long[] {h.w0(), h.w1(), h.w2(), h.w3()};
  }

  private PdqHash nextQuery() {
    PdqHash q = queries[next];
    next = (next + 1) & (queries.length - 1);
    return q;
  }

  @Benchmark
  public List<PdqMatch> index() {
    return index.search(nextQuery(), 31);
  }

  @Benchmark
  public List<PdqMatch> bruteForce() {
    return bruteForce.search(nextQuery(), 31);
  }
}
