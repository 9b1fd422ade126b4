package fr.vigie.formats.cybertip;

/**
 * Size limits that keep a hostile input from exhausting memory.
 *
 * @param maxTextChars characters in one text value or attribute
 * @param maxRecordChars characters of one cyberTip's XML; past it the record is rejected and
 *     skipped
 * @param maxRecordElements elements in one cyberTip
 * @param maxDepth element nesting below the root
 * @param maxZipUncompressedBytes bytes inflated from one zip, all entries together
 * @param maxZipRatio uncompressed over compressed bytes of an entry, checked past 1 MiB
 */
public record CyberTipLimits(int maxTextChars, int maxRecordChars, int maxRecordElements,
    int maxDepth, long maxZipUncompressedBytes, int maxZipRatio) {

  /** 64 KiB text values, 4 Mi-character and 100,000-element records, depth 32, zips of 8 GiB
   * at most with a ratio of 200 at most. */
  public static final CyberTipLimits DEFAULT =
      new CyberTipLimits(64 * 1024, 4 * 1024 * 1024, 100_000, 32, 8L << 30, 200);

  public CyberTipLimits {
    if (maxTextChars < 1 || maxRecordChars < maxTextChars || maxRecordElements < 1
        || maxDepth < 4 || maxZipUncompressedBytes < 1 || maxZipRatio < 1) {
      throw new IllegalArgumentException("inconsistent limits: " + maxTextChars + ", "
          + maxRecordChars + ", " + maxRecordElements + ", " + maxDepth + ", "
          + maxZipUncompressedBytes + ", " + maxZipRatio);
    }
  }
}
