package fr.vigie.hashing.scan;

import fr.vigie.hashing.ContentHashes;
import fr.vigie.hashing.PdqResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the scan found at one path of the tree. Paths are relative to the scanned root.
 *
 * <p>Exactly one outcome is reported for each entry that is not a directory, plus one for each
 * directory that could not be listed.
 */
public sealed interface ScanOutcome {

  /** Returns the path relative to the scanned root (never absolute, never empty). */
  Path path();

  /**
   * A regular file read to the end: its exact hashes, its PDQ hash when it is a decodable image,
   * and the known content it matched (empty when none).
   */
  record Hashed(Path path, Instant modified, ContentHashes hashes, Optional<PdqResult> pdq,
      List<KnownMatch> matches) implements ScanOutcome {
    public Hashed {
      requireRelative(path);
      Objects.requireNonNull(modified, "modified");
      Objects.requireNonNull(hashes, "hashes");
      Objects.requireNonNull(pdq, "pdq");
      matches = List.copyOf(matches);
    }

    /** Returns the size in bytes, as read. */
    public long size() {
      return hashes.size();
    }
  }

  /**
   * An entry that could not be fully processed. When the bytes were read but the image could not
   * be decoded, {@code hashes} holds the exact hashes and {@code matches} their exact matches.
   */
  record Unreadable(Path path, Reason reason, String detail, Optional<ContentHashes> hashes,
      List<KnownMatch> matches) implements ScanOutcome {
    public Unreadable {
      requireRelative(path);
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(hashes, "hashes");
      matches = List.copyOf(matches);
    }

    Unreadable(Path path, Reason reason, String detail) {
      this(path, reason, detail, Optional.empty(), List.of());
    }
  }

  /** Why an entry is {@link Unreadable}. */
  enum Reason {
    /** The file or directory could not be opened for lack of permission. */
    PERMISSION_DENIED,
    /** The entry disappeared between listing and reading. */
    VANISHED,
    /** The size changed while the file was read: the hashes would describe no real state. */
    CHANGED_WHILE_READ,
    /** The file starts like an image but does not decode; the exact hashes are reported. */
    BROKEN_IMAGE,
    /** The file starts like an image but is too large to decode in memory; hashes reported. */
    IMAGE_TOO_LARGE,
    /** Any other I/O error (bad sector, unmounted device, name not representable...). */
    IO_ERROR
  }

  /** An entry deliberately not read: a symbolic link or a special file. */
  record Skipped(Path path, Kind kind, String detail) implements ScanOutcome {
    public Skipped {
      requireRelative(path);
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Why an entry was {@link Skipped}. */
  enum Kind {
    /** A symbolic link whose target lies inside the tree; the target is hashed where it is. */
    LINK_INSIDE,
    /** A symbolic link whose target lies outside the tree; never followed. */
    LINK_OUTSIDE,
    /** A symbolic link whose target does not exist. */
    LINK_BROKEN,
    /** A FIFO, socket or device: opening it could block or read forever. */
    SPECIAL_FILE
  }

  private static void requireRelative(Path path) {
    Objects.requireNonNull(path, "path");
    if (path.isAbsolute() || path.toString().isEmpty()) {
      throw new IllegalArgumentException("path must be relative and not empty, was '" + path + "'");
    }
  }
}
