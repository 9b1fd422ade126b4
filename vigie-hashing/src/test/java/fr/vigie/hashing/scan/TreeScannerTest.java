package fr.vigie.hashing.scan;

import static fr.vigie.hashing.scan.ScanFixture.byPath;
import static fr.vigie.hashing.scan.ScanFixture.encode;
import static fr.vigie.hashing.scan.ScanFixture.picture;
import static fr.vigie.hashing.scan.ScanFixture.randomBytes;
import static fr.vigie.hashing.scan.ScanFixture.scan;
import static fr.vigie.hashing.scan.ScanFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.vigie.hashing.ContentDigester;
import fr.vigie.hashing.ContentHashes;
import fr.vigie.hashing.PdqHasher;
import fr.vigie.hashing.PdqResult;
import fr.vigie.hashing.scan.ScanOutcome.Hashed;
import fr.vigie.hashing.scan.ScanOutcome.Kind;
import fr.vigie.hashing.scan.ScanOutcome.Reason;
import fr.vigie.hashing.scan.ScanOutcome.Skipped;
import fr.vigie.hashing.scan.ScanOutcome.Unreadable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreeScannerTest {

  /** Sizes around the digester's 64 KiB stream buffer, the 1 MiB channel buffer, and a few MB. */
  static final int[] SIZES = {0, 1, 31, 32, 33, 65_535, 65_536, 65_537, 1_048_575, 1_048_576,
      1_048_577, 3_000_007};

  @TempDir Path root;

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void hashesEveryFileOfNestedFoldersLikeContentDigester(int threads) throws Exception {
    for (int i = 0; i < SIZES.length; i++) {
      write(root, "d" + (i % 3) + "/e" + (i % 2) + "/f" + i + ".bin", randomBytes(i, SIZES[i]));
    }
    Files.createDirectories(root.resolve("empty/dir"));

    Map<String, ScanOutcome> found = byPath(scan(TreeScanner.hashingOnly(threads), root));

    assertEquals(SIZES.length, found.size(), found.keySet().toString());
    for (int i = 0; i < SIZES.length; i++) {
      String rel = "d" + (i % 3) + "/e" + (i % 2) + "/f" + i + ".bin";
      Hashed h = assertInstanceOf(Hashed.class, found.get(rel), rel);
      assertEquals(new ContentDigester().digest(randomBytes(i, SIZES[i])), h.hashes(), rel);
      assertEquals(SIZES[i], h.size());
      assertEquals(Files.getLastModifiedTime(root.resolve(rel)).toInstant(), h.modified());
      assertTrue(h.pdq().isEmpty());
    }
  }

  @Test
  void hashesImagesByMagicBytesWithThePdqOfPdqHasher() throws Exception {
    Path png = write(root, "a/photo.png", encode(picture(1, 300, 200), "png"));
    Path jpeg = write(root, "a/renamed.txt", encode(picture(2, 640, 480), "jpeg"));
    Path gif = write(root, "b/anim", encode(picture(3, 120, 90), "gif"));
    Path bmp = write(root, "b/old.dat", encode(picture(4, 64, 64), "bmp"));
    Path webp = write(root, "b/sticker", ScanFixture.class.getResourceAsStream(
        "/webp/synthetic-lossy.webp").readAllBytes());
    write(root, "b/fake.jpg", "not an image at all".getBytes());

    Map<String, ScanOutcome> found = byPath(scan(TreeScanner.hashingOnly(2), root));

    for (Path image : List.of(png, jpeg, gif, bmp, webp)) {
      Hashed h = assertInstanceOf(Hashed.class, found.get(root.relativize(image).toString()));
      PdqResult expected = new PdqHasher().hash(image);
      assertEquals(expected, h.pdq().orElseThrow(), image.toString());
      assertEquals(new ContentDigester().digest(image), h.hashes());
    }
    assertTrue(((Hashed) found.get("b/fake.jpg")).pdq().isEmpty(), "extension is not looked at");
  }

  @Test
  void reportsACorruptImageWithItsDigests() throws Exception {
    byte[] jpeg = encode(picture(5, 200, 200), "jpeg");
    byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
    write(root, "broken.jpg", truncated);
    write(root, "png-header-only", Arrays.copyOf(encode(picture(6, 50, 50), "png"), 40));

    Map<String, ScanOutcome> found = byPath(scan(TreeScanner.hashingOnly(1), root));

    Unreadable u = assertInstanceOf(Unreadable.class, found.get("broken.jpg"));
    assertEquals(Reason.BROKEN_IMAGE, u.reason());
    assertEquals(new ContentDigester().digest(truncated), u.hashes().orElseThrow());
    assertEquals(Reason.BROKEN_IMAGE, ((Unreadable) found.get("png-header-only")).reason());
  }

  @Test
  void neverFollowsSymbolicLinksAndSaysWhereTheyPoint(@TempDir Path outside) throws Exception {
    write(root, "in/target.bin", randomBytes(7, 100));
    write(outside, "secret.bin", randomBytes(8, 100));
    write(outside, "dir/deep.bin", randomBytes(9, 100));
    Files.createSymbolicLink(root.resolve("in/inner-link"), Path.of("target.bin"));
    Files.createSymbolicLink(root.resolve("to-outside-file"), outside.resolve("secret.bin"));
    Files.createSymbolicLink(root.resolve("to-outside-dir"), outside.resolve("dir"));
    Files.createSymbolicLink(root.resolve("to-parent"), Path.of(".."));
    Files.createSymbolicLink(root.resolve("loop"), Path.of("."));
    Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));

    Map<String, ScanOutcome> found = byPath(scan(TreeScanner.hashingOnly(2), root));

    assertEquals(List.of("dangling", "in/inner-link", "in/target.bin", "loop", "to-outside-dir",
        "to-outside-file", "to-parent"), List.copyOf(found.keySet()));
    assertInstanceOf(Hashed.class, found.get("in/target.bin"));
    assertEquals(new Skipped(Path.of("in/inner-link"), Kind.LINK_INSIDE, "-> in/target.bin"),
        found.get("in/inner-link"));
    assertEquals(new Skipped(Path.of("loop"), Kind.LINK_INSIDE, "-> ."), found.get("loop"));
    for (String out : List.of("to-outside-file", "to-outside-dir", "to-parent")) {
      assertEquals(Kind.LINK_OUTSIDE, ((Skipped) found.get(out)).kind(), out);
    }
    assertEquals(Kind.LINK_BROKEN, ((Skipped) found.get("dangling")).kind());
  }

  @Test
  void scansTheDirectoryARootLinkPointsTo(@TempDir Path elsewhere) throws Exception {
    write(root, "a.bin", randomBytes(10, 10));
    Path link = Files.createSymbolicLink(elsewhere.resolve("mounted"), root);

    assertEquals(List.of("a.bin"), List.copyOf(byPath(scan(TreeScanner.hashingOnly(1), link)).keySet()));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void skipsAFifoWithoutOpeningIt() throws Exception {
    Path fifo = root.resolve("pipe");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    assumeTrue(made, "mkfifo is not available here");
    write(root, "a.bin", randomBytes(11, 10));

    Map<String, ScanOutcome> found = byPath(scan(TreeScanner.hashingOnly(2), root));

    assertEquals(new Skipped(Path.of("pipe"), Kind.SPECIAL_FILE, "FIFO, socket or device: not opened"),
        found.get("pipe"));
    assertInstanceOf(Hashed.class, found.get("a.bin"));
  }

  @Test
  void reportsFilesAndFoldersItMayNotRead() throws Exception {
    Path secret = write(root, "secret.bin", randomBytes(12, 10));
    Path closed = write(root, "closed/inside.bin", randomBytes(13, 10)).getParent();
    write(root, "open.bin", randomBytes(14, 10));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
    try {
      Map<String, ScanOutcome> found = byPath(scan(TreeScanner.hashingOnly(2), root));

      if (ScanFixture.runningAsRoot()) {
        // chmod 000 does not stop root: everything is read, and said so.
        assertInstanceOf(Hashed.class, found.get("secret.bin"));
        assertInstanceOf(Hashed.class, found.get("closed/inside.bin"));
      } else {
        assertEquals(Reason.PERMISSION_DENIED, ((Unreadable) found.get("secret.bin")).reason());
        assertEquals(Reason.PERMISSION_DENIED, ((Unreadable) found.get("closed")).reason());
      }
      assertInstanceOf(Hashed.class, found.get("open.bin"));
    } finally {
      Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void reportsAFileThatGrowsWhileItIsRead() throws Exception {
    write(root, "growing.log", randomBytes(15, 200_000));
    write(root, "steady.bin", randomBytes(16, 200_000));
    AtomicBoolean once = new AtomicBoolean();
    TreeScanner scanner = new TreeScanner(1, KnownContent.NONE,
        () -> new FileHasher(KnownContent.NONE, file -> {
          if (file.getFileName().toString().equals("growing.log") && once.compareAndSet(false, true)) {
            try {
              Files.write(file, new byte[1000], StandardOpenOption.APPEND);
            } catch (IOException e) {
              throw new AssertionError(e);
            }
          }
        }));

    Map<String, ScanOutcome> found = byPath(scan(scanner, root));

    Unreadable u = assertInstanceOf(Unreadable.class, found.get("growing.log"));
    assertEquals(Reason.CHANGED_WHILE_READ, u.reason());
    assertEquals("size was 200000 bytes at open, 201000 bytes read", u.detail());
    assertInstanceOf(Hashed.class, found.get("steady.bin"));
  }

  @Test
  void neverCreatesOrModifiesAnythingInTheTree(@TempDir Path reports) throws Exception {
    for (int i = 0; i < SIZES.length; i++) {
      write(root, "d" + (i % 4) + "/f" + i, randomBytes(100 + i, SIZES[i]));
    }
    write(root, "img/p.png", encode(picture(20, 100, 100), "png"));
    write(root, "img/broken.jpg", Arrays.copyOf(encode(picture(21, 100, 100), "jpeg"), 300));
    Files.createSymbolicLink(root.resolve("link"), Path.of("img/p.png"));
    Files.setLastModifiedTime(root.resolve("d1"),
        java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
    List<String> before = listing(root);

    try (var csv = Files.newBufferedWriter(reports.resolve("out.csv"));
        var jsonl = Files.newBufferedWriter(reports.resolve("out.jsonl"))) {
      ScanSummary summary = new ScanSummary();
      TreeScanner.hashingOnly(2).scan(root,
          new CsvOutcomeWriter(csv).andThen(new JsonLinesOutcomeWriter(jsonl)).andThen(summary),
          new ScanProgress());
    }

    assertEquals(before, listing(root));
  }

  /** Every entry with its type, size, mtime, permissions and content hash; atime left out. */
  private static List<String> listing(Path root) throws IOException {
    ContentDigester digester = new ContentDigester();
    try (Stream<Path> all = Files.walk(root)) {
      return all.sorted().map(p -> {
        try {
          var attrs = Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class,
              LinkOption.NOFOLLOW_LINKS);
          String content = attrs.isRegularFile() ? digester.digest(p).sha256()
              : attrs.isSymbolicLink() ? Files.readSymbolicLink(p).toString() : "";
          return root.relativize(p) + " " + attrs.size() + " " + attrs.lastModifiedTime() + " "
              + PosixFilePermissions.toString(attrs.permissions()) + " " + content;
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }).toList();
    }
  }

  @Test
  void countsProgressAndPassesMatchesFromKnownContent() throws Exception {
    byte[] known = randomBytes(30, 5000);
    write(root, "x/known.bin", known);
    write(root, "x/other.bin", randomBytes(31, 5000));
    write(root, "y/photo.png", encode(picture(32, 256, 256), "png"));
    ContentHashes knownHashes = new ContentDigester().digest(known);
    KnownContent sets = new KnownContent() {
      @Override
      public List<KnownMatch> exact(ContentHashes hashes) {
        return hashes.sha1().equals(knownHashes.sha1())
            ? List.of(new KnownMatch("set-a", "notable", KnownMatch.By.SHA1, 0)) : List.of();
      }

      @Override
      public List<KnownMatch> similar(PdqResult pdq) {
        return List.of(new KnownMatch("set-b", "known", KnownMatch.By.PDQ, 3));
      }
    };
    ScanProgress progress = new ScanProgress();
    ScanSummary summary = new ScanSummary();

    new TreeScanner(2, sets).scan(root, summary, progress);

    ScanProgress.Snapshot s = progress.snapshot();
    assertTrue(s.finished());
    assertEquals(3, s.entries());
    assertEquals(10_000 + Files.size(root.resolve("y/photo.png")), s.bytes());
    assertEquals(s.bytes(), summary.bytes());
    assertEquals(Map.of("known", 1L, "notable", 1L), summary.filesByCategory());
    assertEquals(1, summary.images());
  }

  @Test
  void stopsAndRethrowsWhenTheSinkFails() throws Exception {
    for (int i = 0; i < 2000; i++) {
      write(root, "d" + (i % 10) + "/" + i, new byte[0]);
    }
    RuntimeException boom = new IllegalStateException("disk full");
    ScanSink failing = outcome -> {
      throw boom;
    };

    ScanAbortedException e = assertThrows(ScanAbortedException.class,
        () -> TreeScanner.hashingOnly(2).scan(root, failing, new ScanProgress()));

    assertEquals(boom, e.getCause());
  }

  @Test
  void refusesARootThatIsAFile() throws Exception {
    Path file = write(root, "a.bin", new byte[1]);
    assertThrows(java.nio.file.NotDirectoryException.class,
        () -> TreeScanner.hashingOnly(1).scan(file, o -> { }, new ScanProgress()));
  }
}
