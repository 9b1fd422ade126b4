package fr.vigie.app.matching.internal;

import fr.vigie.hashing.PdqEntries;
import fr.vigie.hashing.PdqHash;
import fr.vigie.hashing.PdqIndex;
import fr.vigie.hashing.PdqMatch;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every entry of the active hash sets in memory: MD5, SHA-1 and SHA-256 in {@link ExactHashTable}s,
 * PDQ in a {@link PdqIndex}. Per entry it keeps the entry id, the set (as a small ordinal) and the
 * category in parallel primitive arrays. Immutable once built; lookups are thread-safe.
 */
public final class KnownContentIndex {

  /** What an index hit points to. */
  public record Hit(long entryId, long setId, int category, String algorithm, int distance) {}

  private final ExactHashTable md5;
  private final ExactHashTable sha1;
  private final ExactHashTable sha256;
  private final PdqIndex pdq;
  private final long[] entryIds;
  private final long[] setIds;
  private final byte[] categories;
  private final String fingerprint;

  private KnownContentIndex(Builder b, String fingerprint) {
    this.md5 = b.md5;
    this.sha1 = b.sha1;
    this.sha256 = b.sha256;
    this.entryIds = Arrays.copyOf(b.entryIds, b.size);
    this.setIds = Arrays.copyOf(b.setIds, b.size);
    this.categories = Arrays.copyOf(b.categories, b.size);
    md5.seal();
    sha1.seal();
    sha256.seal();
    PdqEntries pdqEntries = b.pdq.build();
    this.pdq = pdqEntries.size() == 0 ? null : new PdqIndex(pdqEntries, b.pdqMaxDistance);
    this.fingerprint = fingerprint;
  }

  public static Builder builder(int expected, int pdqMaxDistance) {
    return new Builder(expected, pdqMaxDistance);
  }

  /** Returns the entries carrying that exact hash; algorithm MD5, SHA1 or SHA256. */
  public List<Hit> exact(String algorithm, String hex) {
    ExactHashTable table = switch (algorithm) {
      case "MD5" -> md5;
      case "SHA1" -> sha1;
      case "SHA256" -> sha256;
      default -> throw new IllegalArgumentException("not an exact algorithm: " + algorithm);
    };
    java.util.ArrayList<Hit> hits = new java.util.ArrayList<>(1);
    table.lookup(hex, i -> hits.add(hit(i, algorithm, 0)));
    return hits;
  }

  /** Returns the PDQ entries within {@code maxDistance} bits of the hash, nearest first. */
  public List<Hit> near(PdqHash hash, int maxDistance) {
    if (pdq == null) {
      return List.of();
    }
    List<PdqMatch> found = pdq.search(hash, maxDistance);
    return found.stream().map(m -> hit((int) m.id(), "PDQ", m.distance())).toList();
  }

  private Hit hit(int ordinal, String algorithm, int distance) {
    return new Hit(entryIds[ordinal], setIds[ordinal], categories[ordinal], algorithm, distance);
  }

  /** Returns how many entries the index holds (a hash listed twice counts twice). */
  public int size() {
    return entryIds.length;
  }

  /** Returns the entries per algorithm. */
  public Map<String, Integer> sizes() {
    return Map.of("MD5", md5.size(), "SHA1", sha1.size(), "SHA256", sha256.size(), "PDQ",
        pdq == null ? 0 : pdq.size());
  }

  /** Returns the database fingerprint the index was loaded at (see JdbcHashSets). */
  public String fingerprint() {
    return fingerprint;
  }

  /** Gathers entries; not thread-safe. */
  public static final class Builder {
    private final ExactHashTable md5;
    private final ExactHashTable sha1;
    private final ExactHashTable sha256;
    private final PdqEntries.Builder pdq;
    private final int pdqMaxDistance;
    private long[] entryIds;
    private long[] setIds;
    private byte[] categories;
    private int size;

    private Builder(int expected, int pdqMaxDistance) {
      int n = Math.max(16, expected);
      this.md5 = new ExactHashTable(32, n / 2);
      this.sha1 = new ExactHashTable(40, n / 4);
      this.sha256 = new ExactHashTable(64, n / 2);
      this.pdq = PdqEntries.builder(16);
      this.pdqMaxDistance = pdqMaxDistance;
      this.entryIds = new long[n];
      this.setIds = new long[n];
      this.categories = new byte[n];
    }

    /**
     * Adds one entry.
     *
     * @throws IllegalArgumentException if the algorithm is unknown or the hex malformed
     */
    public Builder add(long entryId, long setId, String algorithm, String hex, int category) {
      if (size == entryIds.length) {
        int grown = size + (size >> 1) + 1;
        entryIds = Arrays.copyOf(entryIds, grown);
        setIds = Arrays.copyOf(setIds, grown);
        categories = Arrays.copyOf(categories, grown);
      }
      int ordinal = size;
      switch (algorithm) {
        case "MD5" -> md5.add(hex, ordinal);
        case "SHA1" -> sha1.add(hex, ordinal);
        case "SHA256" -> sha256.add(hex, ordinal);
        case "PDQ" -> pdq.add(ordinal, PdqHash.fromHex(hex));
        default -> throw new IllegalArgumentException("unknown algorithm: " + algorithm);
      }
      entryIds[ordinal] = entryId;
      setIds[ordinal] = setId;
      categories[ordinal] = (byte) category;
      size++;
      return this;
    }

    public KnownContentIndex build(String fingerprint) {
      return new KnownContentIndex(this, fingerprint);
    }
  }
}
