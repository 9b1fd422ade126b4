package fr.vigie.hashing.scan;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/** Builds test trees and runs scans into a list. */
final class ScanFixture {

  private ScanFixture() {}

  /** Returns seeded random bytes. */
  static byte[] randomBytes(long seed, int n) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Returns an image with gradients and shapes, so its PDQ quality is high. */
  static BufferedImage picture(int seed, int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    Random r = new Random(seed);
    g.setPaint(new GradientPaint(0, 0, Color.BLUE, w, h, Color.ORANGE));
    g.fillRect(0, 0, w, h);
    for (int i = 0; i < 12; i++) {
      g.setColor(new Color(r.nextInt(0x1000000)));
      g.fillOval(r.nextInt(w), r.nextInt(h), 10 + r.nextInt(w / 2), 10 + r.nextInt(h / 2));
    }
    g.dispose();
    return img;
  }

  static byte[] encode(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, format, out)) {
      throw new IllegalStateException("no ImageIO writer for " + format);
    }
    return out.toByteArray();
  }

  static Path write(Path root, String relative, byte[] content) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.write(p, content);
  }

  /** Scans and returns the outcomes sorted by path. */
  static List<ScanOutcome> scan(TreeScanner scanner, Path root) throws Exception {
    List<ScanOutcome> out = Collections.synchronizedList(new ArrayList<>());
    scanner.scan(root, out::add, new ScanProgress());
    List<ScanOutcome> sorted = new ArrayList<>(out);
    sorted.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
    return sorted;
  }

  /** Returns the outcomes by relative path with '/' separators. */
  static Map<String, ScanOutcome> byPath(List<ScanOutcome> outcomes) {
    Map<String, ScanOutcome> m = new TreeMap<>();
    for (ScanOutcome o : outcomes) {
      if (m.put(o.path().toString(), o) != null) {
        throw new AssertionError("reported twice: " + o.path());
      }
    }
    return m;
  }

  /** Returns whether this JVM runs as root (chmod 000 then does not stop reads). */
  static boolean runningAsRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
