package fr.vigie.bittorrent.wire;

/**
 * A peer wire message as received (BEP 3, BEP 6, BEP 10). Byte arrays are handed over as read,
 * without copies: messages are short-lived.
 */
public sealed interface Message {

  int CHOKE = 0, UNCHOKE = 1, INTERESTED = 2, NOT_INTERESTED = 3, HAVE = 4, BITFIELD = 5, REQUEST = 6, PIECE = 7,
      CANCEL = 8, PORT = 9, SUGGEST = 13, HAVE_ALL = 14, HAVE_NONE = 15, REJECT = 16, ALLOWED_FAST = 17, EXTENDED = 20;

  record KeepAlive() implements Message {}

  record Choke() implements Message {}

  record Unchoke() implements Message {}

  record Interested() implements Message {}

  record NotInterested() implements Message {}

  record Have(int index) implements Message {}

  record Bitfield(byte[] bits) implements Message {}

  record Request(int index, int begin, int length) implements Message {}

  record Piece(int index, int begin, byte[] block) implements Message {}

  record Cancel(int index, int begin, int length) implements Message {}

  record Port(int port) implements Message {}

  record Suggest(int index) implements Message {}

  record HaveAll() implements Message {}

  record HaveNone() implements Message {}

  record Reject(int index, int begin, int length) implements Message {}

  record AllowedFast(int index) implements Message {}

  /** BEP 10: id 0 is the extension handshake, others the ids we declared in ours. */
  record Extended(int extendedId, byte[] payload) implements Message {}

  /** An id we do not know; skipped, as BEP 3 asks. */
  record Unknown(int id, int length) implements Message {}
}
