package fr.vigie.app.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.demo.DemoImages;
import fr.vigie.app.media.Pixels;
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
      assertTrue(Pixels.grey(thumb), "every pixel grey");
      assertFalse(Pixels.grey(original), "the original has colour");
      // Compared at the same size: the original reduced (area-averaged) to the thumbnail's.
      BufferedImage reference = Pixels.scaled(original, thumb.getWidth(), thumb.getHeight());
      double blurred = Pixels.highFrequency(thumb);
      double sharp = Pixels.highFrequency(reference);
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
}
