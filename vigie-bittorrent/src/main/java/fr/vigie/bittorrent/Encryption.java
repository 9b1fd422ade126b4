package fr.vigie.bittorrent;

/** When the sensor uses message stream encryption (MSE/PE) with a peer. */
public enum Encryption {
  /** Plaintext only: a peer that requires encryption is recorded as having hung up. */
  NEVER,
  /**
   * Plaintext first; when the peer hangs up before its handshake (what clients requiring
   * encryption do), one more connection with MSE. The default.
   */
  FALLBACK,
  /** MSE first (RC4 or plaintext, as the peer chooses). */
  ALWAYS
}
