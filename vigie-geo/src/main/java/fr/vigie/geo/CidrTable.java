package fr.vigie.geo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blocks with a value each (e.g. an operator's CGNAT ranges), answering the most specific block
 * that holds an address. Immutable and thread-safe. The tables Vigie keeps have tens of blocks, so
 * a scan of blocks sorted longest prefix first is both simple and fast (no allocation per lookup).
 */
public final class CidrTable<T> {

  private final CidrBlock[] blocks;
  private final List<T> values;

  private CidrTable(List<Map.Entry<CidrBlock, T>> entries) {
    List<Map.Entry<CidrBlock, T>> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingInt((Map.Entry<CidrBlock, T> e) -> e.getKey().prefix())
        .reversed());
    blocks = sorted.stream().map(Map.Entry::getKey).toArray(CidrBlock[]::new);
    values = sorted.stream().map(Map.Entry::getValue).toList();
  }

  public static <T> CidrTable<T> of(List<Map.Entry<CidrBlock, T>> entries) {
    return new CidrTable<>(entries);
  }

  public static <T> CidrTable<T> empty() {
    return new CidrTable<>(List.of());
  }

  /** Returns the value of the most specific block holding the address. */
  public Optional<Match<T>> find(IpAddress address) {
    for (int i = 0; i < blocks.length; i++) {
      if (blocks[i].contains(address)) {
        return Optional.of(new Match<>(blocks[i], values.get(i)));
      }
    }
    return Optional.empty();
  }

  public int size() {
    return blocks.length;
  }

  /** A block that holds the address, and its value. */
  public record Match<T>(CidrBlock block, T value) {}
}
