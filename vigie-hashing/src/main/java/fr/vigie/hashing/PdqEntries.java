package fr.vigie.hashing;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable list of PDQ hashes with the caller's {@code long} ids, stored in primitive arrays.
 *
 * <p>Each entry costs 40 bytes (four longs of hash, one of id) and no object, so ten million
 * entries take 400 MB instead of the 1.3 GB of {@code PdqHash} records with boxed ids. The hash
 * words of an entry are adjacent (array of structures), and start {@link #PAD} longs into the
 * array so that, in an array whose header starts a 64-byte line (large arrays start a heap
 * region), no entry straddles two cache lines: checking an index candidate is one memory access,
 * where four separate word arrays would be four. Several searches ({@link PdqIndex},
 * {@link BruteForcePdqSearch}) can share one instance.
 */
public final class PdqEntries {

  /** Longs before entry 0: with the 16-byte array header, entries start on 32-byte bounds. */
  static final int PAD = 2;

  final long[] ids;
  /** Entry i's words w0..w3 at PAD+4i .. PAD+4i+3. */
  final long[] words;
  private final int size;

  private PdqEntries(long[] ids, long[] words, int size) {
    this.ids = ids;
    this.words = words;
    this.size = size;
  }

  /** Returns a builder sized for about {@code expectedSize} entries. */
  public static Builder builder(int expectedSize) {
    return new Builder(expectedSize);
  }

  /** Returns the number of entries. */
  public int size() {
    return size;
  }

  /** Returns the id of entry {@code i}. */
  public long id(int i) {
    Objects.checkIndex(i, size);
    return ids[i];
  }

  /** Returns the hash of entry {@code i}. */
  public PdqHash hash(int i) {
    Objects.checkIndex(i, size);
    int b = PAD + 4 * i;
    return new PdqHash(words[b], words[b + 1], words[b + 2], words[b + 3]);
  }

  /** Returns the heap bytes of the arrays. */
  public long memoryBytes() {
    return 8L * ids.length + 8L * words.length;
  }

  /** Hamming distance between entry {@code i} and the query words. */
  int distance(int i, long q0, long q1, long q2, long q3) {
    int b = PAD + (i << 2);
    return Long.bitCount(words[b] ^ q0) + Long.bitCount(words[b + 1] ^ q1)
        + Long.bitCount(words[b + 2] ^ q2) + Long.bitCount(words[b + 3] ^ q3);
  }

  /** Collects entries; not thread-safe. */
  public static final class Builder {
    private long[] ids;
    private long[] words;
    private int size;

    private Builder(int expectedSize) {
      if (expectedSize < 0) {
        throw new IllegalArgumentException("expectedSize must be >= 0, was " + expectedSize);
      }
      ids = new long[Math.max(expectedSize, 16)];
      words = new long[PAD + 4 * ids.length];
    }

    /** Adds an entry; ids need not be unique. */
    public Builder add(long id, PdqHash hash) {
      return add(id, hash.w0(), hash.w1(), hash.w2(), hash.w3());
    }

    /** Adds an entry from its four words, w0 most significant, without creating a record. */
    public Builder add(long id, long w0, long w1, long w2, long w3) {
      if (size == ids.length) {
        // Arrays are indexed by int and words holds four per entry.
        int capacity = (int) Math.min((long) size + (size >> 1) + 16, Integer.MAX_VALUE / 4 - 8);
        if (capacity <= size) {
          throw new IllegalStateException("too many entries: " + size);
        }
        ids = Arrays.copyOf(ids, capacity);
        words = Arrays.copyOf(words, PAD + 4 * capacity);
      }
      ids[size] = id;
      int b = PAD + 4 * size;
      words[b] = w0;
      words[b + 1] = w1;
      words[b + 2] = w2;
      words[b + 3] = w3;
      size++;
      return this;
    }

    /** Returns the entries added so far; the builder must not be used afterwards. */
    public PdqEntries build() {
      long[] i = ids.length == size ? ids : Arrays.copyOf(ids, size);
      long[] w = words.length == PAD + 4 * size ? words : Arrays.copyOf(words, PAD + 4 * size);
      ids = null;
      words = null;
      return new PdqEntries(i, w, size);
    }
  }
}
