package fr.vigie.app.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.vigie.app.media.Pixels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The demo's generated pictures: the same for the same number, different between numbers. */
class DemoImagesTest {

  @Test
  void sameNumberSamePictureAndDifferentNumbersDiffer() throws Exception {
    assertArrayEquals(DemoImages.png(7), DemoImages.png(7));
    assertFalse(Arrays.equals(DemoImages.png(7), DemoImages.png(8)));
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(DemoImages.png(7)));
    assertEquals(DemoImages.WIDTH, decoded.getWidth());
    assertEquals(DemoImages.HEIGHT, decoded.getHeight());
    assertFalse(Pixels.grey(decoded), "in colour");
    assertTrue(Pixels.highFrequency(decoded) > 0, "with edges and detail to blur");
  }
}
