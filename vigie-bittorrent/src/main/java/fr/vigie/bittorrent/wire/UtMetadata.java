package fr.vigie.bittorrent.wire;

import fr.vigie.bittorrent.bencode.BValue;
import fr.vigie.bittorrent.bencode.BValue.BDict;
import fr.vigie.bittorrent.bencode.Bencode;
import fr.vigie.bittorrent.bencode.BencodeException;
import fr.vigie.bittorrent.bencode.BencodeLimits;
import fr.vigie.bittorrent.bencode.BencodeWriter;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;

/** BEP 9 messages: the info dictionary in 16 KiB pieces, sent after a bencoded header. */
public final class UtMetadata {

  public static final int PIECE = 16 * 1024;
  public static final int REQUEST = 0, DATA = 1, REJECT = 2;

  private UtMetadata() {}

  /** A metadata message received. */
  public sealed interface Received {
    int piece();

    record Request(int piece) implements Received {}

    record Data(int piece, long totalSize, byte[] data) implements Received {}

    record Reject(int piece) implements Received {}
  }

  public static byte[] request(int piece) {
    return BencodeWriter.encode(Map.of("msg_type", REQUEST, "piece", piece));
  }

  /** What we answer to a peer asking us for metadata: we never serve it. */
  public static byte[] reject(int piece) {
    return BencodeWriter.encode(Map.of("msg_type", REJECT, "piece", piece));
  }

  public static Received parse(byte[] payload) {
    BValue v;
    try {
      v = Bencode.decodePrefix(payload, 0, payload.length, BencodeLimits.MESSAGE);
    } catch (BencodeException e) {
      throw new WireException("ut_metadata header is not bencode: " + e.getMessage());
    }
    if (!(v instanceof BDict d)) {
      throw new WireException("ut_metadata header is not a dictionary");
    }
    long type = d.integer("msg_type").orElseThrow(() -> new WireException("ut_metadata without msg_type"));
    long piece = d.integer("piece").filter(p -> p >= 0 && p < 1 << 20).orElseThrow(() -> new WireException("ut_metadata without a valid piece"));
    return switch ((int) type) {
      case REQUEST -> new Received.Request((int) piece);
      case DATA -> new Received.Data((int) piece, d.integer("total_size").orElse(-1L),
          Arrays.copyOfRange(payload, v.span().end(), payload.length));
      case REJECT -> new Received.Reject((int) piece);
      default -> throw new WireException("unknown ut_metadata msg_type " + type);
    };
  }

  /** Puts an info dictionary together from its pieces. Not thread-safe. */
  public static final class Assembler {
    private final byte[] buffer;
    private final BitSet received;
    private final int pieces;

    public Assembler(int size) {
      if (size <= 0) {
        throw new IllegalArgumentException("metadata size " + size);
      }
      this.buffer = new byte[size];
      this.pieces = (size + PIECE - 1) / PIECE;
      this.received = new BitSet(pieces);
    }

    public int pieces() {
      return pieces;
    }

    /** Stores a piece; throws {@link WireException} if its size is not what the total size implies. */
    public void accept(int piece, byte[] data) {
      if (piece < 0 || piece >= pieces) {
        throw new WireException("metadata piece " + piece + " of " + pieces);
      }
      int expected = piece == pieces - 1 ? buffer.length - piece * PIECE : PIECE;
      if (data.length != expected) {
        throw new WireException("metadata piece " + piece + " has " + data.length + " bytes, expected " + expected);
      }
      System.arraycopy(data, 0, buffer, piece * PIECE, data.length);
      received.set(piece);
    }

    public boolean complete() {
      return received.cardinality() == pieces;
    }

    public byte[] bytes() {
      return buffer.clone();
    }
  }
}
