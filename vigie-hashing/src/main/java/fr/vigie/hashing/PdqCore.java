package fr.vigie.hashing;

import java.util.Arrays;

/**
 * The PDQ arithmetic from a luminance plane to the 16x16 DCT, the quality and the bits.
 *
 * <p>Every step repeats the reference's single-precision operations in the reference's order
 * (running sums of the box filter, DCT dot products from k = 0 up): float rounding then matches
 * bit for bit, and so do the hashes. Java never fuses multiply-adds on its own, which the
 * reference, built without FMA, does not do either.
 *
 * <p>An instance owns its work buffers and is not thread-safe.
 */
final class PdqCore {

  static final int MIN_HASHABLE_DIM = 5;
  private static final int JAROSZ_ROUNDS = 2;

  /** Rows 1..16 of the 64-point DCT-II matrix; row 0 (DC) carries no shape information. */
  private static final float[] DCT = dctMatrix();

  private float[] work = new float[0];
  private float[] colSums = new float[0];
  private final float[] a64 = new float[64 * 64];
  private final float[] t16x64 = new float[16 * 64];
  final float[] dct = new float[16 * 16];
  private final float[] aux = new float[16 * 16];
  private final float[] sorted = new float[16 * 16];
  private final int[] sampleCols = new int[64];
  private int quality;

  int quality() {
    return quality;
  }

  /**
   * Blurs and decimates {@code luma} (rows x cols, row-major; overwritten) to 64x64, then
   * computes the quality and the 16x16 DCT into {@link #dct}. Requires both sides >= 5.
   */
  void lumaToDct(float[] luma, int rows, int cols) {
    if (rows == 64 && cols == 64) {
      // The reference skips the blur when the input is already 64x64 (pre-scaled video frames).
      System.arraycopy(luma, 0, a64, 0, 64 * 64);
    } else {
      blurAndDecimate(luma, rows, cols);
    }
    quality = imageDomainQuality(a64);
    dct64To16();
  }

  /**
   * Two rounds of box blur along rows then columns (the Jarosz tent approximation), then the
   * 64x64 decimation. The last column pass runs only on the 64 columns the decimation reads.
   */
  private void blurAndDecimate(float[] luma, int rows, int cols) {
    int n = rows * cols;
    if (work.length < n) {
      work = new float[n];
    }
    if (colSums.length < cols) {
      colSums = new float[cols];
    }
    int windowAlongRows = (cols + 127) / 128;
    int windowAlongCols = (rows + 127) / 128;
    for (int j = 0; j < 64; j++) {
      sampleCols[j] = (int) (((j + 0.5) * cols) / 64);
    }
    for (int round = 0; round < JAROSZ_ROUNDS; round++) {
      for (int i = 0; i < rows; i++) {
        box1D(luma, work, i * cols, 1, cols, windowAlongRows);
      }
      if (round < JAROSZ_ROUNDS - 1) {
        boxAlongColumns(work, luma, rows, cols, windowAlongCols);
      } else {
        for (int j = 0; j < 64; j++) {
          box1D(work, luma, sampleCols[j], cols, rows, windowAlongCols);
        }
      }
    }
    for (int i = 0; i < 64; i++) {
      int row = (int) (((i + 0.5) * rows) / 64) * cols;
      for (int j = 0; j < 64; j++) {
        a64[i * 64 + j] = luma[row + sampleCols[j]];
      }
    }
  }

  /**
   * Box blur of one line: output i is the mean of inputs i - (w - half) .. i + half - 1 clipped
   * to the line, with half = (w + 2) / 2, computed with the reference's running float sum.
   */
  static void box1D(float[] in, float[] out, int start, int stride, int length, int window) {
    int half = (window + 2) / 2;
    int phase1 = half - 1;
    int phase2 = window - half + 1;
    int phase3 = length - window;
    int phase4 = half - 1;
    int li = start;
    int ri = start;
    int oi = start;
    float sum = 0.0f;
    int count = 0;
    for (int k = 0; k < phase1; k++) {
      sum += in[ri];
      count++;
      ri += stride;
    }
    for (int k = 0; k < phase2; k++) {
      sum += in[ri];
      count++;
      out[oi] = sum / count;
      ri += stride;
      oi += stride;
    }
    for (int k = 0; k < phase3; k++) {
      sum += in[ri];
      sum -= in[li];
      out[oi] = sum / count;
      li += stride;
      ri += stride;
      oi += stride;
    }
    for (int k = 0; k < phase4; k++) {
      sum -= in[li];
      count--;
      out[oi] = sum / count;
      li += stride;
      oi += stride;
    }
  }

