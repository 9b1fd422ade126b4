package fr.vigie.app.media;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditEvent;
import fr.vigie.app.audit.AuditLog;
import fr.vigie.app.intake.DeclaredMedia;
import fr.vigie.app.intake.MediaContentFacts;
import fr.vigie.app.intake.MediaRecords;
import fr.vigie.app.matching.MediaMatching;
import fr.vigie.hashing.ContentDigester;
import fr.vigie.hashing.ContentHashes;
import fr.vigie.hashing.ImageFiles;
import fr.vigie.hashing.PdqHasher;
import fr.vigie.hashing.PdqResult;
import fr.vigie.hashing.UnreadableImageException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Service;

/**
 * Brings the content of reported files into the store: each file is hashed once (MD5, SHA-1,
 * SHA-256 in one pass, PDQ for images), matched to the media rows that declared one of its
 * hashes, stored encrypted, and recorded on those rows; their matching is then queued. A file no
 * row declared is reported and not kept: Vigie holds content only for what a report names.
 */
@Service
public class MediaImport {

  /** Images over this size are stored but not decoded for PDQ (a 256 MB image is a bomb). */
  static final long MAX_IMAGE_BYTES = 64L << 20;

  private final MediaStore store;
  private final MediaRecords records;
  private final MediaMatching matching;
  private final AuditLog audit;
  private final Clock clock;

  MediaImport(MediaStore store, MediaRecords records, MediaMatching matching, AuditLog audit,
      Clock clock) {
    this.store = store;
    this.records = records;
    this.matching = matching;
    this.audit = audit;
    this.clock = clock;
  }

  /** Returns the media store's folder, which an import must never read from or write into. */
  public Path storeRoot() {
    return store.root();
  }

  /**
   * Imports the files (not folders: the caller walks them) and returns what happened; the
   * import is on the audit record under {@code actor}.
   *
   * @param progress incremented once per file
   */
  public MediaImportSummary importFiles(List<Path> files, String actor, LongAdder progress) {
    ContentDigester digester = new ContentDigester();
    PdqHasher hasher = new PdqHasher();
    Set<Long> attached = new LinkedHashSet<>();
    List<String> unmatched = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    int stored = 0;
    int already = 0;
    for (Path file : files) {
      try {
        if (file.toAbsolutePath().normalize().startsWith(store.root())) {
          throw new IOException("inside the media store; not read");
        }
        ContentHashes hashes = digester.digest(file);
        List<DeclaredMedia> rows = records.declaring(hashes.md5(), hashes.sha1(),
            hashes.sha256());
        if (rows.isEmpty()) {
          unmatched.add(file.toString());
          continue;
        }
        MediaContentFacts facts = analyse(file, hashes, hasher);
        if (store.put(file, hashes.sha256())) {
          stored++;
        } else {
          already++;
        }
        for (DeclaredMedia row : rows) {
          String mismatch = records.attachContent(row.id(), facts, clock.instant());
          if (mismatch != null) {
            mismatches.add("media " + row.id() + " (" + file + "): " + mismatch);
          }
          attached.add(row.id());
        }
      } catch (IOException | RuntimeException e) {
        unreadable.add(file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      } finally {
        progress.increment();
      }
    }
    matching.requestMatch(List.copyOf(attached));
    MediaImportSummary summary = new MediaImportSummary(files.size(), stored, already,
        attached.size(), unmatched, mismatches, unreadable);
    audit.record(AuditEvent.of(actor, null, AuditAction.CREATE, "media_content", null, null,
        null).withDetail(String.format(Locale.ROOT,
            "files=%d stored=%d already=%d rows=%d unmatched=%d mismatches=%d unreadable=%d",
            summary.files(), stored, already, attached.size(), unmatched.size(),
            mismatches.size(), unreadable.size())));
    return summary;
  }

  /**
   * Stores generated demo content for one demo row, replacing the row's invented hashes by the
   * content's; not for real data.
   */
  public void attachDemoContent(long mediaId, byte[] content) {
    MediaContentFacts facts = analyse(content, new ContentDigester().digest(content),
        new PdqHasher());
    store.put(content);
    records.attachDemoContent(mediaId, facts, clock.instant());
  }

  /** Returns up to {@code limit} media ids without content, their SHA-256 not in {@code except}. */
  public List<Long> withoutContent(int limit, Set<String> except) {
    return limit <= 0 ? List.of() : records.withoutContent(limit, except);
  }

  private static MediaContentFacts analyse(Path file, ContentHashes hashes, PdqHasher hasher)
      throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(32);
    }
    String type = ContentSniffer.typeOf(head);
    if (ContentSniffer.isImage(type) && hashes.size() <= MAX_IMAGE_BYTES) {
      return withImage(hashes, type, Files.readAllBytes(file), hasher);
    }
    return new MediaContentFacts(hashes.size(), hashes.md5(), hashes.sha1(), hashes.sha256(),
        null, 0, type, null, null);
  }

  private static MediaContentFacts analyse(byte[] content, ContentHashes hashes,
      PdqHasher hasher) {
    String type = ContentSniffer.typeOf(java.util.Arrays.copyOf(content,
        Math.min(32, content.length)));
    if (ContentSniffer.isImage(type)) {
      return withImage(hashes, type, content, hasher);
    }
    return new MediaContentFacts(hashes.size(), hashes.md5(), hashes.sha1(), hashes.sha256(),
        null, 0, type, null, null);
  }

  private static MediaContentFacts withImage(ContentHashes hashes, String type, byte[] bytes,
      PdqHasher hasher) {
    try {
      BufferedImage image = ImageFiles.decode(bytes);
      PdqResult pdq = hasher.hash(image);
      return new MediaContentFacts(hashes.size(), hashes.md5(), hashes.sha1(), hashes.sha256(),
          pdq.hash().toHex(), pdq.quality(), type, image.getWidth(), image.getHeight());
    } catch (UnreadableImageException e) {
      // Stored all the same (it is what the report named), but without PDQ or a thumbnail.
      return new MediaContentFacts(hashes.size(), hashes.md5(), hashes.sha1(), hashes.sha256(),
          null, 0, type, null, null);
    }
  }
}
