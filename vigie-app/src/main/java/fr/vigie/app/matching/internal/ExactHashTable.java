package fr.vigie.app.matching.internal;

import java.util.Arrays;

/**
 * The entries of one exact algorithm (MD5, SHA-1 or SHA-256) in flat primitive arrays: the hash
 * as 2 to 4 longs, the entry's ordinal, and an open-addressing table of ordinals probed linearly
 * from a mix of the first word. Lookup is O(1) on average; a hash listed in several sets is
 * found once per listing. No object per entry. Build with {@link #add} then {@link #seal};
 * immutable and thread-safe after that.
 */
final class ExactHashTable {

  private final int wordsPerHash;
  private final int hexLength;
  private long[] words;
  private int[] ordinals;
  private int size;
  private int[] slots;
  private int mask;

  ExactHashTable(int hexLength, int expected) {
    this.hexLength = hexLength;
    this.wordsPerHash = (hexLength + 15) / 16;
    int capacity = Math.max(16, expected);
    this.words = new long[capacity * wordsPerHash];
    this.ordinals = new int[capacity];
  }

  /** Adds a hash (lower- or upper-case hex) carried by the entry of that ordinal. */
  void add(String hex, int ordinal) {
    if (hex.length() != hexLength) {
      throw new IllegalArgumentException("expected " + hexLength + " hex digits, was '" + hex
          + "'");
    }
    if (size == ordinals.length) {
      int grown = ordinals.length + (ordinals.length >> 1) + 1;
      ordinals = Arrays.copyOf(ordinals, grown);
      words = Arrays.copyOf(words, grown * wordsPerHash);
    }
    parse(hex, words, size * wordsPerHash);
    ordinals[size++] = ordinal;
  }

  /** Trims the arrays and builds the table; call once, after the last {@link #add}. */
  void seal() {
    ordinals = Arrays.copyOf(ordinals, size);
    words = Arrays.copyOf(words, size * wordsPerHash);
    int capacity = Integer.highestOneBit(Math.max(2, size) * 2 - 1) << 1;
    slots = new int[capacity];
    mask = capacity - 1;
    for (int i = 0; i < size; i++) {
      int h = mix(words[i * wordsPerHash]) & mask;
      while (slots[h] != 0) {
        h = (h + 1) & mask;
      }
      slots[h] = i + 1;
    }
  }

  /**
   * Calls {@code found} with the ordinal of every entry carrying the hash; nothing for a
   * malformed hex value.
   */
  void lookup(String hex, java.util.function.IntConsumer found) {
    if (size == 0 || hex == null || hex.length() != hexLength) {
      return;
    }
    long[] query = new long[wordsPerHash];
    try {
      parse(hex, query, 0);
    } catch (NumberFormatException e) {
      return;
    }
    int h = mix(query[0]) & mask;
    int slot;
    while ((slot = slots[h]) != 0) {
      int i = slot - 1;
      if (Arrays.equals(words, i * wordsPerHash, (i + 1) * wordsPerHash, query, 0,
          wordsPerHash)) {
        found.accept(ordinals[i]);
      }
      h = (h + 1) & mask;
    }
  }

  int size() {
    return size;
  }

  /** Returns the bytes held by the arrays. */
  long memoryBytes() {
    return 8L * words.length + 4L * ordinals.length + (slots == null ? 0 : 4L * slots.length);
  }

  private void parse(String hex, long[] into, int at) {
    for (int w = 0; w < wordsPerHash; w++) {
      int from = w * 16;
      into[at + w] = Long.parseUnsignedLong(hex, from, Math.min(hexLength, from + 16), 16);
    }
  }

  /** Hashes are uniform, but a set may be crafted: scramble anyway (murmur3 finaliser). */
  private static int mix(long v) {
    v ^= v >>> 33;
    v *= 0xff51afd7ed558ccdL;
    v ^= v >>> 33;
    return (int) v;
  }
}
