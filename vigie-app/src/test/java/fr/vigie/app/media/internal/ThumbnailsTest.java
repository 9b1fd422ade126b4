package fr.vigie.app.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.demo.DemoImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The blurred thumbnail keeps no colour and no detail; the clear picture is reduced. */
class ThumbnailsTest {

  @Test
  void theBlurredThumbnailIsGreyAndHasLittleHighFrequencyEnergy() throws IOException {
    for (int n = 0; n < 5; n++) {
      BufferedImage original = DemoImages.draw(n);
      BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(
          Thumbnails.blurredPng(original)));
      assertTrue(Math.max(thumb.getWidth(), thumb.getHeight()) <= Thumbnails.BLURRED_MAX);
      for (int y = 0; y < thumb.getHeight(); y++) {
        for (int x = 0; x < thumb.getWidth(); x++) {
          int rgb = thumb.getRGB(x, y);
          int r = (rgb >> 16) & 0xFF;
          int g = (rgb >> 8) & 0xFF;
          int b = rgb & 0xFF;
          assertTrue(r == g && g == b, "grey at " + x + "," + y + ": " + r + "," + g + "," + b);
        }
      }
      // Compared at the same size: the original reduced (area-averaged) to the thumbnail's.
      BufferedImage reference = scaled(original, thumb.getWidth(), thumb.getHeight());
      double blurred = highFrequency(thumb);
      double sharp = highFrequency(reference);
      assertTrue(blurred < sharp / 8, "picture " + n + ": high-frequency energy " + blurred
          + " vs " + sharp + " for the original at the same size");
    }
  }

  @Test
  void theClearPictureIsAtMost512PixelsASideAndKeepsItsColours() throws IOException {
    BufferedImage big = new BufferedImage(1600, 900, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 900; y++) {
      for (int x = 0; x < 1600; x++) {
        big.setRGB(x, y, x < 800 ? 0xCC2200 : 0x0033CC);
      }
    }
    BufferedImage clear = ImageIO.read(new ByteArrayInputStream(Thumbnails.clearPng(big)));
    assertEquals(512, clear.getWidth());
    assertEquals(288, clear.getHeight());
    int left = clear.getRGB(100, 100);
    assertTrue(((left >> 16) & 0xFF) > 150 && (left & 0xFF) < 60, Integer.toHexString(left));
    BufferedImage small = DemoImages.draw(1);
    BufferedImage same = ImageIO.read(new ByteArrayInputStream(Thumbnails.clearPng(small)));
    assertEquals(small.getWidth(), same.getWidth(), "small pictures are not enlarged");
  }

  /** Mean squared Laplacian of the luma: what fine detail and sharp edges amount to. */
  static double highFrequency(BufferedImage image) {
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

  static BufferedImage scaled(BufferedImage source, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = out.createGraphics();
    g.drawImage(source.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
    g.dispose();
    return out;
  }
}
