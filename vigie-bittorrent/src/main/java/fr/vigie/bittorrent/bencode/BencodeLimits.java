package fr.vigie.bittorrent.bencode;

/**
 * How much hostile input the decoder accepts before refusing it.
 *
 * @param maxDepth nesting of lists and dictionaries
 * @param maxStringLength bytes in one string
 * @param maxValues values in the whole document, to bound work on tiny nested inputs
 * @param sortedKeys refuse dictionaries whose keys are not in strictly increasing raw-byte order
 *     (BEP 3 requires it; duplicates are refused either way)
 */
public record BencodeLimits(int maxDepth, int maxStringLength, int maxValues, boolean sortedKeys) {

  /** For .torrent files and tracker answers: sorted keys, 64 levels, strings up to 64 MiB. */
  public static final BencodeLimits STRICT = new BencodeLimits(64, 64 << 20, 4_000_000, true);

  /**
   * For .torrent files: as strict but for key order. The infohash is over the raw bytes, so a
   * torrent written by a sloppy encoder (unsorted keys) is still that torrent and must still be
   * watchable; {@code Metainfo.canonicalInfo()} says whether its info dictionary was canonical.
   */
  public static final BencodeLimits TORRENT = new BencodeLimits(64, 64 << 20, 4_000_000, false);

  /**
   * For peer and DHT messages: a few clients send unsorted keys, which we record as received
   * rather than refuse; duplicates are still refused. Small bounds: messages are small.
   */
  public static final BencodeLimits MESSAGE = new BencodeLimits(32, 1 << 20, 100_000, false);

  public BencodeLimits {
    if (maxDepth < 1 || maxStringLength < 0 || maxValues < 1) {
      throw new IllegalArgumentException("limits must be positive: " + maxDepth + ", " + maxStringLength + ", " + maxValues);
    }
  }
}
