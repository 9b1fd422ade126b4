package fr.vigie.bittorrent;

import fr.vigie.bittorrent.metainfo.Metainfo;
import fr.vigie.bittorrent.metainfo.Metainfo.PieceCheck;
import fr.vigie.bittorrent.wire.MessageWriter;
import fr.vigie.bittorrent.wire.WireException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The blocks of the pieces we ask one peer for: 16 KiB requests, a bounded pipeline, blocks put
 * back on choke or reject, each piece checked when whole. Not thread-safe: one session.
 */
final class PieceDownload {

  static final int BLOCK = 16 * 1024;

  /** One block request. */
  record Block(int index, int begin, int length) {}

  private final Metainfo metainfo;
  private final int pipeline;
  private final Clock clock;
  private final Deque<Block> queued = new ArrayDeque<>();
  private final Set<Block> outstanding = new LinkedHashSet<>();
  private final List<Integer> order;
  private final java.util.Map<Integer, byte[]> buffers = new java.util.HashMap<>();
  private final java.util.Map<Integer, Integer> filled = new java.util.HashMap<>();
  private final List<PieceResult> results = new ArrayList<>();

  PieceDownload(Metainfo metainfo, List<Integer> pieces, int pipeline, Clock clock) {
    this.metainfo = metainfo;
    this.pipeline = pipeline;
    this.clock = clock;
    this.order = List.copyOf(pieces);
    for (int index : pieces) {
      int size = metainfo.pieceSize(index);
      for (int begin = 0; begin < size; begin += BLOCK) {
        queued.add(new Block(index, begin, Math.min(BLOCK, size - begin)));
      }
    }
  }

  boolean done() {
    return results.size() == order.size();
  }

  int outstanding() {
    return outstanding.size();
  }

  /** Sends requests up to the pipeline; while choked, only for pieces the peer allowed fast (BEP 6). */
  void fill(MessageWriter writer, boolean choked, Set<Integer> allowedFast) throws IOException {
    int sent = 0;
    for (var it = queued.iterator(); it.hasNext() && outstanding.size() < pipeline; ) {
      Block b = it.next();
      if (choked && !allowedFast.contains(b.index())) {
        continue;
      }
      it.remove();
      outstanding.add(b);
      writer.request(b.index(), b.begin(), b.length());
      sent++;
    }
    if (sent > 0) {
      writer.flush();
    }
  }

  /** Whether any queued block may be asked for while choked. */
  boolean anyAllowed(Set<Integer> allowedFast) {
    return queued.stream().anyMatch(b -> allowedFast.contains(b.index()));
  }

  /** A choke without the fast extension drops every request (BEP 3): ask again after unchoke. */
  void requeueAll() {
    outstanding.forEach(queued::addFirst);
    outstanding.clear();
  }

  /** BEP 6 reject: the block goes back to the queue; false if we never asked for it. */
  boolean rejected(int index, int begin, int length) {
    Block b = new Block(index, begin, length);
    if (outstanding.remove(b)) {
      queued.addLast(b);
      return true;
    }
    return false;
  }

  /**
   * Stores a block we asked for; returns the piece's result when it is complete. A block we did
   * not ask for is refused (a peer pushing data at us is not evidence of what it holds).
   */
  Optional<PieceResult> received(int index, int begin, byte[] block) {
    Block b = new Block(index, begin, block.length);
    if (!outstanding.remove(b)) {
      throw new WireException("block " + index + "/" + begin + "/" + block.length + " was not asked for");
    }
    byte[] buffer = buffers.computeIfAbsent(index, i -> new byte[metainfo.pieceSize(i)]);
    System.arraycopy(block, 0, buffer, begin, block.length);
    int got = filled.merge(index, block.length, Integer::sum);
    if (got < buffer.length) {
      return Optional.empty();
    }
    buffers.remove(index);
    PieceCheck check = metainfo.check(index, buffer);
    PieceResult r = new PieceResult(index, HexFormat.of().formatHex(sha1(buffer)), check, clock.instant(), new Bytes(buffer));
    results.add(r);
    return Optional.of(r);
  }

  List<PieceResult> results() {
    return List.copyOf(results);
  }

  private static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-1", e);
    }
  }
}
