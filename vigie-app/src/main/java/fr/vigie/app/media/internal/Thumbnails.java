package fr.vigie.app.media.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The two pictures the media page may show, drawn on the server so that the browser never
 * receives more than it displays.
 *
 * <p>The blurred thumbnail keeps almost nothing: the image is averaged down to at most
 * {@value #BLUR_GRID} pixels on its longer side, turned to grey, box-blurred three times, and only
 * then enlarged (smoothly) to the displayed size. What reaches the browser is a grey shape with
 * the image's rough layout and light, enough to tell a photo from a screenshot and no more.
 * The clear picture, shown only after a reveal, is at most {@value #CLEAR_MAX} pixels a side.
 */
public final class Thumbnails {

  static final int BLUR_GRID = 24;
  static final int BLURRED_MAX = 192;
  public static final int CLEAR_MAX = 512;

  private Thumbnails() {}

  /** Returns the blurred, greyscale thumbnail as PNG (8-bit grey). */
  public static byte[] blurredPng(BufferedImage source) {
    int w = source.getWidth();
    int h = source.getHeight();
    double scale = Math.min(1.0, (double) BLUR_GRID / Math.max(w, h));
    int gw = Math.max(1, (int) Math.round(w * scale));
    int gh = Math.max(1, (int) Math.round(h * scale));
    float[] grid = areaAverageLuma(source, gw, gh);
    for (int pass = 0; pass < 3; pass++) {
      grid = boxBlur(grid, gw, gh);
    }
    double up = (double) BLURRED_MAX / Math.max(gw, gh);
    int ow = Math.max(1, (int) Math.round(gw * up));
    int oh = Math.max(1, (int) Math.round(gh * up));
    BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_BYTE_GRAY);
    byte[] pixels = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < oh; y++) {
      double sy = Math.max(0, Math.min(gh - 1, (y + 0.5) * gh / oh - 0.5));
      int y0 = (int) sy;
      int y1 = Math.min(gh - 1, y0 + 1);
      double fy = sy - y0;
      for (int x = 0; x < ow; x++) {
        double sx = Math.max(0, Math.min(gw - 1, (x + 0.5) * gw / ow - 0.5));
        int x0 = (int) sx;
        int x1 = Math.min(gw - 1, x0 + 1);
        double fx = sx - x0;
        double v = (1 - fy) * ((1 - fx) * grid[y0 * gw + x0] + fx * grid[y0 * gw + x1])
            + fy * ((1 - fx) * grid[y1 * gw + x0] + fx * grid[y1 * gw + x1]);
        pixels[y * ow + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
      }
    }
    return png(out);
  }

  /** Returns the picture in colour, at most {@value #CLEAR_MAX} pixels a side, as PNG. */
  public static byte[] clearPng(BufferedImage source) {
    BufferedImage current = toRgb(source);
    int w = current.getWidth();
    int h = current.getHeight();
    double scale = Math.min(1.0, (double) CLEAR_MAX / Math.max(w, h));
    int tw = Math.max(1, (int) Math.round(w * scale));
    int th = Math.max(1, (int) Math.round(h * scale));
    // Halving steps, then the last one: bilinear alone would skip pixels on large reductions.
    while (current.getWidth() / 2 >= tw && current.getHeight() / 2 >= th) {
      current = resize(current, current.getWidth() / 2, current.getHeight() / 2);
    }
    if (current.getWidth() != tw || current.getHeight() != th) {
      current = resize(current, tw, th);
    }
    return png(current);
  }

  /** Luma (BT.601) averaged over the source pixels each grid cell covers. */
  private static float[] areaAverageLuma(BufferedImage source, int gw, int gh) {
    int w = source.getWidth();
    int h = source.getHeight();
    double[] sum = new double[gw * gh];
    int[] count = new int[gw * gh];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      source.getRGB(0, y, w, 1, row, 0, w);
      int gy = Math.min(gh - 1, (int) ((long) y * gh / h));
      for (int x = 0; x < w; x++) {
        int rgb = row[x];
        int gx = Math.min(gw - 1, (int) ((long) x * gw / w));
        double luma = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF)
            + 0.114 * (rgb & 0xFF);
        sum[gy * gw + gx] += luma;
        count[gy * gw + gx]++;
      }
    }
    float[] grid = new float[gw * gh];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = count[i] == 0 ? 0 : (float) (sum[i] / count[i]);
    }
    return grid;
  }

  /** A 3x3 box blur, edges clamped. */
  private static float[] boxBlur(float[] in, int w, int h) {
    float[] out = new float[in.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float s = 0;
        int n = 0;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int yy = Math.max(0, Math.min(h - 1, y + dy));
            int xx = Math.max(0, Math.min(w - 1, x + dx));
            s += in[yy * w + xx];
            n++;
          }
        }
        out[y * w + x] = s / n;
      }
    }
    return out;
  }

  private static BufferedImage toRgb(BufferedImage source) {
    if (source.getType() == BufferedImage.TYPE_INT_RGB) {
      return source;
    }
    BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.drawImage(source, 0, 0, null);
    } finally {
      g.dispose();
    }
    return rgb;
  }

  private static BufferedImage resize(BufferedImage source, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
          RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer");
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
