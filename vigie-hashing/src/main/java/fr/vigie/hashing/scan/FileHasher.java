package fr.vigie.hashing.scan;

import fr.vigie.hashing.ContentDigester;
import fr.vigie.hashing.ContentHashes;
import fr.vigie.hashing.PdqHasher;
import fr.vigie.hashing.PdqResult;
import fr.vigie.hashing.UnreadableImageException;
import fr.vigie.hashing.scan.ScanOutcome.Hashed;
import fr.vigie.hashing.scan.ScanOutcome.Reason;
import fr.vigie.hashing.scan.ScanOutcome.Unreadable;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads one regular file once and returns its outcome. Holds a digester and a PDQ hasher, so it
 * is not thread-safe: the scanner gives one to each worker.
 */
final class FileHasher {

  /**
   * Image files are read whole into memory to be digested and decoded from the same bytes (one
   * read); over this size they are only digested and reported as {@link Reason#IMAGE_TOO_LARGE}.
   */
  static final long MAX_IMAGE_BYTES = 64L << 20;

  private final ContentDigester digester = new ContentDigester();
  private final PdqHasher pdqHasher = new PdqHasher();
  private final KnownContent known;
  private final Consumer<Path> afterOpen;

  FileHasher(KnownContent known) {
    this(known, path -> { });
  }

  /** {@code afterOpen} runs once the file is open: a test seam to change a file while it is read. */
  FileHasher(KnownContent known, Consumer<Path> afterOpen) {
    this.known = known;
    this.afterOpen = afterOpen;
  }

  ScanOutcome hash(Path file, Path relative, Instant modified) {
    // READ only, and NOFOLLOW_LINKS (O_NOFOLLOW): a file swapped for a link after the listing
    // fails instead of being followed out of the tree.
    try (SeekableByteChannel channel =
        Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long sizeAtOpen = channel.size();
      afterOpen.accept(file);
      InputStream in = Channels.newInputStream(channel);
      byte[] head = in.readNBytes(ImageSniffer.HEAD_BYTES);
      boolean image = ImageSniffer.looksLikeImage(head, head.length);
      if (image && sizeAtOpen <= MAX_IMAGE_BYTES) {
        byte[] rest = in.readAllBytes();
        byte[] all = new byte[head.length + rest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        ContentHashes hashes = digester.digest(all);
        if (changed(sizeAtOpen, hashes.size(), channel.size())) {
          return changedWhileRead(relative, sizeAtOpen, hashes.size());
        }
        return withPdq(relative, modified, hashes, all);
      }
      // SequenceInputStream closes each stream it exhausts: keep the channel open for size().
      InputStream rest = new FilterInputStream(in) {
        @Override
        public void close() {}
      };
      InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), rest);
      ContentHashes hashes = digester.digest(whole);
      if (changed(sizeAtOpen, hashes.size(), channel.size())) {
        return changedWhileRead(relative, sizeAtOpen, hashes.size());
      }
      if (image) {
        return new Unreadable(relative, Reason.IMAGE_TOO_LARGE, sizeAtOpen + " bytes, over "
            + MAX_IMAGE_BYTES + ": exact hashes only", Optional.of(hashes), known.exact(hashes));
      }
      return new Hashed(relative, modified, hashes, Optional.empty(), known.exact(hashes));
    } catch (IOException e) {
      return failure(relative, e);
    }
  }

  private ScanOutcome withPdq(Path relative, Instant modified, ContentHashes hashes, byte[] all) {
    PdqResult pdq;
    try {
      pdq = pdqHasher.hash(all);
    } catch (UnreadableImageException e) {
      return new Unreadable(relative, Reason.BROKEN_IMAGE, e.getMessage(), Optional.of(hashes),
          known.exact(hashes));
    }
    List<KnownMatch> matches = new ArrayList<>(known.exact(hashes));
    matches.addAll(known.similar(pdq));
    return new Hashed(relative, modified, hashes, Optional.of(pdq), matches);
  }

  private static boolean changed(long sizeAtOpen, long bytesRead, long sizeAtEnd) {
    return bytesRead != sizeAtOpen || sizeAtEnd != sizeAtOpen;
  }

  private static Unreadable changedWhileRead(Path relative, long sizeAtOpen, long bytesRead) {
    return new Unreadable(relative, Reason.CHANGED_WHILE_READ,
        "size was " + sizeAtOpen + " bytes at open, " + bytesRead + " bytes read");
  }

  /** Maps an I/O failure on an entry to its outcome; the scan carries on. */
  static Unreadable failure(Path relative, IOException e) {
    Reason reason = switch (e) {
      case AccessDeniedException a -> Reason.PERMISSION_DENIED;
      case NoSuchFileException n -> Reason.VANISHED;
      default -> Reason.IO_ERROR;
    };
    // The message of a FileSystemException is the absolute path; its reason is the useful part.
    String why = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    String detail = switch (reason) {
      case PERMISSION_DENIED -> "permission denied";
      case VANISHED -> "no longer exists";
      default -> e.getClass().getSimpleName() + (why == null ? "" : ": " + why);
    };
    return new Unreadable(relative, reason, detail);
  }
}
