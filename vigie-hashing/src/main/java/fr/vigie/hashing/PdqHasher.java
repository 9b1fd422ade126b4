package fr.vigie.hashing;

import fr.vigie.hashing.PdqCore.Dihedral;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Computes PDQ hashes of photos, as Meta's reference command-line hasher does.
 *
 * <p>The pipeline: 8-bit samples (colour samples, never colour-managed; alpha ignored), by
 * default a nearest-neighbour pre-resize to 512x512 of any image with a side over 512 (the
 * reference CLI's shortcut, which {@code expected.tsv} reflects), float luminance, two rounds of
 * the Jarosz box filter, decimation to 64x64, quality, a 16x16 DCT, and one bit per coefficient
 * above the median. Images under 5 pixels on a side hash to {@link PdqHash#ZERO} with quality 0.
 *
 * <p>An instance keeps its buffers between calls (two floats per pixel of the largest image seen,
 * 512x512 at most with the default pre-resize), so it allocates almost nothing per image. It is
 * <b>not thread-safe</b>: use one per thread.
 */
public final class PdqHasher {

  /** How the image is brought to the size the blur works on. */
  public enum Resize {
    /**
     * The reference CLI's behaviour: an image with width or height over 512 is resized to exactly
     * 512x512 by nearest neighbour (source x = floor(x * W / 512)), ignoring the aspect ratio.
     */
    REFERENCE_512,
    /** Hash the full-resolution image (as the reference library and {@code expected_fullres}). */
    FULL_RESOLUTION
  }

  static final int PRE_RESIZE = 512;

  private final Resize resize;
  private final PdqCore core = new PdqCore();
  private float[] luma = new float[0];
  private int[] sourceCols = new int[0];
  private int[] rgbRow = new int[0];
  private int[] pixelOffsets = new int[0];

  /** Returns a hasher that follows the reference CLI, including its 512x512 pre-resize. */
  public PdqHasher() {
    this(Resize.REFERENCE_512);
  }

  /** Returns a hasher with the given resize behaviour. */
  public PdqHasher(Resize resize) {
    this.resize = Objects.requireNonNull(resize, "resize");
  }

  /** Returns the resize behaviour of this hasher. */
  public Resize resize() {
    return resize;
  }

  /** Returns the hash and quality of the image. */
  public PdqResult hash(BufferedImage image) {
    if (!loadLuma(image)) {
      return new PdqResult(PdqHash.ZERO, 0);
    }
    return new PdqResult(core.bits(Dihedral.ORIGINAL), core.quality());
  }

  /**
   * Returns the hash and quality of interleaved 8-bit RGB pixels, row-major, 3 bytes a pixel.
   *
   * @throws IllegalArgumentException if the array length is not {@code 3 * width * height}
   */
  public PdqResult hashRgb(byte[] rgb, int width, int height) {
    if (!loadLumaRgb(rgb, width, height)) {
      return new PdqResult(PdqHash.ZERO, 0);
    }
    return new PdqResult(core.bits(Dihedral.ORIGINAL), core.quality());
  }

  /**
   * Decodes the file (JPEG, PNG, GIF, BMP or WebP) and returns its hash.
   *
   * @throws UnreadableImageException if the file is not a complete image in one of those formats
   * @throws IOException if the file cannot be read
   */
  public PdqResult hash(Path file) throws IOException {
    return hash(ImageDecoder.decode(file));
  }

  /**
   * Decodes the bytes (JPEG, PNG, GIF, BMP or WebP) and returns their hash.
   *
   * @throws UnreadableImageException if the bytes are not a complete image in one of those formats
   */
  public PdqResult hash(byte[] encodedImage) throws UnreadableImageException {
    return hash(ImageDecoder.decode(encodedImage));
  }

  /** Returns the hashes of the image's eight rotations and mirror images, from one DCT. */
  public PdqDihedralResult hashDihedral(BufferedImage image) {
    if (!loadLuma(image)) {
      PdqHash z = PdqHash.ZERO;
      return new PdqDihedralResult(z, z, z, z, z, z, z, z, 0);
    }
    return new PdqDihedralResult(core.bits(Dihedral.ORIGINAL), core.bits(Dihedral.ROTATE_90),
        core.bits(Dihedral.ROTATE_180), core.bits(Dihedral.ROTATE_270),
        core.bits(Dihedral.FLIP_X), core.bits(Dihedral.FLIP_Y), core.bits(Dihedral.FLIP_PLUS_1),
        core.bits(Dihedral.FLIP_MINUS_1), core.quality());
  }

  /** Fills the luma buffer and runs the core; false when the image is too small to hash. */
  private boolean loadLuma(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (w < PdqCore.MIN_HASHABLE_DIM || h < PdqCore.MIN_HASHABLE_DIM) {
      return false;
    }
    boolean shrink = shrinks(w, h);
    int cols = shrink ? PRE_RESIZE : w;
    int rows = shrink ? PRE_RESIZE : h;
    float[] y = lumaBuffer(rows * cols);
    int[] srcCols = sourceColumns(w, cols);
    WritableRaster raster = image.getRaster();
    if (raster.getDataBuffer() instanceof DataBufferByte buffer
        && raster.getSampleModel() instanceof PixelInterleavedSampleModel sm
        && image.getColorModel() instanceof ComponentColorModel cm
        && (cm.getNumColorComponents() == 3 || cm.getNumColorComponents() == 1)
        && sm.getNumBands() == cm.getNumComponents()) {
      fromInterleavedBytes(raster, buffer, sm, cm.getNumColorComponents() == 3, rows, h, srcCols);
    } else {
      fromArgb(image, rows, h, srcCols);
    }
    core.lumaToDct(y, rows, cols);
    return true;
  }

  private boolean loadLumaRgb(byte[] rgb, int w, int h) {
    Objects.requireNonNull(rgb, "rgb");
    if (w < 0 || h < 0 || rgb.length != 3L * w * h) {
      throw new IllegalArgumentException("rgb must hold 3 * " + w + " * " + h
          + " bytes, had " + rgb.length);
    }
    if (w < PdqCore.MIN_HASHABLE_DIM || h < PdqCore.MIN_HASHABLE_DIM) {
      return false;
    }
    boolean shrink = shrinks(w, h);
    int cols = shrink ? PRE_RESIZE : w;
    int rows = shrink ? PRE_RESIZE : h;
    float[] y = lumaBuffer(rows * cols);
    int[] srcCols = sourceColumns(w, cols);
    for (int i = 0; i < rows; i++) {
      int src = (int) ((long) i * h / rows) * w * 3;
      int o = i * cols;
      for (int j = 0; j < cols; j++) {
        int p = src + srcCols[j] * 3;
        y[o + j] = luma(rgb[p] & 0xff, rgb[p + 1] & 0xff, rgb[p + 2] & 0xff);
      }
    }
    core.lumaToDct(y, rows, cols);
    return true;
  }

  private boolean shrinks(int w, int h) {
    return resize == Resize.REFERENCE_512 && (w > PRE_RESIZE || h > PRE_RESIZE);
  }

  /** The reference's luminance: float coefficients times 8-bit samples, summed R, G, B. */
  private static float luma(int r, int g, int b) {
    return 0.299f * r + 0.587f * g + 0.114f * b;
  }

  /**
   * Reads samples straight from the byte raster (JPEG and PNG decode to this). Greyscale samples
   * are used as they are, as the reference does: going through {@code getRGB} would apply a
   * colour conversion that moves a grey image's hash by tens of bits.
   */
  private void fromInterleavedBytes(WritableRaster raster, DataBufferByte buffer,
      PixelInterleavedSampleModel sm, boolean rgb, int rows, int h, int[] srcCols) {
    byte[] data = buffer.getData();
    int[] bandOffsets = sm.getBandOffsets();
    int pixelStride = sm.getPixelStride();
    int scanline = sm.getScanlineStride();
    int base = buffer.getOffset() - raster.getSampleModelTranslateY() * scanline
        - raster.getSampleModelTranslateX() * pixelStride;
    int cols = srcCols.length;
    // Column offsets within a row do not depend on the row: compute them once.
    int[] colOffsets = columnOffsets(srcCols, pixelStride);
    float[] y = luma;
    for (int i = 0; i < rows; i++) {
      int rowBase = base + (raster.getMinY() + (int) ((long) i * h / rows)) * scanline
          + raster.getMinX() * pixelStride;
      int o = i * cols;
      if (rgb) {
        int r0 = rowBase + bandOffsets[0];
        int g0 = rowBase + bandOffsets[1];
        int b0 = rowBase + bandOffsets[2];
        for (int j = 0; j < cols; j++) {
          int c = colOffsets[j];
          y[o + j] = luma(data[r0 + c] & 0xff, data[g0 + c] & 0xff, data[b0 + c] & 0xff);
        }
      } else {
        int v0 = rowBase + bandOffsets[0];
        for (int j = 0; j < cols; j++) {
          y[o + j] = data[v0 + colOffsets[j]] & 0xff;
        }
      }
    }
  }

  /** Any other layout (palettes, 16-bit, packed ints): sRGB through {@code getRGB}, a row at a time. */
  private void fromArgb(BufferedImage image, int rows, int h, int[] srcCols) {
    int w = image.getWidth();
    if (rgbRow.length < w) {
      rgbRow = new int[w];
    }
    int cols = srcCols.length;
    float[] y = luma;
    for (int i = 0; i < rows; i++) {
      image.getRGB(0, (int) ((long) i * h / rows), w, 1, rgbRow, 0, w);
      int o = i * cols;
      for (int j = 0; j < cols; j++) {
        int argb = rgbRow[srcCols[j]];
        y[o + j] = luma((argb >>> 16) & 0xff, (argb >>> 8) & 0xff, argb & 0xff);
      }
    }
  }

  private float[] lumaBuffer(int n) {
    if (luma.length < n) {
      luma = new float[n];
    }
    return luma;
  }

  /** Source column of each output column: floor(j * w / cols), the identity without resize. */
  private int[] sourceColumns(int w, int cols) {
    if (sourceCols.length != cols) {
      sourceCols = new int[cols];
    }
    for (int j = 0; j < cols; j++) {
      sourceCols[j] = (int) ((long) j * w / cols);
    }
    return sourceCols;
  }

  private int[] columnOffsets(int[] srcCols, int pixelStride) {
    if (pixelOffsets.length != srcCols.length) {
      pixelOffsets = new int[srcCols.length];
    }
    for (int j = 0; j < srcCols.length; j++) {
      pixelOffsets[j] = srcCols[j] * pixelStride;
    }
    return pixelOffsets;
  }
}
