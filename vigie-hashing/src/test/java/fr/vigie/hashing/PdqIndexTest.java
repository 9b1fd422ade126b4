package fr.vigie.hashing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PdqIndexTest {

  /** 0 and 31 are the edges of the default, 32 and 33 just above, the rest spread around. */
  static final int[] DISTANCES = {0, 1, 7, 15, 16, 30, 31, 32, 33, 40, 47, 63, 64, 90};

  @Test
  void findsExactlyWhatBruteForceFindsOnRandomHashes() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    PdqEntries entries = randomEntries(random, 20_000);
    List<PdqHash> queries = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      // Stored hashes themselves, lightly and heavily perturbed copies, and fresh random hashes.
      PdqHash stored = entries.hash(random.nextInt(entries.size()));
      queries.add(flip(random, stored, random.nextInt(45)));
      queries.add(randomHash(random));
    }
    assertSameAsBruteForce(entries, queries, seed);
  }

  @Test
  void findsExactlyWhatBruteForceFindsOnClusteredNearDuplicates() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    PdqEntries.Builder builder = PdqEntries.builder(30_000);
    List<PdqHash> centres = new ArrayList<>();
    long id = 0;
    for (int cluster = 0; cluster < 400; cluster++) {
      PdqHash centre = randomHash(random);
      centres.add(centre);
      // Planted near-duplicates at every distance from 0 to 40, some of them twice.
      for (int d = 0; d <= 40; d++) {
        builder.add(id++, flip(random, centre, d));
        if (random.nextInt(4) == 0) {
          builder.add(id++, flip(random, centre, d));
        }
      }
    }
    for (int i = 0; i < 10_000; i++) {
      builder.add(id++, randomHash(random));
    }
    PdqEntries entries = builder.build();
    List<PdqHash> queries = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      PdqHash centre = centres.get(random.nextInt(centres.size()));
      queries.add(centre);
      queries.add(flip(random, centre, random.nextInt(20)));
    }
    assertSameAsBruteForce(entries, queries, seed);
  }

  @Test
  void everyChunkGeometryIsExact() {
    // The cost model picks one chunk count per size; force the others so every radius pattern
    // (r = 0 with skipped chunks, r = 1, 2, 3 to 6 by recursion, chunks straddling words) is
    // exercised, on the index itself even where the cost model would scan; wider chunks need
    // slot tables of 2^bits ints, too big for a unit test.
    long seed = System.nanoTime();
    Random random = new Random(seed);
    PdqEntries entries = clustered(random, 3_000);
    BruteForcePdqSearch brute = new BruteForcePdqSearch(entries);
    for (int chunks : new int[] {13, 15, 16, 17, 24, 32, 37, 64}) {
      PdqIndex index = new PdqIndex(entries, 31, chunks);
      for (int q = 0; q < 25; q++) {
        PdqHash query = flip(random, entries.hash(random.nextInt(entries.size())),
            random.nextInt(40));
        for (int t : DISTANCES) {
          if (t > 70 && chunks < 24) {
            continue; // radius 5 and up over 16-bit chunks: thousands of probes, no new path
          }
          List<PdqMatch> want = brute.search(query, t);
          String where = "seed " + seed + ", chunks " + chunks + ", distance " + t;
          assertEquals(want, index.search(query, t), where + ", query " + query);
          assertEquals(want, index.searchIndexed(query, t), where + ", indexed, query " + query);
        }
      }
    }
  }

  @Test
  void bucketsOfManyEntriesAreAllFound() {
    // Thousands of identical and nearly identical hashes: buckets far larger than one entry (the
    // overflow path), and entries found through every chunk, each reported once.
    long seed = System.nanoTime();
    Random random = new Random(seed);
    PdqHash centre = randomHash(random);
    PdqEntries.Builder builder = PdqEntries.builder(6_000);
    for (int i = 0; i < 2_000; i++) {
      builder.add(i, i % 3 == 0 ? centre : flip(random, centre, random.nextInt(6)));
    }
    for (int i = 2_000; i < 6_000; i++) {
      builder.add(i, randomHash(random));
    }
    PdqEntries entries = builder.build();
    BruteForcePdqSearch brute = new BruteForcePdqSearch(entries);
    for (int chunks : new int[] {11, 16, 32}) {
      PdqIndex index = new PdqIndex(entries, 31, chunks);
      for (int t : new int[] {0, 3, 31}) {
        List<PdqMatch> want = brute.search(centre, t);
        assertTrue(want.size() >= 667, "seed " + seed);
        assertEquals(want, index.searchIndexed(centre, t), "seed " + seed + ", chunks " + chunks);
      }
    }
  }

  @Test
  void dihedralSearchFindsExactlyWhatBruteForceFinds() {
    // Matching "over the 8 dihedral variants" searches with each of an image's eight hashes; the
    // set holds noisy copies of some variants of some images, and unrelated hashes.
    long seed = System.nanoTime();
    Random random = new Random(seed);
    PdqHasher hasher = new PdqHasher();
    List<PdqDihedralResult> images = new ArrayList<>();
    PdqEntries.Builder builder = PdqEntries.builder(20_000);
    long id = 0;
    for (int i = 0; i < 12; i++) {
      PdqDihedralResult image = hasher.hashDihedral(syntheticImage(random));
      images.add(image);
      for (PdqHash variant : image.all()) {
        if (random.nextBoolean()) {
          builder.add(id++, flip(random, variant, random.nextInt(36)));
        }
      }
    }
    for (int i = 0; i < 15_000; i++) {
      builder.add(id++, randomHash(random));
    }
    PdqEntries entries = builder.build();
    PdqIndex index = new PdqIndex(entries);
    BruteForcePdqSearch brute = new BruteForcePdqSearch(entries);
    int found = 0;
    for (PdqDihedralResult image : images) {
      for (PdqHash variant : image.all()) {
        List<PdqMatch> want = brute.search(variant);
        found += want.size();
        assertEquals(want, index.search(variant), "seed " + seed);
        assertEquals(want, index.searchIndexed(variant, 31), "seed " + seed);
      }
    }
    assertTrue(found > 0, "seed " + seed);
  }

  /** Smooth random blobs: an image with structure, so that its PDQ has a good quality. */
  private static java.awt.image.BufferedImage syntheticImage(Random random) {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(96, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    for (int k = 0; k < 12; k++) {
      g.setColor(new java.awt.Color(random.nextInt(0xFFFFFF)));
      g.fillOval(random.nextInt(96) - 20, random.nextInt(64) - 20, 10 + random.nextInt(50),
          10 + random.nextInt(40));
    }
    g.dispose();
    return image;
  }

  @Test
  void matchesTheUpstreamMihVectors() {
    List<PdqHash> needles = PdqVectors.hashes("mih/needles.txt");
    List<PdqHash> haystack = PdqVectors.hashes("mih/haystack.txt");
    assertEquals(100, needles.size());
    assertEquals(1350, haystack.size());
    PdqEntries.Builder builder = PdqEntries.builder(haystack.size());
    for (int line = 1; line <= haystack.size(); line++) {
      builder.add(line, haystack.get(line - 1));
    }
    PdqEntries entries = builder.build();
    // Force the multi-index path: for 1,350 entries the cost model would rightly pick a scan at
    // the larger distances.
    List<PdqSearch> searches = List.of(new PdqIndex(entries), new PdqIndex(entries, 31, 16),
        new PdqIndex(entries, 31, 11), new BruteForcePdqSearch(entries));

    List<String> expectedPairs = new ArrayList<>();
    for (String[] row : PdqVectors.tsv("mih/expected_matches_d31.tsv")) {
      expectedPairs.add(row[0] + "\t" + row[1] + "\t" + row[2]);
    }
    assertEquals(250, expectedPairs.size());
    for (PdqSearch search : searches) {
      List<String> pairs = new ArrayList<>();
      for (int n = 1; n <= needles.size(); n++) {
        for (PdqMatch m : search.search(needles.get(n - 1))) {
          pairs.add(n + "\t" + m.id() + "\t" + m.distance());
        }
      }
      pairs.sort(null);
      List<String> want = new ArrayList<>(expectedPairs);
      want.sort(null);
      assertEquals(want, pairs, search.getClass().getSimpleName());

      for (String[] row : PdqVectors.tsv("mih/expected_counts.tsv")) {
        int d = Integer.parseInt(row[0]);
        int count = 0;
        for (PdqHash needle : needles) {
          count += search.search(needle, d).size();
        }
        assertEquals(Integer.parseInt(row[1]), count, "distance " + d);
      }
    }
  }

  @Test
  void chunkCountFollowsTheCostModel() {
    // Chunks of about log2(size) bits: few, wide chunks for large sets.
    assertEquals(11, PdqIndex.bestChunkCount(10_000_000, 31));
    assertTrue(PdqIndex.bestChunkCount(1_000_000, 31) >= 12);
    assertTrue(PdqIndex.bestChunkCount(1_000, 31) >= 16);
  }

  @Test
  void reportsEachEntryOnceEvenWhenManyChunksAgree() {
    PdqHash h = PdqHash.fromHex("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22");
    PdqEntries entries = PdqEntries.builder(3).add(7, h).add(8, h).add(9, flip(new Random(1), h, 3))
        .build();
    assertEquals(List.of(new PdqMatch(7, 0), new PdqMatch(8, 0), new PdqMatch(9, 3)),
        new PdqIndex(entries, 31, 16).search(h));
    assertEquals(List.of(new PdqMatch(7, 0), new PdqMatch(8, 0)),
        new PdqIndex(entries, 31, 16).search(h, 0));
  }

  @Test
  void emptyIndexFindsNothingAndNegativeDistanceIsRefused() {
    PdqIndex index = new PdqIndex(PdqEntries.builder(0).build());
    assertEquals(List.of(), index.search(PdqHash.ZERO));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> index.search(PdqHash.ZERO, -1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void chunkExtractionReadsTheRightBits() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      PdqHash h = randomHash(random);
      long[] words = {h.w0(), h.w1(), h.w2(), h.w3()};
      int bits = 1 + random.nextInt(28);
      int start = random.nextInt(257 - bits);
      int naive = 0;
      for (int p = start; p < start + bits; p++) {
        naive = (naive << 1) | (h.bit(255 - p) ? 1 : 0);
      }
      assertEquals(naive, PdqIndex.chunk(words, 0, start, bits), "seed " + seed);
    }
  }

  private static void assertSameAsBruteForce(PdqEntries entries, List<PdqHash> queries,
      long seed) {
    BruteForcePdqSearch brute = new BruteForcePdqSearch(entries);
    PdqIndex index = new PdqIndex(entries);
    int found = 0;
    for (PdqHash query : queries) {
      for (int t : DISTANCES) {
        List<PdqMatch> want = brute.search(query, t);
        found += want.size();
        assertEquals(want, index.search(query, t),
            "seed " + seed + ", distance " + t + ", query " + query);
      }
    }
    assertTrue(found > queries.size(), "the queries should find something; seed " + seed);
  }

  static PdqEntries randomEntries(Random random, int n) {
    PdqEntries.Builder builder = PdqEntries.builder(n);
    for (int i = 0; i < n; i++) {
      builder.add(1000 + i, random.nextLong(), random.nextLong(), random.nextLong(),
          random.nextLong());
    }
    return builder.build();
  }

  static PdqEntries clustered(Random random, int clusters) {
    PdqEntries.Builder builder = PdqEntries.builder(clusters * 8);
    long id = 0;
    for (int c = 0; c < clusters; c++) {
      PdqHash centre = randomHash(random);
      for (int k = 0; k < 8; k++) {
        builder.add(id++, flip(random, centre, random.nextInt(41)));
      }
    }
    return builder.build();
  }

  static PdqHash randomHash(Random random) {
    return new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
  }

  /** Returns h with exactly {@code bits} distinct bits flipped. */
  static PdqHash flip(Random random, PdqHash h, int bits) {
    long[] w = {h.w0(), h.w1(), h.w2(), h.w3()};
    java.util.BitSet chosen = new java.util.BitSet(256);
    while (chosen.cardinality() < bits) {
      chosen.set(random.nextInt(256));
    }
    chosen.stream().forEach(k -> w[k >>> 6] ^= 1L << (k & 63));
    return new PdqHash(w[0], w[1], w[2], w[3]);
  }
}
