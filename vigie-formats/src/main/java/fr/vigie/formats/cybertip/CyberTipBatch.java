package fr.vigie.formats.cybertip;

import fr.vigie.formats.cybertip.CyberTipReader.Held;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The documents of one zip or folder, read as one batch: report ids are unique across it, and
 * separate {@code <fileDetails>} documents go with their report (docs/formats.md, "Report and
 * fileDetails documents"):
 *
 * <ol>
 *   <li>a fileDetails whose {@code reportId} is the number of a {@code cyberTip} of the batch
 *       joins that record;
 *   <li>the others join the batch's {@code <report>} document when it has exactly one;
 *   <li>any left is rejected, saying why.
 * </ol>
 *
 * <p>So that no record has to wait in memory, the documents are read in this order: every
 * document's root is looked at first (a few KiB each); then the fileDetails documents (held,
 * at most {@link CyberTipLimits#maxRecordChars()} characters in all); then the others in batch
 * order (cyberTips, other formats, refused entries); then the report documents; then the
 * rejections of fileDetails left over.
 */
final class CyberTipBatch implements Iterator<CyberTipOutcome>, CyberTipReader.Batch, Closeable {

  /** How many bytes of a document are looked at for its root element. */
  static final int ROOT_WITHIN = 64 * 1024;

  /** One document of the batch. */
  interface Document {
    /** The name inside the batch (zip entry name, path below the folder). */
    String name();

    /** The name to give in rejections ({@code archive.zip!/entry.xml}). */
    String file();

    /** Why the document is not read, or null. */
    String problem();

    /** The document's bytes, counted against the zip limits. */
    InputStream open() throws IOException;

    /** The first bytes, to find the root element; not counted (bounded by the caller). */
    InputStream peek() throws IOException;
  }

  /** A piece of the reading: what it gives, in order. */
  @FunctionalInterface
  private interface Step {
    Stream<CyberTipOutcome> start() throws IOException;
  }

  private final List<? extends Document> documents;
  private final CyberTipLimits limits;
  private final ReportSource bareReportSource;
  private final CyberTipFiles.EntryFormat others;
  private final Set<String> seen = new HashSet<>();
  private final Map<String, List<Held>> pending = new LinkedHashMap<>();
  /** Each held document's place in the batch, so that they come out in batch order. */
  private final Map<Held, Integer> order = new IdentityHashMap<>();
  private long pendingChars;
  private int reportDocuments;
  private Deque<Step> steps;
  private Stream<CyberTipOutcome> currentStream;
  private Iterator<CyberTipOutcome> current;
  private String currentName = "";
  private CyberTipOutcome ahead;
  private boolean stopped;

  CyberTipBatch(List<? extends Document> documents, CyberTipLimits limits,
      ReportSource bareReportSource, CyberTipFiles.EntryFormat others) {
    this.documents = documents;
    this.limits = limits;
    this.bareReportSource = bareReportSource;
    this.others = others;
  }

  @Override
  public boolean hasNext() {
    while (ahead == null && !stopped) {
      try {
        if (steps == null) {
          plan();
        }
        if (current != null && current.hasNext()) {
          ahead = current.next();
        } else if (current != null) {
          closeCurrent();
        } else if (!steps.isEmpty()) {
          currentStream = steps.poll().start();
          current = currentStream.iterator();
        } else {
          stopped = true;
        }
      } catch (CyberTipFiles.BombException e) {
        stopped = true;
        ahead = new CyberTipOutcome.Rejected(currentName, 0, 0, "", null, e.getMessage(), "");
      } catch (IOException | UncheckedIOException e) {
        // A damaged entry (bad header, bad CRC, cut short) spoils itself, not the others.
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        closeQuietly();
        ahead = new CyberTipOutcome.Rejected(currentName, 0, 0, "", null,
            "could not be read (damaged zip or file?): " + cause.getMessage()
            + ", the next entries are read", "");
      }
    }
    return ahead != null;
  }

  @Override
  public CyberTipOutcome next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CyberTipOutcome o = ahead;
    ahead = null;
    return o;
  }

  private void plan() throws IOException {
    List<Step> fileDetails = new ArrayList<>();
    List<Step> inOrder = new ArrayList<>();
    List<Step> reports = new ArrayList<>();
    for (Document d : documents) {
      String problem = d.problem() != null ? d.problem()
          : CyberTipFiles.entryProblem(d.name(), others == null);
      if (problem != null) {
        inOrder.add(() -> Stream.of(new CyberTipOutcome.Rejected(d.file(), 0, 0, "", null,
            problem, "")));
      } else if (!d.name().toLowerCase(Locale.ROOT).endsWith(".xml")) {
        inOrder.add(() -> other(d));
      } else {
        String root = CyberTipReader.rootName(d.peek(), ROOT_WITHIN);
        if ("fileDetails".equals(root)) {
          fileDetails.add(() -> xml(d));
        } else if ("report".equals(root)) {
          reportDocuments++;
          reports.add(() -> xml(d));
        } else {
          inOrder.add(() -> xml(d));
        }
      }
    }
    steps = new ArrayDeque<>();
    steps.addAll(fileDetails);
    steps.addAll(inOrder);
    steps.addAll(reports);
    steps.add(() -> leftOver().stream());
  }

  private Stream<CyberTipOutcome> xml(Document d) throws IOException {
    currentName = d.file();
    return new CyberTipReader(d.open(), d.file(), limits, bareReportSource, seen, this).stream();
  }

  private Stream<CyberTipOutcome> other(Document d) throws IOException {
    currentName = d.file();
    InputStream in = d.open();
    Stream<CyberTipOutcome> s = others.open(d.name(), d.file(), in, seen);
    if (s == null) {
      in.close();
      return Stream.of(new CyberTipOutcome.Rejected(d.file(), 0, 0, "", null,
          "not a report entry (.xml, .jsonl, .ndjson, .csv), skipped: " + d.name(), ""));
    }
    return s;
  }

  @Override
  public List<Held> filesFor(String reportId) {
    List<Held> files = pending.remove(reportId);
    if (files == null) {
      return List.of();
    }
    for (Held h : files) {
      pendingChars -= h.raw().length();
      order.remove(h);
    }
    return files;
  }

  @Override
  public List<Held> filesForReport() {
    if (reportDocuments != 1 || pending.isEmpty()) {
      return List.of();
    }
    List<Held> all = inBatchOrder();
    pending.clear();
    order.clear();
    pendingChars = 0;
    return all;
  }

  @Override
  public String hold(Held fileDetails) {
    if (pendingChars + fileDetails.raw().length() > limits.maxRecordChars()) {
      return "more separate fileDetails documents wait for their report than "
          + limits.maxRecordChars() + " characters: send fewer per zip or folder";
    }
    pendingChars += fileDetails.raw().length();
    order.put(fileDetails, order.size());
    pending.computeIfAbsent(key(fileDetails), k -> new ArrayList<>()).add(fileDetails);
    return null;
  }

  private List<Held> inBatchOrder() {
    List<Held> all = new ArrayList<>();
    pending.values().forEach(all::addAll);
    all.sort(Comparator.comparing(order::get));
    return all;
  }

  private static String key(Held h) {
    String id = h.node().peekChildText("reportId");
    return id == null ? "" : id;
  }

  private List<CyberTipOutcome> leftOver() {
    List<CyberTipOutcome> out = new ArrayList<>();
    for (Held h : inBatchOrder()) {
      XmlNode idNode = h.node().child("reportId");
      XmlNode at = idNode == null ? h.node() : idNode;
      String id = key(h);
      String reason;
      if (reportDocuments == 0) {
        reason = id.isEmpty()
            ? "fileDetails without reportId, and no report document in this input"
            : "fileDetails of report " + id + ": no such report in this input";
      } else {
        reason = (id.isEmpty() ? "fileDetails without reportId" : "fileDetails of report "
            + id + ", which is not in this input") + ": the input holds " + reportDocuments
            + " report documents without number, which one is its report cannot be told "
            + "(one report and its fileDetails per zip or folder)";
      }
      out.add(new CyberTipOutcome.Rejected(h.node().file(), at.line, at.column, at.path(),
          null, reason, h.raw()));
    }
    pending.clear();
    order.clear();
    return out;
  }

  private void closeQuietly() {
    try {
      closeCurrent();
    } catch (UncheckedIOException e) {
      // already reported as the entry's rejection
    }
  }

  private void closeCurrent() {
    Stream<CyberTipOutcome> s = currentStream;
    currentStream = null;
    current = null;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public void close() {
    stopped = true;
    closeCurrent();
  }
}