  /**
   * The same filter as {@link #box1D} on every column at once, walking rows: each column sees
   * exactly the reference's sequence of float operations, but memory is read contiguously and
   * the inner loops vectorise, instead of striding a column at a time through the image.
   */
  private void boxAlongColumns(float[] in, float[] out, int rows, int cols, int window) {
    float[] sums = colSums;
    Arrays.fill(sums, 0, cols, 0.0f);
    int half = (window + 2) / 2;
    int phase1 = half - 1;
    int phase2 = window - half + 1;
    int phase3 = rows - window;
    int phase4 = half - 1;
    int li = 0;
    int ri = 0;
    int oi = 0;
    int count = 0;
    for (int k = 0; k < phase1; k++, ri += cols) {
      for (int j = 0; j < cols; j++) {
        sums[j] += in[ri + j];
      }
      count++;
    }
    for (int k = 0; k < phase2; k++, ri += cols, oi += cols) {
      count++;
      for (int j = 0; j < cols; j++) {
        float s = sums[j] + in[ri + j];
        sums[j] = s;
        out[oi + j] = s / count;
      }
    }
    for (int k = 0; k < phase3; k++, li += cols, ri += cols, oi += cols) {
      for (int j = 0; j < cols; j++) {
        float s = (sums[j] + in[ri + j]) - in[li + j];
        sums[j] = s;
        out[oi + j] = s / count;
      }
    }
    for (int k = 0; k < phase4; k++, li += cols, oi += cols) {
      count--;
      for (int j = 0; j < cols; j++) {
        float s = sums[j] - in[li + j];
        sums[j] = s;
        out[oi + j] = s / count;
      }
    }
  }

  /** Sum of quantised neighbour gradients, scaled; the constants are the reference's. */
  static int imageDomainQuality(float[] a) {
    int gradientSum = 0;
    for (int i = 0; i < 63; i++) {
      for (int j = 0; j < 64; j++) {
        float u = a[i * 64 + j];
        float v = a[(i + 1) * 64 + j];
        gradientSum += Math.abs((int) (((u - v) * 100) / 255));
      }
    }
    for (int i = 0; i < 64; i++) {
      for (int j = 0; j < 63; j++) {
        float u = a[i * 64 + j];
        float v = a[i * 64 + j + 1];
        gradientSum += Math.abs((int) (((u - v) * 100) / 255));
      }
    }
    return Math.min(100, gradientSum / 90);
  }

  /** B = D A D^T, only rows and columns 1..16 of the full 64-point DCT. */
  private void dct64To16() {
    float[] t = t16x64;
    Arrays.fill(t, 0.0f);
    // T = D A. The k loop is outside so that the j loop vectorises; each T[i][j] still adds its
    // products in k order starting from 0, as the reference's dot product does.
    for (int i = 0; i < 16; i++) {
      int ti = i * 64;
      for (int k = 0; k < 64; k++) {
        float d = DCT[i * 64 + k];
        int ak = k * 64;
        for (int j = 0; j < 64; j++) {
          t[ti + j] += d * a64[ak + j];
        }
      }
    }
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 16; j++) {
        float sum = 0.0f;
        for (int k = 0; k < 64; k++) {
          sum += t[i * 64 + k] * DCT[j * 64 + k];
        }
        dct[i * 16 + j] = sum;
      }
    }
  }

  /** Returns the hash of {@link #dct} seen through one of the eight dihedral transforms. */
  PdqHash bits(Dihedral variant) {
    float[] b = variant == Dihedral.ORIGINAL ? dct : variant.apply(dct, aux);
    System.arraycopy(b, 0, sorted, 0, 256);
    Arrays.sort(sorted);
    // The reference's Torben median of 256 values is the 128th smallest.
    float median = sorted[127];
    long[] w = new long[4];
    for (int k = 0; k < 256; k++) {
      if (b[k] > median) {
        w[3 - (k >>> 6)] |= 1L << (k & 63);
      }
    }
    return new PdqHash(w[0], w[1], w[2], w[3]);
  }

  private static float[] dctMatrix() {
    float[] d = new float[16 * 64];
    // The scale is rounded to float first and each product then rounded again, as the reference
    // does (float scale times double cosine, stored as float).
    float scale = (float) Math.sqrt(2.0 / 64.0);
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 64; j++) {
        d[i * 64 + j] = (float) (scale * Math.cos((Math.PI / 2.0 / 64.0) * (i + 1) * (2 * j + 1)));
      }
    }
    return d;
  }

  /**
   * The eight rotations and mirror images, as sign changes and transposition of the DCT: a
   * mirror flips the sign of odd-frequency cosines along its axis, a quarter turn swaps the axes.
   */
  enum Dihedral {
    ORIGINAL,
    ROTATE_90,
    ROTATE_180,
    ROTATE_270,
    FLIP_X,
    FLIP_Y,
    FLIP_PLUS_1,
    FLIP_MINUS_1;

    float[] apply(float[] a, float[] out) {
      for (int i = 0; i < 16; i++) {
        for (int j = 0; j < 16; j++) {
          float v = a[i * 16 + j];
          switch (this) {
            case ORIGINAL -> out[i * 16 + j] = v;
            case ROTATE_90 -> out[j * 16 + i] = (j & 1) != 0 ? v : -v;
            case ROTATE_180 -> out[i * 16 + j] = ((i + j) & 1) != 0 ? -v : v;
            case ROTATE_270 -> out[j * 16 + i] = (i & 1) != 0 ? v : -v;
            case FLIP_X -> out[i * 16 + j] = (i & 1) != 0 ? v : -v;
            case FLIP_Y -> out[i * 16 + j] = (j & 1) != 0 ? v : -v;
            case FLIP_PLUS_1 -> out[j * 16 + i] = v;
            case FLIP_MINUS_1 -> out[j * 16 + i] = ((i + j) & 1) != 0 ? -v : v;
          }
        }
      }
      return out;
    }
  }
}
