package fr.vigie.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Bounded, seeded fuzzing of a reader of outside input: mutations of real inputs (bits flipped,
 * bytes inserted, cut, removed or repeated, hostile tokens spliced in) must each end in the
 * reader's own outcome — a value, or the exception it documents, with a reason — and within a
 * time bound, run after run the same for the same seed.
 *
 * <p>About {@link #BUDGET_MILLIS} per target ({@code -Dvigie.fuzz.millis=60000} for a longer
 * run, {@code -Dvigie.fuzz.seed=N} for other inputs); a failure names the seed of its input,
 * which {@code -Dvigie.fuzz.input=SEED} replays alone, and saves the input under
 * {@code target/fuzz-failures}. The time bound catches a reader that
 * hangs or loops; it is a ceiling far above any honest run, not a measure of speed.
 */
public final class Fuzz {

  /** The seed of a run: a fixed one, unless {@code -Dvigie.fuzz.seed} says otherwise. */
  public static final long SEED = Long.getLong("vigie.fuzz.seed", 20_241_212L);
  /** How long one target is fuzzed. */
  public static final long BUDGET_MILLIS = Long.getLong("vigie.fuzz.millis", 2_000L);
  /** The seed of the one input to replay, or null. */
  static final Long REPLAY = Long.getLong("vigie.fuzz.input");

  /** One input given to the reader under test; it returns normally or throws. */
  @FunctionalInterface
  public interface Target {
    void read(byte[] input) throws Exception;
  }

  private Fuzz() {}

  /**
   * Fuzzes {@code target} with mutations of {@code corpus}.
   *
   * @param name names the target in failures and in the saved inputs
   * @param tokens hostile pieces of the format, spliced in at random places ({@link #tokens})
   * @param own the exceptions that are the reader's own refusal (checked with their reason)
   * @param perInputMillis the bound on one input
   * @return how many inputs were tried
   */
  public static int run(String name, List<byte[]> corpus, List<byte[]> tokens,
      Predicate<Throwable> own, long perInputMillis, Target target) {
    Random seeds = new Random(SEED ^ name.hashCode());
    long end = System.nanoTime() + BUDGET_MILLIS * 1_000_000;
    int runs = 0;
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-" + name);
      t.setDaemon(true);
      return t;
    });
    try {
      while (REPLAY == null ? System.nanoTime() < end && runs < 100_000 : runs == 0) {
        long seed = REPLAY == null ? seeds.nextLong() : REPLAY;
        Random r = new Random(seed);
        byte[] input = mutate(corpus.get(r.nextInt(corpus.size())), r, tokens);
        Future<?> run = worker.submit(() -> {
          target.read(input);
          return null;
        });
        try {
          run.get(perInputMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (!own.test(cause) || cause.getMessage() == null || cause.getMessage().isBlank()) {
            failed(name, seed, input, cause);
          }
        } catch (TimeoutException e) {
          run.cancel(true);
          failed(name, seed, input, new AssertionError("no outcome after " + perInputMillis
              + " ms"));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(name + ": interrupted", e);
        }
        runs++;
      }
    } finally {
      worker.shutdownNow();
    }
    assertTrue(REPLAY != null || runs >= 20, name + ": only " + runs + " inputs in "
        + BUDGET_MILLIS + " ms");
    return runs;
  }

  /** One to four random edits of {@code base}. */
  public static byte[] mutate(byte[] base, Random r, List<byte[]> tokens) {
    byte[] b = base;
    for (int edits = 1 + r.nextInt(4); edits > 0; edits--) {
      int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      switch (r.nextInt(tokens.isEmpty() ? 6 : 7)) {
        case 0 -> { // flip one bit
          if (b.length > 0) {
            b = b.clone();
            b[Math.min(at, b.length - 1)] ^= (byte) (1 << r.nextInt(8));
          }
        }
        case 1 -> b = splice(b, at, 0, randomBytes(r, 1 + r.nextInt(16)));
        case 2 -> b = splice(b, at, Math.min(b.length - at, r.nextInt(64)), new byte[0]);
        case 3 -> b = Arrays.copyOf(b, at); // cut short
        case 4 -> { // a piece repeated
          int from = b.length == 0 ? 0 : r.nextInt(b.length);
          int len = Math.min(b.length - from, 1 + r.nextInt(256));
          b = splice(b, at, 0, Arrays.copyOfRange(b, from, from + len));
        }
        case 5 -> b = splice(b, at, Math.min(b.length - at, 1 + r.nextInt(8)),
            randomBytes(r, 1 + r.nextInt(8)));
        default -> b = splice(b, at, 0, tokens.get(r.nextInt(tokens.size())));
      }
    }
    return b;
  }

  /** Text tokens, as their UTF-8 bytes. */
  public static List<byte[]> tokens(String... texts) {
    return java.util.Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  private static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }

  private static void failed(String name, long seed, byte[] input, Throwable e) {
    Path saved = Path.of("target", "fuzz-failures", name + "-" + seed);
    try {
      Files.createDirectories(saved.getParent());
      Files.write(saved, input);
    } catch (IOException io) {
      e.addSuppressed(io);
    }
    fail(name + ": the input of seed " + seed + " (saved as " + saved + ", replay with "
        + "-Dvigie.fuzz.input=" + seed + ") ended in " + e, e);
  }
}
