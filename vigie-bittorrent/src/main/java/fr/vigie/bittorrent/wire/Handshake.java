package fr.vigie.bittorrent.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The BEP 3 handshake: {@code 19 "BitTorrent protocol"}, 8 reserved bytes, infohash, peer id. The
 * reserved bits we use: BEP 10 extension protocol ({@code reserved[5] & 0x10}) and BEP 6 fast
 * extension ({@code reserved[7] & 0x04}). We never set the DHT bit: we offer no DHT node.
 */
public record Handshake(byte[] reserved, byte[] infoHash, byte[] peerId) {

  public static final int LENGTH = 68;
  static final byte[] PROTOCOL = "BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);

  public Handshake {
    if (reserved.length != 8 || infoHash.length != 20 || peerId.length != 20) {
      throw new IllegalArgumentException("handshake fields are 8, 20 and 20 bytes");
    }
    reserved = reserved.clone();
    infoHash = infoHash.clone();
    peerId = peerId.clone();
  }

  /** Ours: extension protocol and fast extension on. */
  public static Handshake ours(byte[] infoHash, byte[] peerId) {
    byte[] reserved = new byte[8];
    reserved[5] |= 0x10;
    reserved[7] |= 0x04;
    return new Handshake(reserved, infoHash, peerId);
  }

  public boolean extensionProtocol() {
    return (reserved[5] & 0x10) != 0;
  }

  public boolean fastExtension() {
    return (reserved[7] & 0x04) != 0;
  }

  public boolean dht() {
    return (reserved[7] & 0x01) != 0;
  }

  @Override
  public byte[] reserved() {
    return reserved.clone();
  }

  @Override
  public byte[] infoHash() {
    return infoHash.clone();
  }

  @Override
  public byte[] peerId() {
    return peerId.clone();
  }

  public byte[] encode() {
    byte[] out = new byte[LENGTH];
    out[0] = 19;
    System.arraycopy(PROTOCOL, 0, out, 1, 19);
    System.arraycopy(reserved, 0, out, 20, 8);
    System.arraycopy(infoHash, 0, out, 28, 20);
    System.arraycopy(peerId, 0, out, 48, 20);
    return out;
  }

  /** Decodes 68 bytes; throws {@link WireException} when they are not a BitTorrent handshake. */
  public static Handshake decode(byte[] in) {
    if (in.length != LENGTH || in[0] != 19 || !Arrays.equals(in, 1, 20, PROTOCOL, 0, 19)) {
      throw new WireException("not a BitTorrent handshake");
    }
    return new Handshake(Arrays.copyOfRange(in, 20, 28), Arrays.copyOfRange(in, 28, 48), Arrays.copyOfRange(in, 48, 68));
  }
}
