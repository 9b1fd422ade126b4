package fr.vigie.hashing.scan;

import fr.vigie.hashing.scan.ScanOutcome.Kind;
import fr.vigie.hashing.scan.ScanOutcome.Reason;
import fr.vigie.hashing.scan.ScanOutcome.Skipped;
import fr.vigie.hashing.scan.ScanOutcome.Unreadable;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Walks a folder tree and hashes every regular file in it with a fixed number of worker threads.
 *
 * <p>The calling thread lists the tree (depth first, one open directory per level) and hands each
 * entry to the workers through a bounded queue, so it waits when they fall behind: memory depends
 * on the thread count and the depth of the tree, never on the number of files. Each worker reads a
 * file once for its MD5, SHA-1 and SHA-256, and for files whose first bytes are those of a JPEG,
 * PNG, GIF, BMP (or WebP, with a plug-in) decodes the same bytes for PDQ; it then asks
 * {@link KnownContent} for matches and passes the {@link ScanOutcome} to the sink.
 *
 * <p>Rules: files are opened read-only and nothing is created in the tree; symbolic links are
 * never followed (reported as {@link Kind#LINK_INSIDE}, {@link Kind#LINK_OUTSIDE} or
 * {@link Kind#LINK_BROKEN}); FIFOs, sockets and devices are reported as {@link Kind#SPECIAL_FILE}
 * without being opened; an entry that fails is reported and the scan carries on.
 *
 * <p>An instance holds only settings and may run several scans, one after the other or at once.
 */
public final class TreeScanner {

  /** Queue slots per worker: enough to hide the listing's latency, small enough to not matter. */
  private static final int QUEUE_PER_THREAD = 256;

  private final int threads;
  private final KnownContent known;
  private final Supplier<FileHasher> hashers;

  /**
   * Returns a scanner with {@code threads} workers that matches against {@code known}.
   *
   * @throws IllegalArgumentException if threads is not 1 to 256
   */
  public TreeScanner(int threads, KnownContent known) {
    this(threads, known, () -> new FileHasher(known));
  }

  TreeScanner(int threads, KnownContent known, Supplier<FileHasher> hashers) {
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads must be 1..256, was " + threads);
    }
    this.threads = threads;
    this.known = Objects.requireNonNull(known, "known");
    this.hashers = hashers;
  }

  /** Returns a scanner that only hashes, with {@code threads} workers. */
  public static TreeScanner hashingOnly(int threads) {
    return new TreeScanner(threads, KnownContent.NONE);
  }

  /**
   * Scans the tree under {@code root} and returns when every entry has been passed to the sink.
   * If {@code root} is itself a symbolic link, the directory it points to is scanned (the user
   * named it); links inside are not followed.
   *
   * @param progress counters to update; a new one per scan
   * @throws IOException if the root is not a directory or cannot be listed
   * @throws ScanAbortedException if the sink threw, or a worker failed on a bug
   * @throws InterruptedException if the calling thread was interrupted; workers are stopped
   */
  public void scan(Path root, ScanSink sink, ScanProgress progress)
      throws IOException, InterruptedException {
    Path realRoot = root.toRealPath();
    if (!Files.isDirectory(realRoot)) {
      throw new java.nio.file.NotDirectoryException(root.toString());
    }
    try (var listing = Files.newDirectoryStream(realRoot)) {
      // Fails now, with the reason, if the root itself cannot be listed.
    }
    progress.started();
    BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(threads * QUEUE_PER_THREAD);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      Worker worker = new Worker(realRoot, hashers.get(), queue, sink, progress, failure);
      workers.add(Thread.ofPlatform().name("vigie-scan-" + i).start(worker));
    }
    try {
      Files.walkFileTree(realRoot, new Lister(realRoot, queue, failure));
    } catch (InterruptedIOException e) {
      failure.compareAndSet(null, e.getCause());
    } finally {
      stop(workers, queue);
      progress.finished();
    }
    Throwable t = failure.get();
    if (t instanceof InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw ie;
    }
    if (t != null) {
      throw new ScanAbortedException("scan of " + root + " stopped: " + t, t);
    }
  }

  /** Sends one end marker per worker and waits for them, even if this thread is interrupted. */
  private static void stop(List<Thread> workers, BlockingQueue<Entry> queue) {
    boolean interrupted = false;
    for (int i = 0; i < workers.size(); i++) {
      while (true) {
        try {
          queue.put(Entry.END);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    for (Thread worker : workers) {
      while (true) {
        try {
          worker.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** One listed entry: attributes read without following links, or the error listing it. */
  private record Entry(Path file, BasicFileAttributes attrs, IOException error) {
    static final Entry END = new Entry(null, null, null);
  }

  /** Carries an interrupt out of {@link Files#walkFileTree}, which only lets IOException through. */
  private static final class InterruptedIOException extends IOException {
    InterruptedIOException(InterruptedException cause) {
      super(cause);
    }
  }

  private static final class Lister extends SimpleFileVisitor<Path> {
    private final Path root;
    private final BlockingQueue<Entry> queue;
    private final AtomicReference<Throwable> failure;

    Lister(Path root, BlockingQueue<Entry> queue, AtomicReference<Throwable> failure) {
      this.root = root;
      this.queue = queue;
      this.failure = failure;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      return put(new Entry(file, attrs, null));
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
      return put(new Entry(file, null, exc));
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
      // An error part way through a listing: the entries before it were reported already.
      return exc == null || dir.equals(root) ? FileVisitResult.CONTINUE
          : put(new Entry(dir, null, exc));
    }

    private FileVisitResult put(Entry entry) throws IOException {
      if (failure.get() != null) {
        return FileVisitResult.TERMINATE;
      }
      try {
        queue.put(entry);
      } catch (InterruptedException e) {
        throw new InterruptedIOException(e);
      }
      return FileVisitResult.CONTINUE;
    }
  }

  private static final class Worker implements Runnable {
    private final Path root;
    private final FileHasher hasher;
    private final BlockingQueue<Entry> queue;
    private final ScanSink sink;
    private final ScanProgress progress;
    private final AtomicReference<Throwable> failure;

    Worker(Path root, FileHasher hasher, BlockingQueue<Entry> queue, ScanSink sink,
        ScanProgress progress, AtomicReference<Throwable> failure) {
      this.root = root;
      this.hasher = hasher;
      this.queue = queue;
      this.sink = sink;
      this.progress = progress;
      this.failure = failure;
    }

    @Override
    public void run() {
      while (true) {
        Entry entry;
        try {
          entry = queue.take();
        } catch (InterruptedException e) {
          failure.compareAndSet(null, e);
          continue; // keep draining until END so the lister never blocks
        }
        if (entry == Entry.END) {
          return;
        }
        if (failure.get() != null) {
          continue;
        }
        try {
          ScanOutcome outcome = process(entry);
          sink.accept(outcome);
          progress.count(outcome);
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }
    }

    private ScanOutcome process(Entry entry) {
      Path relative = root.relativize(entry.file());
      if (entry.error() != null) {
        return FileHasher.failure(relative, entry.error());
      }
      BasicFileAttributes attrs = entry.attrs();
      if (attrs.isSymbolicLink()) {
        return link(entry.file(), relative);
      }
      if (attrs.isRegularFile()) {
        return hasher.hash(entry.file(), relative, attrs.lastModifiedTime().toInstant());
      }
      if (attrs.isDirectory()) {
        // Only when walkFileTree could not open a directory it had listed; reported via error.
        return new Unreadable(relative, Reason.IO_ERROR, "directory not walked");
      }
      return new Skipped(relative, Kind.SPECIAL_FILE, "FIFO, socket or device: not opened");
    }

    /**
     * A link is resolved only to say where it points; it is never opened. A target inside the tree
     * is hashed at its own path, so following the link would hash it twice (and a link to a parent
     * would loop); a target outside is not part of what was seized.
     */
    private Skipped link(Path file, Path relative) {
      String text;
      try {
        text = Files.readSymbolicLink(file).toString();
      } catch (IOException e) {
        text = "?";
      }
      Path target;
      try {
        target = file.toRealPath();
      } catch (NoSuchFileException e) {
        return new Skipped(relative, Kind.LINK_BROKEN, "-> " + text);
      } catch (IOException e) {
        return new Skipped(relative, Kind.LINK_BROKEN, "-> " + text + " (" + e.getMessage() + ")");
      }
      if (target.startsWith(root)) {
        Path inside = root.relativize(target);
        return new Skipped(relative, Kind.LINK_INSIDE,
            "-> " + (inside.toString().isEmpty() ? "." : inside.toString()));
      }
      return new Skipped(relative, Kind.LINK_OUTSIDE, "-> " + text);
    }
  }
}
