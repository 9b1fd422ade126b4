package fr.vigie.app.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The progress of {@code vigie import reports} on standard error: on a terminal a bar redrawn in
 * place with reports/s and the time left; otherwise (a log, a pipe, a CI) a plain line every
 * {@link #PLAIN_EVERY_MILLIS}, since carriage returns would fill a log with noise.
 *
 * <p>The share done is by bytes: the bytes of the files finished plus those read of the current
 * one (a zip counts when it is done), against the total size of the inputs. The time left
 * assumes the rest goes at the pace so far.
 */
final class ImportProgress {

  static final long TERMINAL_EVERY_MILLIS = 250;
  static final long PLAIN_EVERY_MILLIS = 10_000;
  private static final int BAR_WIDTH = 24;

  private final PrintWriter err;
  private final boolean terminal;
  private final long totalBytes;
  private final int fileCount;
  private final LongAdder records;
  /** Bytes read of the current file (see IntakeFiles.countBytes). */
  final LongAdder currentBytes = new LongAdder();
  private volatile long finishedBytes;
  private volatile int fileNumber;
  private final long started = System.nanoTime();
  private Thread ticker;
  private int lastWidth;

  ImportProgress(PrintWriter err, boolean terminal, long totalBytes, int fileCount,
      LongAdder records) {
    this.err = err;
    this.terminal = terminal;
    this.totalBytes = totalBytes;
    this.fileCount = fileCount;
    this.records = records;
  }

  /** Starts redrawing; call {@link #stop()} at the end. */
  ImportProgress start() {
    ticker = Thread.ofPlatform().daemon().name("vigie-import-progress").start(() -> {
      try {
        while (true) {
          Thread.sleep(terminal ? TERMINAL_EVERY_MILLIS : PLAIN_EVERY_MILLIS);
          draw();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    return this;
  }

  /** The next file is starting (1-based). */
  void startFile(int number) {
    fileNumber = number;
    currentBytes.reset();
  }

  /** The current file is done (or failed): its whole size counts as read. */
  void finishFile(long size) {
    finishedBytes += size;
    currentBytes.reset();
  }

  void stop() throws InterruptedException {
    if (ticker != null) {
      ticker.interrupt();
      ticker.join();
    }
    if (terminal && lastWidth > 0) {
      err.print("\r" + " ".repeat(lastWidth) + "\r");
      err.flush();
    }
  }

  private synchronized void draw() {
    double seconds = (System.nanoTime() - started) / 1e9;
    long done = Math.min(totalBytes, finishedBytes + currentBytes.sum());
    String line = terminal
        ? bar(records.sum(), seconds, done, totalBytes, fileNumber, fileCount)
        : plain(records.sum(), seconds, done, totalBytes, fileNumber, fileCount);
    if (terminal) {
      String padded = line + " ".repeat(Math.max(0, lastWidth - line.length()));
      lastWidth = line.length();
      err.print("\r" + padded);
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** {@code [#######-----]  58%  12,345 reports  3,210 reports/s  ETA 0:42  file 2/5}. */
  static String bar(long records, double seconds, long doneBytes, long totalBytes, int file,
      int files) {
    double share = totalBytes <= 0 ? 0 : Math.min(1, (double) doneBytes / totalBytes);
    int filled = (int) Math.round(share * BAR_WIDTH);
    return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
        + String.format(Locale.ROOT, "%3d%%  ", Math.round(share * 100))
        + counts(records, seconds) + "  ETA " + eta(seconds, share)
        + (files > 1 ? "  file " + file + "/" + files : "");
  }

  /** {@code import: 58%, 12,345 reports, 3,210 reports/s, ETA 0:42, file 2/5}. */
  static String plain(long records, double seconds, long doneBytes, long totalBytes, int file,
      int files) {
    double share = totalBytes <= 0 ? 0 : Math.min(1, (double) doneBytes / totalBytes);
    return String.format(Locale.ROOT, "import: %d%%, ", Math.round(share * 100))
        + counts(records, seconds).replace("  ", ", ") + ", ETA " + eta(seconds, share)
        + (files > 1 ? ", file " + file + "/" + files : "");
  }

  private static String counts(long records, double seconds) {
    return String.format(Locale.ROOT, "%,d reports  %,.0f reports/s", records,
        records / Math.max(1e-3, seconds));
  }

  /** {@code 1:02:03}, {@code 4:05}, or {@code --:--} while nothing is known. */
  static String eta(double seconds, double share) {
    if (share <= 0 || seconds <= 0) {
      return "--:--";
    }
    long left = Math.round(seconds * (1 - share) / share);
    long h = left / 3600;
    long m = left / 60 % 60;
    long s = left % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }

  /**
   * True when standard error is a terminal. Java has no isatty: on Linux the target of
   * /proc/self/fd/2 tells; elsewhere {@code Console.isTerminal()} (Java 22+; since then
   * {@code System.console()} is no longer null when redirected), else a non-null console.
   */
  static boolean stderrIsTerminal() {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Path fd = Path.of("/proc/self/fd/2");
    if (Files.exists(Path.of("/proc/self/fd"))) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (Exception e) {
        return false;
      }
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
