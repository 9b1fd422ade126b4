package fr.vigie.hashing.scan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Totals of a scan, gathered as a sink: files hashed and bytes, files per match category, and
 * unreadable and skipped entries with the first few reasons. Memory is bounded: categories are
 * few and only the first {@link #FIRST_REASONS} unreadable entries are kept. Thread-safe.
 */
public final class ScanSummary implements ScanSink {

  /** How many unreadable entries are kept with their reason. */
  public static final int FIRST_REASONS = 20;

  private long hashed;
  private long bytes;
  private long unreadable;
  private long images;
  private final Map<String, Long> filesByCategory = new TreeMap<>();
  private final Map<ScanOutcome.Reason, Long> unreadableByReason =
      new EnumMap<>(ScanOutcome.Reason.class);
  private final Map<ScanOutcome.Kind, Long> skippedByKind = new EnumMap<>(ScanOutcome.Kind.class);
  private final List<ScanOutcome.Unreadable> firstUnreadable = new ArrayList<>();

  @Override
  public synchronized void accept(ScanOutcome outcome) {
    switch (outcome) {
      case ScanOutcome.Hashed h -> {
        hashed++;
        bytes += h.size();
        if (h.pdq().isPresent()) {
          images++;
        }
        countCategories(h.matches());
      }
      case ScanOutcome.Unreadable u -> {
        unreadable++;
        unreadableByReason.merge(u.reason(), 1L, Long::sum);
        if (firstUnreadable.size() < FIRST_REASONS) {
          firstUnreadable.add(u);
        }
        u.hashes().ifPresent(h -> bytes += h.size());
        countCategories(u.matches());
      }
      case ScanOutcome.Skipped s -> skippedByKind.merge(s.kind(), 1L, Long::sum);
    }
  }

  /** A file counts once per category, however many hash sets or hashes matched it. */
  private void countCategories(List<KnownMatch> matches) {
    Set<String> seen = new HashSet<>();
    for (KnownMatch m : matches) {
      if (seen.add(m.category())) {
        filesByCategory.merge(m.category(), 1L, Long::sum);
      }
    }
  }

  /** Returns the number of files read and hashed (including those with an undecodable image). */
  public synchronized long hashedFiles() {
    return hashed + unreadableByReason.getOrDefault(ScanOutcome.Reason.BROKEN_IMAGE, 0L)
        + unreadableByReason.getOrDefault(ScanOutcome.Reason.IMAGE_TOO_LARGE, 0L);
  }

  /** Returns the bytes of every hashed file. */
  public synchronized long bytes() {
    return bytes;
  }

  /** Returns the number of files with a PDQ hash. */
  public synchronized long images() {
    return images;
  }

  /** Returns the number of unreadable entries. */
  public synchronized long unreadable() {
    return unreadable;
  }

  /** Returns files matched per category, sorted by category. */
  public synchronized Map<String, Long> filesByCategory() {
    return new TreeMap<>(filesByCategory);
  }

  /** Returns unreadable entries per reason. */
  public synchronized Map<ScanOutcome.Reason, Long> unreadableByReason() {
    return new EnumMap<>(unreadableByReason);
  }

  /** Returns skipped entries per kind. */
  public synchronized Map<ScanOutcome.Kind, Long> skippedByKind() {
    return new EnumMap<>(skippedByKind);
  }

  /** Returns the first {@link #FIRST_REASONS} unreadable entries, in the order they came. */
  public synchronized List<ScanOutcome.Unreadable> firstUnreadable() {
    return List.copyOf(firstUnreadable);
  }

  /** Returns the summary as a few lines of text for a terminal. */
  public synchronized String toText() {
    StringBuilder b = new StringBuilder();
    b.append(hashedFiles()).append(" files hashed, ").append(bytes).append(" bytes, ")
        .append(images).append(" images with PDQ\n");
    if (filesByCategory.isEmpty()) {
      b.append("no known content\n");
    }
    filesByCategory.forEach((c, n) -> b.append("  ").append(c).append(": ").append(n)
        .append(" files\n"));
    skippedByKind.forEach((k, n) -> b.append("skipped ").append(k).append(": ").append(n)
        .append('\n'));
    b.append(unreadable).append(" unreadable");
    unreadableByReason.forEach((r, n) -> b.append(", ").append(r).append(' ').append(n));
    b.append('\n');
    for (ScanOutcome.Unreadable u : firstUnreadable) {
      b.append("  ").append(u.path()).append(": ").append(u.reason()).append(" (")
          .append(u.detail()).append(")\n");
    }
    return b.toString();
  }
}
