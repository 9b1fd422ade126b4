package fr.vigie.app.matching;

import fr.vigie.formats.hashsets.CategoryScheme;
import fr.vigie.formats.hashsets.HashRecord;
import fr.vigie.formats.hashsets.HashRecordReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a hash-set file into the entries to import, the same way wherever it comes from
 * ({@code vigie hashset import} or the administration page): each hash of a record is one entry,
 * a hash seen twice is merged, a category the scheme does not know rejects its record.
 */
public final class HashSetFiles {

  private HashSetFiles() {}

  /** What was read: the entries, and how many records were rejected, skipped or merged. */
  public record Read(List<HashSetDraft.Entry> entries, long rejected, long skipped,
      long duplicates) {}

  /** Told of each record left out, with its position in the file. */
  public interface Notes {
    void rejected(long position, String reason);

    void skipped(long position, String reason);
  }

  /**
   * Reads every record of {@code reader}; {@code categories} is null for a set of known files
   * (category 0).
   */
  public static Read read(HashRecordReader reader, CategoryScheme categories, Notes notes)
      throws IOException {
    List<HashSetDraft.Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long rejected = 0;
    long skipped = 0;
    long duplicates = 0;
    Optional<HashRecord> next;
    while ((next = reader.next()).isPresent()) {
      switch (next.get()) {
        case HashRecord.Rejected r -> {
          rejected++;
          notes.rejected(r.position(), r.reason());
        }
        case HashRecord.Skipped s -> {
          skipped++;
          notes.skipped(s.position(), s.reason());
        }
        case HashRecord.Entry e -> {
          int category;
          try {
            category = categories == null ? 0 : categories.vigieCategory(e.category());
          } catch (IllegalArgumentException bad) {
            rejected++;
            notes.rejected(e.position(), bad.getMessage());
            continue;
          }
          String series = e.series() == null ? null
              : e.series().length() > 200 ? e.series().substring(0, 200) : e.series();
          String label = e.category() == null ? null
              : e.category().length() > 32 ? e.category().substring(0, 32) : e.category();
          String[][] hashes = {{"MD5", e.md5()}, {"SHA1", e.sha1()}, {"SHA256", e.sha256()},
              {"PDQ", e.pdq()}};
          for (String[] h : hashes) {
            if (h[1] == null) {
              continue;
            }
            if (seen.add(h[0] + h[1])) {
              entries.add(new HashSetDraft.Entry(h[0], h[1], category, label, series));
            } else {
              duplicates++;
            }
          }
        }
      }
    }
    return new Read(entries, rejected, skipped, duplicates);
  }
}
