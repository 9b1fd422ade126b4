package fr.vigie.app.administration;

import fr.vigie.app.matching.HashSetDraft;
import fr.vigie.app.matching.HashSetFiles;
import fr.vigie.app.matching.HashSetImport;
import fr.vigie.app.matching.HashSets;
import fr.vigie.app.matching.ImportOutcome;
import fr.vigie.app.security.Access;
import fr.vigie.formats.hashsets.CategoryScheme;
import fr.vigie.formats.hashsets.HashCsvReader;
import fr.vigie.formats.hashsets.HashRecordReader;
import fr.vigie.formats.hashsets.NsrlRdsReader;
import fr.vigie.formats.hashsets.VicsReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * A hash set imported from the administration page, as {@code vigie hashset import} does it:
 * the same formats (vics, csv, nsrl), the same category schemes (never guessed), the same
 * defaults, run at once; {@link HashSets#importVersion} records it under the administrator's
 * name as it records the command under {@code cli:<user>}.
 */
@Service
public class HashSetUpload {

  /** The formats {@code vigie hashset import} reads. */
  public enum Format { VICS, CSV, NSRL }

  private final HashSets hashSets;

  HashSetUpload(HashSets hashSets) {
    this.hashSets = hashSets;
  }

  /** Imports the uploaded file (already on disk, deleted by the caller). */
  public AdminOutcome importFile(Access admin, Path file, String formatName, String schemeName,
      String name, String version, String authority, String legalBasis) {
    Format format = parse(formatName);
    if (format == null) {
      return AdminOutcome.refused("hashsets.refused.format");
    }
    String setName = blankToNull(name);
    if (setName == null || setName.length() > 200) {
      return AdminOutcome.refused("hashsets.refused.name");
    }
    String v = blankToNull(version) == null ? LocalDate.now(ZoneOffset.UTC).toString()
        : version.strip();
    if (v.length() > 64) {
      return AdminOutcome.refused("hashsets.refused.version");
    }
    CategoryScheme scheme = null;
    if (format != Format.NSRL) {
      if (blankToNull(schemeName) == null) {
        return AdminOutcome.refused("hashsets.refused.scheme");
      }
      try {
        scheme = CategoryScheme.of(schemeName.strip());
      } catch (IllegalArgumentException e) {
        return AdminOutcome.refused("hashsets.refused.scheme");
      }
    }
    HashSetFiles.Read read;
    try (HashRecordReader reader = open(format, file)) {
      read = HashSetFiles.read(reader, scheme, new HashSetFiles.Notes() {
        @Override
        public void rejected(long position, String reason) {}

        @Override
        public void skipped(long position, String reason) {}
      });
    } catch (IOException | RuntimeException e) {
      return AdminOutcome.refused("hashsets.refused.unreadable", String.valueOf(e.getMessage()));
    }
    if (read.entries().isEmpty()) {
      return AdminOutcome.refused("hashsets.refused.empty", read.rejected(), read.skipped());
    }
    HashSetDraft draft = new HashSetDraft(setName, v, format.name(),
        format == Format.NSRL ? "KNOWN_GOOD" : "NOTABLE", authority(format, authority), null,
        blankToNull(legalBasis), read.entries());
    ImportOutcome outcome = hashSets.importVersion(new HashSetImport(draft,
        scheme == null ? null : scheme.name(), read.rejected(), read.skipped()),
        admin.caller().username());
    return switch (outcome) {
      case ImportOutcome.Unchanged u -> AdminOutcome.refused("hashsets.refused.known", setName, v);
      case ImportOutcome.Older o ->
          AdminOutcome.refused("hashsets.refused.older", setName, o.activeVersion(), v);
      case ImportOutcome.Imported i -> AdminOutcome.done("hashsets.upload.imported", setName, v,
          draft.entries().size(), read.rejected(), read.skipped());
    };
  }

  private static HashRecordReader open(Format format, Path file) throws IOException {
    return switch (format) {
      case NSRL -> NsrlRdsReader.open(file);
      case VICS -> new VicsReader(Files.newInputStream(file));
      case CSV -> new HashCsvReader(
          new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    };
  }

  private static String authority(Format format, String given) {
    if (blankToNull(given) != null) {
      return given.strip();
    }
    return switch (format) {
      case VICS -> "Project VIC";
      case NSRL -> "NIST NSRL";
      case CSV -> "unspecified";
    };
  }

  private static Format parse(String value) {
    if (value == null) {
      return null;
    }
    for (Format f : Format.values()) {
      if (f.name().equals(value.strip().toUpperCase(Locale.ROOT))) {
        return f;
      }
    }
    return null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
