package fr.vigie.app.media;

import fr.vigie.app.audit.AuditAction;
import fr.vigie.app.audit.AuditActor;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
  private final long maxContentBytes;

  MediaImport(MediaStore store, MediaRecords records, MediaMatching matching, AuditLog audit,
      Clock clock, MediaSettings settings) {
    this.maxContentBytes = settings.maxContentBytes();
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
   * Imports the files (not folders: the caller walks them; a zip counts as the files in it)
   * and returns what happened; the import is on the audit record under {@code actor}, as a
   * command-line import (role CLI, from this host).
   *
   * @param progress incremented once per file
   */
  public MediaImportSummary importFiles(List<Path> files, String actor, LongAdder progress) {
    Run run = new Run();
    for (Path file : files) {
      try {
        if (file.toAbsolutePath().normalize().startsWith(store.root())) {
          throw new IOException("inside the media store; not read");
        }
        if (isZip(file)) {
          importZip(file, run);
        } else {
          run.files++;
          ContentHashes hashes = run.digester.digest(file);
          run.one(file.toString(), hashes, () -> analyse(file, hashes, run.hasher),
              () -> store.put(file, hashes.sha256()));
        }
      } catch (IOException | RuntimeException e) {
        run.unreadable.add(file + ": " + message(e));
      } finally {
        progress.increment();
      }
    }
    matching.requestMatch(List.copyOf(run.attached));
    MediaImportSummary summary = new MediaImportSummary(run.files, run.stored, run.already,
        run.attached.size(), run.unmatched, run.mismatches, run.unreadable);
    audit.record(AuditActor.commandLine(actor).event(AuditAction.CREATE, "media_content", null,
        null).withDetail(String.format(Locale.ROOT,
            "files=%d stored=%d already=%d rows=%d unmatched=%d mismatches=%d unreadable=%d",
            summary.files(), summary.stored(), summary.alreadyStored(), summary.attachedRows(),
            run.unmatched.size(), run.mismatches.size(), run.unreadable.size())));
    return summary;
  }

  /**
   * A zip (e.g. the pictures that came with a batch of reports): each entry counts as a file,
   * named {@code ZIP!/ENTRY}; an entry over the size cap is refused unread (zip bombs).
   */
  private void importZip(Path zip, Run run) throws IOException {
    long cap = Math.min(Integer.MAX_VALUE - 16, maxContentBytes);
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          continue;
        }
        String name = zip + "!/" + entry.getName();
        run.files++;
        byte[] bytes = in.readNBytes((int) cap + 1);
        if (bytes.length > cap) {
          run.unreadable.add(name + ": larger than " + cap + " bytes; not read");
          continue;
        }
        ContentHashes hashes = run.digester.digest(bytes);
        try {
          run.one(name, hashes, () -> analyse(bytes, hashes, run.hasher),
              () -> store.put(bytes));
        } catch (IOException | RuntimeException e) {
          run.unreadable.add(name + ": " + message(e));
        }
      }
    }
  }

  private static boolean isZip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3
          && head[3] == 4;
    }
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** What to compute from the content, and how to store it, for one file or zip entry. */
  private interface ContentStep<T> {
    T get() throws IOException;
  }

  /** The tallies of one {@code importFiles} call. */
  private final class Run {
    final ContentDigester digester = new ContentDigester();
    final PdqHasher hasher = new PdqHasher();
    final Set<Long> attached = new LinkedHashSet<>();
    final List<String> unmatched = new ArrayList<>();
    final List<String> mismatches = new ArrayList<>();
    final List<String> unreadable = new ArrayList<>();
    int files;
    int stored;
    int already;

    Run() {}

    /** One file's content: find the rows that declared it, store it, record it on them. */
    void one(String name, ContentHashes hashes, ContentStep<MediaContentFacts> analyse,
        ContentStep<Boolean> put) throws IOException {
      List<DeclaredMedia> rows = records.declaring(hashes.md5(), hashes.sha1(),
          hashes.sha256());
      if (rows.isEmpty()) {
        unmatched.add(name);
        return;
      }
      MediaContentFacts facts = analyse.get();
      if (put.get()) {
        stored++;
      } else {
        already++;
      }
      for (DeclaredMedia row : rows) {
        String mismatch = records.attachContent(row.id(), facts, clock.instant());
        if (mismatch != null) {
          mismatches.add("media " + row.id() + " (" + name + "): " + mismatch);
        }
        attached.add(row.id());
      }
    }
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
