package fr.vigie.app.demo;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Generated pictures for the demo's media: gradients, discs, bars and triangles drawn with
 * Java2D from a seed — abstract shapes only, never anything resembling a person — so that the
 * blurred thumbnails and the reveal can be seen. Same number, same picture.
 */
public final class DemoImages {

  public static final int WIDTH = 320;
  public static final int HEIGHT = 240;

  private DemoImages() {}

  /** Returns picture {@code n} as PNG. */
  public static byte[] png(int n) {
    BufferedImage image = draw(n);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns picture {@code n}. */
  public static BufferedImage draw(int n) {
    Random random = new Random(0x5EED_1A6EL + 7919L * n);
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setPaint(new GradientPaint(0, 0, colour(random), WIDTH, HEIGHT, colour(random)));
      g.fillRect(0, 0, WIDTH, HEIGHT);
      int shapes = 6 + random.nextInt(8);
      for (int s = 0; s < shapes; s++) {
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER,
            0.45f + random.nextFloat() * 0.5f));
        g.setColor(colour(random));
        int x = random.nextInt(WIDTH);
        int y = random.nextInt(HEIGHT);
        int size = 20 + random.nextInt(110);
        switch (random.nextInt(4)) {
          case 0 -> g.fill(new Ellipse2D.Double(x - size / 2.0, y - size / 2.0, size, size));
          case 1 -> g.fill(new Rectangle2D.Double(x, y, size * 1.6, size / 3.0));
          case 2 -> g.fillPolygon(new Polygon(new int[] {x, x + size, x + size / 2},
              new int[] {y + size, y + size, y}, 3));
          default -> {
            g.setStroke(new BasicStroke(3 + random.nextInt(9)));
            g.drawLine(x, y, random.nextInt(WIDTH), random.nextInt(HEIGHT));
          }
        }
      }
      // A fine checker in one corner: detail that the blurred thumbnail must not keep.
      g.setComposite(AlphaComposite.SrcOver);
      g.setColor(Color.WHITE);
      for (int cy = 0; cy < 48; cy += 4) {
        for (int cx = (cy / 4) % 2 * 4; cx < 64; cx += 8) {
          g.fillRect(WIDTH - 64 + cx, HEIGHT - 48 + cy, 4, 4);
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static Color colour(Random random) {
    return Color.getHSBColor(random.nextFloat(), 0.35f + random.nextFloat() * 0.55f,
        0.4f + random.nextFloat() * 0.6f);
  }
}
