package fr.vigie.app.triage;

import java.util.List;

/**
 * One page of a queue.
 *
 * @param total how many suspects match the filter within the caller's scope, counted up to
 *     {@link #COUNT_CAP} + 1 (above the cap, {@link #capped()} says so)
 * @param next the cursor of the next page, null on the last
 */
public record QueuePage(List<QueueRow> rows, long total, String next) {

  /** Counting stops here: beyond it the page says "more than 10,000". */
  public static final int COUNT_CAP = 10_000;

  public QueuePage {
    rows = List.copyOf(rows);
  }

  /** Returns whether the count stopped at the cap. */
  public boolean capped() {
    return total > COUNT_CAP;
  }
}
