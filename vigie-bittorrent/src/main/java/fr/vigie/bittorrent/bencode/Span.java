package fr.vigie.bittorrent.bencode;

import java.util.Arrays;

/**
 * Where a value sits in the input it was decoded from: bytes {@code [start, end)} of {@code
 * source}. The source array is shared, never copied, and must not be changed after decoding.
 */
public record Span(byte[] source, int start, int end) {

  public Span {
    if (start < 0 || end < start || end > source.length) {
      throw new IllegalArgumentException("span [" + start + ", " + end + ") outside " + source.length + " bytes");
    }
  }

  /** A copy of the raw bytes of the value, exactly as they were received. */
  public byte[] bytes() {
    return Arrays.copyOfRange(source, start, end);
  }

  public int length() {
    return end - start;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Span s && Arrays.equals(source, start, end, s.source, s.start, s.end);
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = start; i < end; i++) {
      h = 31 * h + source[i];
    }
    return h;
  }

  @Override
  public String toString() {
    return "Span[" + start + ", " + end + ")";
  }
}
