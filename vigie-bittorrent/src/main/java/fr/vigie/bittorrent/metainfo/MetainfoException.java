package fr.vigie.bittorrent.metainfo;

/** A .torrent, info dictionary or magnet link that cannot be used; the message says why. */
public final class MetainfoException extends RuntimeException {
  public MetainfoException(String message) {
    super(message);
  }

  public MetainfoException(String message, Throwable cause) {
    super(message, cause);
  }
}
