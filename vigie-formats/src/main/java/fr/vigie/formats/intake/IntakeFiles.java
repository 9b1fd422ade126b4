package fr.vigie.formats.intake;

import fr.vigie.formats.cybertip.CyberTipFiles;
import fr.vigie.formats.cybertip.CyberTipOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Opens a file of reports in any format Vigie reads and returns its records, each accepted or
 * rejected with where and why (docs/formats.md).
 */
public final class IntakeFiles {

  private IntakeFiles() {}

  /** The formats an input of reports may have. */
  public enum Format { CYBERTIP_XML, JSONL, CSV }

  /**
   * The format of the file: a zip or {@code .xml} is CyberTipline XML; {@code .jsonl} and
   * {@code .ndjson} are Vigie JSON Lines; {@code .csv} is Vigie CSV.
   *
   * @throws IOException when the file cannot be read or its format is not one of these
   */
  public static Format detect(Path path) throws IOException {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    byte[] magic;
    try (InputStream in = Files.newInputStream(path)) {
      magic = in.readNBytes(4);
    }
    if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3
        && magic[3] == 4) {
      return Format.CYBERTIP_XML;
    }
    if (name.endsWith(".xml")) {
      return Format.CYBERTIP_XML;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Format.JSONL;
    }
    if (name.endsWith(".csv")) {
      return Format.CSV;
    }
    throw new IOException(path.getFileName() + ": unknown format (expected .xml, .zip, "
        + ".jsonl, .ndjson or .csv)");
  }

  /** The records of the file at {@code path}; close the stream to release the file. */
  public static Stream<CyberTipOutcome> read(Path path) throws IOException {
    return switch (detect(path)) {
      case CYBERTIP_XML -> CyberTipFiles.read(path);
      case JSONL, CSV -> throw new IOException(path.getFileName()
          + ": JSON Lines and CSV reports are not read yet");
    };
  }
}
