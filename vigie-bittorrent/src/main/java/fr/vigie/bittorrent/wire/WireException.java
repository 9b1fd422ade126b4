package fr.vigie.bittorrent.wire;

/** A peer broke the protocol (bad handshake, oversized or malformed message). */
public final class WireException extends RuntimeException {
  public WireException(String message) {
    super(message);
  }
}
