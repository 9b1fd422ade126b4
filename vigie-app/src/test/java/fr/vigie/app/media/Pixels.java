package fr.vigie.app.media;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;

/** Pixel measures for the thumbnail tests. */
public final class Pixels {

  private Pixels() {}

  /** Returns whether every pixel has equal red, green and blue. */
  public static boolean grey(BufferedImage image) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        if (r != g || g != (rgb & 0xFF)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Mean squared Laplacian of the luma: what fine detail and sharp edges amount to. */
  public static double highFrequency(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    double[] luma = new double[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        luma[y * w + x] = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF)
            + 0.114 * (rgb & 0xFF);
      }
    }
    double sum = 0;
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        double lap = 4 * luma[y * w + x] - luma[y * w + x - 1] - luma[y * w + x + 1]
            - luma[(y - 1) * w + x] - luma[(y + 1) * w + x];
        sum += lap * lap;
      }
    }
    return sum / ((w - 2) * (h - 2));
  }

  /** The image reduced (area-averaged) to the given size: the fair comparison for a thumbnail. */
  public static BufferedImage scaled(BufferedImage source, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(source.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING), 0, 0, null);
    g.dispose();
    return out;
  }
}
