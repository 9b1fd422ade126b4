package fr.vigie.bittorrent.metainfo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BEP 52 merkle trees: SHA-256 of 16 KiB blocks as leaves, SHA-256 of two children above; leaves
 * past the end of a file are 32 zero bytes, so a padding node higher up is the hash of a padding
 * subtree, not zeros.
 */
public final class Merkle {

  /** BEP 52's leaf size. */
  public static final int BLOCK = 16 * 1024;

  private Merkle() {}

  /** Root over the blocks of {@code data}, padded with zero leaves to {@code leaves} (a power of two). */
  public static byte[] root(byte[] data, int leaves) {
    if (Integer.bitCount(leaves) != 1) {
      throw new IllegalArgumentException("leaf count must be a power of two: " + leaves);
    }
    int blocks = (data.length + BLOCK - 1) / BLOCK;
    if (blocks > leaves) {
      throw new IllegalArgumentException(blocks + " blocks do not fit in " + leaves + " leaves");
    }
    MessageDigest sha = sha256();
    List<byte[]> layer = new ArrayList<>(blocks);
    for (int i = 0; i < blocks; i++) {
      sha.update(data, i * BLOCK, Math.min(BLOCK, data.length - i * BLOCK));
      layer.add(sha.digest());
    }
    return rootOfLayer(layer, leaves, new byte[32]);
  }

  /**
   * Root of a layer of hashes padded to {@code width} (a power of two) with {@code pad}, the hash of
   * an all-padding subtree of that layer's height.
   */
  public static byte[] rootOfLayer(List<byte[]> layer, int width, byte[] pad) {
    if (Integer.bitCount(width) != 1 || layer.size() > width) {
      throw new IllegalArgumentException("bad width " + width + " for " + layer.size() + " hashes");
    }
    MessageDigest sha = sha256();
    List<byte[]> nodes = new ArrayList<>(layer);
    byte[] padding = pad;
    while (width > 1) {
      List<byte[]> up = new ArrayList<>((nodes.size() + 1) / 2);
      for (int i = 0; i < nodes.size(); i += 2) {
        sha.update(nodes.get(i));
        sha.update(i + 1 < nodes.size() ? nodes.get(i + 1) : padding);
        up.add(sha.digest());
      }
      sha.update(padding);
      sha.update(padding);
      padding = sha.digest();
      nodes = up;
      width /= 2;
    }
    return nodes.isEmpty() ? padding : nodes.get(0);
  }

  /** The hash of an all-zero subtree with {@code leaves} leaves. */
  public static byte[] padHash(int leaves) {
    return rootOfLayer(List.of(), leaves, new byte[32]);
  }

  /** Smallest power of two at least {@code n} (and at least 1). */
  public static int nextPowerOfTwo(long n) {
    if (n > 1 << 30) {
      throw new IllegalArgumentException("too many leaves: " + n);
    }
    return n <= 1 ? 1 : Integer.highestOneBit((int) (n - 1)) << 1;
  }

  static boolean equal(byte[] a, byte[] b) {
    return Arrays.equals(a, b);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
