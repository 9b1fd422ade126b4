package fr.vigie.app.media.internal;

import fr.vigie.app.demo.DemoImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;

/**
 * Not a test: measures the media store (encrypt + fsync + rename, then decrypt + verify) on one
 * file of MiB given, and the two pictures of the media page on a 3000x2000 image. Figures in
 * docs/benchmarks.md.
 */
public final class MediaStoreBench {

  private MediaStoreBench() {}

  public static void main(String[] args) throws Exception {
    int mib = args.length == 0 ? 256 : Integer.parseInt(args[0]);
    Path dir = Files.createTempDirectory("vigie-store-bench");
    byte[] key = new byte[32];
    new Random(1).nextBytes(key);
    EncryptedFiles files = new EncryptedFiles(dir.resolve("media"), new SecretKeySpec(key, "AES"));
    byte[] content = new byte[mib << 20];
    new Random(2).nextBytes(content);
    Path source = Files.write(dir.resolve("source.bin"), content);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    for (int round = 0; round < 3; round++) {
      Files.deleteIfExists(files.pathOf(sha));
      long t0 = System.nanoTime();
      files.put(source, sha);
      long t1 = System.nanoTime();
      byte[] back = files.read(sha, Long.MAX_VALUE);
      long t2 = System.nanoTime();
      System.out.printf("round %d: put %.0f MiB/s, read+verify %.0f MiB/s (%d MiB)%n", round,
          mib / ((t1 - t0) / 1e9), mib / ((t2 - t1) / 1e9), back.length >> 20);
    }
    BufferedImage big = new BufferedImage(3000, 2000, BufferedImage.TYPE_INT_RGB);
    big.createGraphics().drawImage(DemoImages.draw(0), 0, 0, 3000, 2000, null);
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        Thumbnails.blurredPng(big);
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        Thumbnails.clearPng(big);
      }
      long t2 = System.nanoTime();
      System.out.printf("3000x2000: blurred thumbnail %.1f ms, clear 512 px %.1f ms%n",
          (t1 - t0) / 20e6, (t2 - t1) / 20e6);
    }
  }
}
