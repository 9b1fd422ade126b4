package fr.vigie.app.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Files waiting for the import worker, under {@code $VIGIE_HOME/spool}: an upload is streamed
 * there in 64 KiB pieces (never held in memory) and refused past a size cap; the import job
 * deletes the file once it has run (QueuedImports).
 */
@Component
class Spool {

  /** The extension each accepted format is spooled with: what IntakeFiles detects formats by. */
  enum Format {
    XML(".xml"), ZIP(".zip"), JSONL(".jsonl"), CSV(".csv");

    final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    /** From {@code ?format=}: xml, zip, jsonl/ndjson, csv. */
    static Optional<Format> ofName(String name) {
      if (name == null || name.isBlank()) {
        return Optional.empty();
      }
      return switch (name.strip().toLowerCase(Locale.ROOT)) {
        case "xml", "cybertip", "cybertip_xml" -> Optional.of(XML);
        case "zip" -> Optional.of(ZIP);
        case "jsonl", "ndjson", "json-lines" -> Optional.of(JSONL);
        case "csv" -> Optional.of(CSV);
        default -> Optional.empty();
      };
    }

    /** From a file name's extension. */
    static Optional<Format> ofFileName(String fileName) {
      if (fileName == null) {
        return Optional.empty();
      }
      String n = fileName.strip().toLowerCase(Locale.ROOT);
      int dot = n.lastIndexOf('.');
      return dot < 0 ? Optional.empty() : ofName(n.substring(dot + 1));
    }

    /** From a Content-Type header (parameters such as charset ignored). */
    static Optional<Format> ofContentType(String contentType) {
      if (contentType == null) {
        return Optional.empty();
      }
      String t = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
      return switch (t) {
        case "application/xml", "text/xml" -> Optional.of(XML);
        case "application/zip", "application/x-zip-compressed" -> Optional.of(ZIP);
        case "application/x-ndjson", "application/jsonl", "application/x-jsonlines",
             "application/jsonlines" -> Optional.of(JSONL);
        case "text/csv" -> Optional.of(CSV);
        default -> Optional.empty();
      };
    }
  }

  /** The body was larger than the cap; the partial file is already deleted. */
  static final class TooLarge extends IOException {
    TooLarge(long limit) {
      super("the body exceeds the limit of " + limit + " bytes (vigie.intake.max-upload)");
    }
  }

  private final Path directory;
  private final long maxBytes;

  Spool(@Value("${vigie.home}") String home,
      @Value("${vigie.intake.max-upload:2GB}") DataSize maxUpload) {
    this.directory = Path.of(home).toAbsolutePath().resolve("spool");
    this.maxBytes = maxUpload.toBytes();
  }

  long maxBytes() {
    return maxBytes;
  }

  /**
   * Streams {@code in} to a new spool file with the format's extension and returns it.
   *
   * @throws TooLarge past the cap (the partial file is removed)
   */
  Path write(InputStream in, Format format) throws IOException {
    Files.createDirectories(directory);
    Path file = Files.createTempFile(directory, "upload-", format.extension);
    long total = 0;
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new TooLarge(maxBytes);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  /** Writes a corrected record (small, typed in a page) to a new spool file. */
  Path write(String text, Format format) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxBytes) {
      throw new TooLarge(maxBytes);
    }
    Files.createDirectories(directory);
    Path file = Files.createTempFile(directory, "corrected-", format.extension);
    Files.write(file, bytes);
    return file;
  }
}
