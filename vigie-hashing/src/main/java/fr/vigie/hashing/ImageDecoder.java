package fr.vigie.hashing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image bytes with ImageIO readers, refusing anything not decoded cleanly: the JDK's for
 * PNG, GIF and BMP, TwelveMonkeys' for WebP (pure Java, so a hostile file meets bounds-checked
 * code, not a native decoder) and JPEG.
 *
 * <p>TwelveMonkeys' JPEG reader is documented to read CMYK, YCCK and JPEGs with damaged Adobe
 * or ICC markers that the JDK's refuses (not tested here), and hands ordinary ones to the JDK's
 * decoder: the PDQ reference-vector test gives the same hashes
 * bit for bit with it as without (checked when it was added). It ranks itself before the JDK's
 * reader, so which one decodes a JPEG does not depend on class-path order.
 *
 * <p>A reader may look a few bytes past the end of the data (a bit reader filling its buffer),
 * but one that keeps reading there is decoding a picture its file does not hold: TwelveMonkeys'
 * lossless WebP decoder takes every read past the end as zeros, without a warning, so that a
 * 271-byte file whose header says 128 x 14,344 pixels took 16 s (one EOFException caught per
 * read) and came out hashed. Past {@link #READS_PAST_END} such reads the decoding is refused.
 *
 * <p>Why not {@link ImageIO#read}: it returns null for an unknown format, and for a truncated
 * JPEG it only emits a warning and returns a picture whose missing part is grey, which would then
 * be hashed as if it were the real image. Here warnings are failures, and so is any runtime
 * exception a reader throws on hostile input.
 */
final class ImageDecoder {

  /** Refuse decompression bombs before allocating: 100 megapixels is a 400 MB raster already. */
  static final long MAX_PIXELS = 100_000_000L;

  /** Reads past the end of the data a reader may make before the image is refused as cut. */
  static final int READS_PAST_END = 64;

  static {
    // Registered by hand as well as through META-INF/services: ImageIO scans for plug-ins with
    // the context class loader of the first thread that uses it, which inside the application's
    // nested jar, or on a pool thread, may not see this library.
    IIORegistry registry = IIORegistry.getDefaultInstance();
    registry.registerServiceProvider(new com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi());
    registry.registerServiceProvider(new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi());
  }

  private ImageDecoder() {}

  static BufferedImage decode(Path file) throws IOException {
    return decode(Files.readAllBytes(file), file.toString());
  }

  static BufferedImage decode(byte[] bytes) throws UnreadableImageException {
    return decode(bytes, bytes.length + " bytes");
  }

  private static BufferedImage decode(byte[] bytes, String what) throws UnreadableImageException {
    checkRiffLength(bytes, what);
    // A memory cache, not ImageIO.createImageInputStream: that one spools the stream to a temporary
    // file by default, which is slow and would leave copies of seized images on the examiner's disk.
    try (ImageInputStream in = new EndBound(bytes)) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new UnreadableImageException("not a JPEG, PNG, GIF, BMP or WebP image: " + what);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS) {
          throw new UnreadableImageException(what + " is " + reader.getWidth(0) + "x"
              + reader.getHeight(0) + ", over the limit of " + MAX_PIXELS + " pixels");
        }
        BufferedImage image = reader.read(0);
        if (!warnings.isEmpty()) {
          throw new UnreadableImageException(
              "corrupt or truncated " + reader.getFormatName() + " (" + what + "): " + warnings);
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (UnreadableImageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Readers throw IIOException, but also IndexOutOfBounds, IllegalArgument, NegativeArraySize
      // on crafted input; all mean the same to the caller: this file is not a readable image.
      throw new UnreadableImageException("cannot decode " + what + ": " + e, e);
    }
  }

  /** The bytes as a reader sees them, refusing a reader that keeps reading past their end. */
  private static final class EndBound extends MemoryCacheImageInputStream {
    private int pastEnd;

    EndBound(byte[] bytes) {
      super(new ByteArrayInputStream(bytes));
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        pastEnd();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n < 0) {
        pastEnd();
      }
      return n;
    }

    /** Not an EOFException, which a bit reader may catch and go on as if zeros followed. */
    private void pastEnd() throws IIOException {
      if (++pastEnd > READS_PAST_END) {
        throw new IIOException("the decoder read past the end of the data " + pastEnd
            + " times: the image is cut short or corrupt");
      }
    }
  }

  /**
   * A WebP file states its length in its RIFF header. TwelveMonkeys' lossless decoder reads
   * past the end of a truncated file as if zeros followed, without a warning, so the cut is
   * caught here: a file shorter than its header says is refused before decoding.
   */
  private static void checkRiffLength(byte[] b, String what) throws UnreadableImageException {
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
        && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
      long declared = 8 + ((b[4] & 0xFFL) | (b[5] & 0xFFL) << 8 | (b[6] & 0xFFL) << 16
          | (b[7] & 0xFFL) << 24);
      if (b.length < declared) {
        throw new UnreadableImageException("truncated WebP (" + what + "): " + b.length
            + " bytes, its header says " + declared);
      }
    }
  }
}
