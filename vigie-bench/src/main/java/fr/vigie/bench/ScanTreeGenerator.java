package fr.vigie.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Writes the deterministic tree the scan benchmark reads (seed 42): small files of 0 to 8 KiB in
 * folders of 100, a few large files of 8 to 48 MiB, and JPEG photos. Same arguments, same bytes.
 *
 * <pre>java -cp vigie-bench/target/benchmarks.jar fr.vigie.bench.ScanTreeGenerator DIR [small] [large] [photos]</pre>
 */
public final class ScanTreeGenerator {

  private ScanTreeGenerator() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    int small = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int large = args.length > 2 ? Integer.parseInt(args[2]) : 24;
    int photos = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    if (Files.exists(root)) {
      throw new IllegalArgumentException(root + " exists; remove it first");
    }
    SplittableRandom random = new SplittableRandom(42);
    long bytes = 0;
    for (int i = 0; i < small; i++) {
      byte[] b = new byte[random.nextInt(8193)];
      random.nextBytes(b);
      bytes += write(root.resolve("small/" + (i / 10_000) + "/" + (i / 100) + "/f" + i), b);
    }
    byte[] chunk = new byte[1 << 20];
    for (int i = 0; i < large; i++) {
      int mib = 8 + random.nextInt(41);
      Path p = Files.createDirectories(root.resolve("large")).resolve("big" + i + ".bin");
      try (OutputStream out = Files.newOutputStream(p)) {
        for (int m = 0; m < mib; m++) {
          random.nextBytes(chunk);
          out.write(chunk);
        }
      }
      bytes += (long) mib << 20;
    }
    for (int i = 0; i < photos; i++) {
      Path p = Files.createDirectories(root.resolve("photos/" + i / 50)).resolve("IMG_" + i + ".jpg");
      ImageIO.write(photo(random), "jpeg", p.toFile());
      bytes += Files.size(p);
    }
    System.out.printf("%d files, %d bytes (%.2f GB) under %s%n", small + large + photos, bytes,
        bytes / 1e9, root);
  }

  private static long write(Path p, byte[] b) throws IOException {
    Files.createDirectories(p.getParent());
    Files.write(p, b);
    return b.length;
  }

  private static BufferedImage photo(SplittableRandom r) {
    int w = 640;
    int h = 480;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(r.nextInt(0x1000000)), w, h,
        new Color(r.nextInt(0x1000000))));
    g.fillRect(0, 0, w, h);
    for (int k = 0; k < 20; k++) {
      g.setColor(new Color(r.nextInt(0x1000000)));
      g.fillOval(r.nextInt(w), r.nextInt(h), 10 + r.nextInt(300), 10 + r.nextInt(300));
    }
    g.dispose();
    return img;
  }
}
