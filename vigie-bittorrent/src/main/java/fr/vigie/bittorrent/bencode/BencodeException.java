package fr.vigie.bittorrent.bencode;

/** Input that is not strict bencode; the message names the offset and what was wrong. */
public final class BencodeException extends RuntimeException {

  private final int offset;

  public BencodeException(int offset, String message) {
    super(message + " at offset " + offset);
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
