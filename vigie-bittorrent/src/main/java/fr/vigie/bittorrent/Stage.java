package fr.vigie.bittorrent;

/** Where in the exchange with a peer something happened, in the order they run. */
public enum Stage {
  CONNECT, HANDSHAKE, EXTENSION_HANDSHAKE, BITFIELD, METADATA, UNCHOKE, PIECES
}
