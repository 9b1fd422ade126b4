package fr.vigie.app.intake.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records refused with nothing kept to correct (a zip entry that is not a report, a document of
 * zeros, an XML file cut short), summarised by reason: a count, where the first one was and the
 * names of the first {@link #EXAMPLES} ({@code import_refusals}). A quarantine row each would
 * hold nothing to re-import, and a zip of 20,000 pictures made 20,000 of them.
 *
 * <p>At most {@link #MAX_REASONS} reasons a job; the refusals past that are counted under
 * {@link #OTHER_REASONS}. Not thread-safe.
 */
public final class Refusals {

  /** Names kept a reason: enough to find the files, few enough to read. */
  public static final int EXAMPLES = 5;
  /** Reasons kept a job. */
  public static final int MAX_REASONS = 100;
  /** The reason the refusals past {@link #MAX_REASONS} reasons are counted under. */
  public static final String OTHER_REASONS = "other reasons (more than " + MAX_REASONS
      + " kinds in one input)";
  /** Room for a reason in {@code import_refusals.reason}, which is unique per job. */
  static final int REASON_CHARS = 600;

  /** One reason: how many records it refused, the first of them, and the first few names. */
  public record Summary(String reason, long occurrences, String firstFile, long firstLine,
      long firstColumn, String firstField, List<String> examples) {

    public Summary {
      examples = List.copyOf(examples);
    }

    /** How many were refused beyond the names kept. */
    public long more() {
      return Math.max(0, occurrences - examples.size());
    }
  }

  private final Map<String, Builder> byReason = new LinkedHashMap<>();
  /** Reasons counted here that the {@code known} given to {@link #add} did not have. */
  private int newReasons;
  private long total;

  /**
   * Counts a refusal; {@code known} are the reasons already counted for the job (null: none), so
   * that the cap holds across batches.
   */
  public void add(String file, long line, long column, String field, String reason,
      Refusals known) {
    String kind = kindOf(file, reason);
    boolean knownBefore = known != null && known.byReason.containsKey(kind);
    boolean seen = knownBefore || byReason.containsKey(kind);
    int kinds = (known == null ? 0 : known.byReason.size()) + newReasons;
    if (!seen && kinds >= MAX_REASONS) {
      kind = OTHER_REASONS;
      knownBefore = known != null && known.byReason.containsKey(kind);
    }
    Builder b = byReason.get(kind);
    if (b == null) {
      b = new Builder(kind, file, line, column, field);
      byReason.put(kind, b);
      newReasons += knownBefore ? 0 : 1;
    }
    b.add(file);
    total++;
  }

  /** Adds what {@code other} counted (a batch once committed). */
  public void addAll(Refusals other) {
    for (Builder b : other.byReason.values()) {
      if (!byReason.containsKey(b.reason)) {
        newReasons++;
      }
      Builder mine = byReason.computeIfAbsent(b.reason, k -> new Builder(k, b.firstFile,
          b.firstLine, b.firstColumn, b.firstField));
      mine.occurrences += b.occurrences;
      for (String name : b.examples) {
        if (mine.examples.size() < EXAMPLES) {
          mine.examples.add(name);
        }
      }
    }
    total += other.total;
  }

  /** Refusals counted. */
  public long total() {
    return total;
  }

  public boolean isEmpty() {
    return total == 0;
  }

  /** The reasons in the order first met. */
  public List<Summary> summaries() {
    List<Summary> out = new ArrayList<>(byReason.size());
    for (Builder b : byReason.values()) {
      out.add(new Summary(b.reason, b.occurrences, b.firstFile, b.firstLine, b.firstColumn,
          b.firstField, b.examples));
    }
    return out;
  }

  /** Every reason's text, as given (without the names cut off). */
  public Collection<String> reasons() {
    return byReason.keySet();
  }

  /**
   * The reason a refusal is counted under: its reason, without the entry name that readers put
   * at the end of some ("not a report entry (…), skipped: photos/img-0001.png"), since that
   * name is what differs between the 20,000 refusals of one kind; cut to fit its column.
   */
  static String kindOf(String file, String reason) {
    String r = reason == null || reason.isBlank() ? "refused" : reason.strip();
    int colon = r.lastIndexOf(": ");
    if (colon > 0 && file != null) {
      String tail = r.substring(colon + 2).replace('\\', '/');
      if (!tail.isEmpty() && file.replace('\\', '/').endsWith(tail)) {
        r = r.substring(0, colon);
      }
    }
    return r.length() <= REASON_CHARS ? r : r.substring(0, REASON_CHARS - 1) + "…";
  }

  private static final class Builder {
    final String reason;
    final String firstFile;
    final long firstLine;
    final long firstColumn;
    final String firstField;
    final List<String> examples = new ArrayList<>(EXAMPLES);
    long occurrences;

    Builder(String reason, String firstFile, long firstLine, long firstColumn,
        String firstField) {
      this.reason = reason;
      this.firstFile = firstFile;
      this.firstLine = firstLine;
      this.firstColumn = firstColumn;
      this.firstField = firstField;
    }

    void add(String file) {
      occurrences++;
      if (examples.size() < EXAMPLES) {
        examples.add(file);
      }
    }
  }
}
